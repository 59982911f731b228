#!/usr/bin/env bash
# The UI benchmark mode: builds the release app, generates plans of 5,000,
# 10,000 and 100,000 tasks, opens them in WebKitGTK under Xvfb and prints
# what the page measured (Gantt: first frame, scrolling and zooming frame
# rates, drag preview latency; board: first frame, scrolling a long column,
# dragging a card), each after a line that says how busy the machine is.
# Numbers only; nothing fails on a slow machine. One app
# at a time: Gantry is single-instance, so a second launch would hand over.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
target="${CARGO_TARGET_DIR:-target}"
case $target in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR="$target"
(cd ui && npm run --silent build)
cargo build --release --locked --workspace --all-targets
export GANTRY_APP="$target/release/gantry-app"
export GANTRY_BENCH_DIR="$target/bench"
mkdir -p "$GANTRY_BENCH_DIR"
# The numbers are printed on stdout; WebKit's and D-Bus's own messages go to
# a log, so that none lands in the middle of a line of numbers. The test
# runner names each test on the line its first number is printed on.
xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- \
  cargo test --release --locked --workspace --test bench -- --ignored --nocapture --test-threads=1 \
  2>"$GANTRY_BENCH_DIR/messages.log" | sed -n -E 's/^test [a-z0-9_]+ \.\.\. //; /^(10+ tasks|board|workload|machine|test result)/p'
