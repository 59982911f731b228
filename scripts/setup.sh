#!/usr/bin/env bash
# Installs what Gantry needs to build, run and test, and nothing twice:
# Debian packages, the frontend's npm packages, and (for tests) tauri-driver
# and cargo-fuzz.
# Usage: scripts/setup.sh [--tests]
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[[ "${1:-}" == "--tests" ]] && want_tests=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; exit 1
  fi
}

# Debian packages: WebKitGTK and friends for the app, the report fonts
# (DejaVu Sans, Droid Sans Fallback) that reports read at run time, and
# python3 for the package's copyright file; for the tests, Xvfb, D-Bus and
# the WebKit WebDriver for the end-to-end stories, with xdotool and
# ImageMagick to find and capture the window, poppler for reading PDFs, and
# lintian, man and the desktop file checker for the package.
packages=(build-essential pkg-config file python3 libwebkit2gtk-4.1-dev libxdo-dev librsvg2-dev libssl-dev fonts-dejavu-core fonts-droid-fallback)
if $want_tests; then
  packages+=(webkit2gtk-driver xvfb xauth dbus dbus-x11 xdotool imagemagick poppler-utils desktop-file-utils lintian man-db)
  # A Java runtime and Python's venv for MPXJ, the third-party reader the
  # export is checked with (when the machine has none of its own).
  command -v java >/dev/null || packages+=(default-jre-headless)
  python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Toolchains that the machine must bring.
command -v cargo >/dev/null || { echo "Rust (cargo) is missing: install it with rustup." >&2; exit 1; }
if ! command -v node >/dev/null; then
  say "Installing Node.js from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "Node.js 20 or newer is needed for the frontend build (found $(node --version))." >&2
  exit 1
fi

# The frontend's packages, exactly as locked; again only when the lock changed.
stamp=ui/node_modules/.gantry-lock
if [[ ! -f $stamp ]] || ! cmp -s ui/package-lock.json "$stamp"; then
  say "Installing the frontend's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi

# tauri-driver, the WebDriver bridge for the end-to-end tests, from crates.io.
if $want_tests && ! command -v tauri-driver >/dev/null; then
  say "Installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked
fi

# cargo-fuzz, which runs the file readers' fuzz targets (scripts/fuzz.sh).
if $want_tests && ! command -v cargo-fuzz >/dev/null; then
  say "Installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# The third-party readers the exports are checked with, in a Python of the
# tests' own (crates/gantry-api/tests/third_party.rs runs it): MPXJ (PyPI
# mpxj, with jpype1 to reach its Java classes) and icalendar.
mpxj_python="$HOME/.cache/gantry/python"
if $want_tests && ! "$mpxj_python/bin/python3" -c "import mpxj, jpype, icalendar" 2>/dev/null; then
  say "Installing MPXJ and icalendar for the export checks"
  python3 -m venv "$mpxj_python"
  "$mpxj_python/bin/python3" -m pip install --quiet --disable-pip-version-check mpxj==16.10.0 jpype1==1.7.1 icalendar==7.3.2
fi
