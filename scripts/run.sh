#!/usr/bin/env bash
# Builds Gantry and opens it. The first start creates the sample portfolio in
# the data folder (~/.local/share/app.gantry.desktop/Portfolio.gantry).
# Usage: scripts/run.sh [PORTFOLIO.gantry]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run --silent build)
cargo build -p gantry-app
exec "${CARGO_TARGET_DIR:-target}/debug/gantry-app" "$@"
