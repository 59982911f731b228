#!/usr/bin/env bash
# Runs every check and test: lint and types, frontend unit tests, the Rust
# workspace's tests, and the end-to-end stories on the built app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="$HOME/.cargo/bin:$PATH"
target="${CARGO_TARGET_DIR:-target}"
case $target in /*) ;; *) target="$PWD/$target" ;; esac
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "Frontend: types, unit tests, build"
(cd ui && npm run --silent check && npm test --silent && npm run --silent build)

say "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Rust: build everything once"
cargo build --workspace --all-targets --locked

say "Rust: tests"
# The crash loop runs on its own, so the figures it prints are shown.
cargo test --workspace --locked -- --skip acknowledged_edits_survive --skip the_crash_harness_sees
say "Crash safety: random commands killed at random moments"
cargo test -p gantry-api --test crash --locked -- --nocapture 2>&1 | grep -E "^(crash loop|broken mode|kill |test result)"
say "Safety figures: faults, hostile files, undo, import"
cargo test -p gantry-store --test faults --locked -- --nocapture 2>&1 | grep -E "^(fault|test result)"
for t in hostile undo import; do
  cargo test -p gantry-api --test "$t" --locked -- --nocapture 2>&1 | grep -E "^(hostile files|undo:|import:|test result)"
done

say "The Debian package: build and check it"
deb=$(scripts/package.sh | tail -n 1)
GANTRY_DEB="$deb" cargo test -p gantry-tests --test package --locked -- --ignored --nocapture

say "End to end: the built app in WebKitGTK under Xvfb"
GANTRY_APP="$target/debug/gantry-app" \
  xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
  cargo test -p gantry-tests --test e2e --locked -- --ignored --test-threads=1 --nocapture
