#!/usr/bin/env bash
# Builds the Debian package: the app and the `gantry` command, with menu
# entry, icons and the .gantry file association. Offline: the Tauri CLI comes
# from the npm registry as a prebuilt package, and only the .deb bundle is
# made. Prints the path of the package on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
target="${CARGO_TARGET_DIR:-target}"
case $target in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR="$target"

(cd ui && npm run --silent build) >&2
# The command is built as part of the app's workspace build (`-p` both,
# only its binary). Built alone, it resolves the features of the crates it
# shares with the app differently (memchr, serde_json, syn, …), and all
# above them, the typesetter among them, would be compiled a second time
# in release. This way `tauri build` finds those crates built.
cargo build --release --locked -p gantry-cli -p gantry-app --bin gantry >&2
# The CLI goes in as /usr/bin/gantry; its path is only known here. The
# other files repeat tauri.conf.json's, which this list replaces.
extra=$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/gantry":"%s","/usr/share/mime/packages/gantry.xml":"../packaging/gantry-mime.xml","/usr/share/doc/gantry/fonts/Inter-LICENSE.txt":"../ui/node_modules/@fontsource-variable/inter/LICENSE"}}}}}' \
  "$target/release/gantry")
rm -f "$target"/release/bundle/deb/*.deb
ui/node_modules/.bin/tauri build --ci --bundles deb --config "$extra" >&2
ls "$target"/release/bundle/deb/*.deb
