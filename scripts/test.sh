#!/usr/bin/env bash
# Runs every check and test: lint and types, frontend unit tests, the Rust
# workspace's tests, the Debian package, and the end-to-end stories on the
# built app under Xvfb. Prints how long each step took.
#
# Every cargo call selects the whole workspace (`--workspace`, narrowed with
# `--test NAME`) in the release profile, so features resolve one way and
# each crate is compiled once: the tests, the package and the end-to-end
# stories all use the same build of the same binary.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target="${CARGO_TARGET_DIR:-target}"
case $target in /*) ;; *) target="$PWD/$target" ;; esac

step="" step_start=$SECONDS
took() {
  [[ -n $step ]] && printf '    %s took %d min %02d s\n' "$step" $(((SECONDS - step_start) / 60)) $(((SECONDS - step_start) % 60))
  return 0
}
say() {
  took
  step=$1 step_start=$SECONDS
  printf '\033[1m==> %s\033[0m\n' "$1"
}
trap 'status=$?; took; printf "All steps: %d min %02d s (exit %d)\n" $((SECONDS / 60)) $((SECONDS % 60)) $status' EXIT
cargo_test() { cargo test --release --workspace --locked "$@"; }

say "Set-up: Debian packages, npm packages, tauri-driver"
scripts/setup.sh --tests

say "Frontend: types, unit tests, build"
(cd ui && npm run --silent check && npm test --silent && npm run --silent build)

say "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

say "Rust: build everything once"
cargo build --release --workspace --all-targets --locked

say "Rust: tests"
# The crash loop runs on its own, so the figures it prints are shown.
cargo_test -- --skip acknowledged_edits_survive --skip the_crash_harness_sees

say "Crash safety: random commands killed at random moments"
cargo_test --test crash -- --nocapture 2>&1 | grep -E "^(crash loop|broken mode|kill |test result)"

say "Safety figures: faults, hostile files, undo, import"
cargo_test --test faults -- --nocapture 2>&1 | grep -E "^(fault|test result)"
for t in hostile undo import; do
  cargo_test --test "$t" -- --nocapture 2>&1 | grep -E "^(hostile files|hostile CSV files|undo:|import:|test result)"
done

say "Fuzz: the readers of MS Project, GanttProject and CSV files, 20 s each"
scripts/fuzz.sh 20

say "The Debian package: build and check it"
deb=$(GANTRY_UI_BUILT=1 scripts/package.sh | tail -n 1)
GANTRY_DEB="$deb" cargo_test --test package -- --ignored --nocapture

say "End to end: the built app in WebKitGTK under Xvfb"
GANTRY_APP="$target/release/gantry-app" \
  xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
  cargo test --release --workspace --locked --test e2e -- --ignored --test-threads=1 --nocapture
