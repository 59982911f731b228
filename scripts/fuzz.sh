#!/usr/bin/env bash
# Fuzzes the readers of other tools' files (fuzz/fuzz_targets: MS Project
# XML, GanttProject, CSV), each for SECONDS (default 20), starting from the
# fixtures and the test data. A crash stops the run with the input kept in
# fuzz/artifacts/TARGET/; turn it into a test before fixing it.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-20}"
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(mspdi gan csv)
target_dir="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"
corpus="$target_dir/corpus"
mkdir -p "$corpus"/{mspdi,gan,csv}
cp -n ../shared/fixtures/mspdi/*.xml "$corpus/mspdi/" 2>/dev/null || true
cp -n ../shared/fixtures/gan/*.gan "$corpus/gan/" 2>/dev/null || true
cp -n crates/gantry-api/tests/data/*.csv "$corpus/csv/"
cd fuzz
# Without a sanitizer, so the stable toolchain builds it; panics, overflow
# and debug assertions are what it catches.
cargo fuzz build -O -s none --target-dir "$target_dir"
for t in "${targets[@]}"; do
  log="$target_dir/$t.log"
  status=0
  cargo fuzz run -O -s none --target-dir "$target_dir" "$t" "$corpus/$t" -- \
    -max_total_time="$seconds" -max_len=262144 -print_final_stats=1 >"$log" 2>&1 || status=$?
  printf 'fuzz %s: ' "$t"
  grep -E "^Done" "$log" || echo
  if [[ $status -ne 0 ]]; then
    grep -E "panicked|SUMMARY|Test unit written|ERROR" "$log" >&2 || tail -n 20 "$log" >&2
    echo "fuzz: $t failed; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
