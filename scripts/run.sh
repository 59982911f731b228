#!/usr/bin/env bash
# Builds Gantry and opens it. The first start creates the sample portfolio in
# the data folder (~/.local/share/app.gantry.desktop/Portfolio.gantry).
# Usage: scripts/run.sh [PORTFOLIO.gantry]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run --silent build)
# The tests' build (scripts/test.sh): the whole workspace in release, so the
# two commands share one build and neither compiles what the other did.
cargo build --release --locked --workspace --all-targets
exec "${CARGO_TARGET_DIR:-target}/release/gantry-app" "$@"
