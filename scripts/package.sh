#!/usr/bin/env bash
# Builds the Debian package from the release build: one program that is both
# the app (/usr/bin/gantry-app) and the command (/usr/bin/gantry, a link to
# it), its menu entry, icons, the .gantry file type, the manual pages, shell
# completions, the copyright file and the changelog. The report fonts come
# from Debian's font packages, which the package depends on. Offline: the
# package is assembled with dpkg-deb from what cargo built.
# Prints the path of the package on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
target="${CARGO_TARGET_DIR:-target}"
case $target in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR="$target"

# scripts/test.sh has built the frontend just before; building it again
# would give the app's build new files to embed and compile it once more.
[[ ${GANTRY_UI_BUILT:-} == 1 ]] || (cd ui && npm run --silent build) >&2
# The same command as scripts/test.sh's build, so that when the tests have
# run, this finds everything built and packages the binary they tested.
cargo build --release --locked --workspace --all-targets >&2

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
changelog_version=$(sed -n '1s/^gantry (\([^)]*\)).*/\1/p' packaging/changelog)
if [[ $version != "$changelog_version" ]]; then
  echo "packaging/changelog's newest entry is $changelog_version; the workspace is $version." >&2
  exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/gantry
inst() { install -D -m "$1" "$2" "$root/$3"; }

inst 0755 "$target/release/gantry-app" usr/bin/gantry-app
ln -s gantry-app "$root/usr/bin/gantry"
inst 0644 packaging/gantry.desktop usr/share/applications/gantry.desktop
inst 0644 packaging/gantry-mime.xml usr/share/mime/packages/gantry.xml
inst 0644 packaging/lintian-overrides usr/share/lintian/overrides/gantry
inst 0644 src-tauri/icons/32x32.png usr/share/icons/hicolor/32x32/apps/gantry-app.png
inst 0644 src-tauri/icons/128x128.png usr/share/icons/hicolor/128x128/apps/gantry-app.png
inst 0644 src-tauri/icons/128x128@2x.png usr/share/icons/hicolor/256x256/apps/gantry-app.png
inst 0644 src-tauri/icons/icon.png usr/share/icons/hicolor/512x512/apps/gantry-app.png
inst 0644 src-tauri/icons/icon.svg usr/share/icons/hicolor/scalable/apps/gantry-app.svg

# The manual pages and completions, from the command's own definition.
gantry=$target/release/gantry-app
man=$root/usr/share/man/man1
mkdir -p "$man"
"$gantry" manpages "$man"
gzip -9n "$man"/*.1
ln -s gantry.1.gz "$man/gantry-app.1.gz"
"$gantry" completions bash > "$stage/gantry.bash"
"$gantry" completions zsh > "$stage/_gantry"
"$gantry" completions fish > "$stage/gantry.fish"
inst 0644 "$stage/gantry.bash" usr/share/bash-completion/completions/gantry
inst 0644 "$stage/_gantry" usr/share/zsh/vendor-completions/_gantry
inst 0644 "$stage/gantry.fish" usr/share/fish/vendor_completions.d/gantry.fish

doc=$root/usr/share/doc/gantry
mkdir -p "$doc"
python3 packaging/copyright.py ui/node_modules/@fontsource-variable/inter/LICENSE > "$doc/copyright"
gzip -9n < packaging/changelog > "$doc/changelog.gz"
chmod 0644 "$doc"/*

# What the binary links against, as Debian's own tool reads it.
mkdir -p "$stage/shlibs/debian"
printf 'Source: gantry\n\nPackage: gantry\nArchitecture: any\n' > "$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O -e "$root/usr/bin/gantry-app" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[[ -n $depends ]] || { echo "dpkg-shlibdeps found no libraries for gantry-app." >&2; exit 1; }

mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" packaging/control.in > "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +

out=$target/release/bundle/deb
mkdir -p "$out"
rm -f "$out"/*.deb
deb=$out/gantry_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
echo "$deb"
