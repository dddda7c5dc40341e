#!/usr/bin/env bash
# `npm test`: install what is missing, then lint, typecheck and run every test of every workspace.
# Tests start their own Temporal and FerretDB on free ports with throw-away data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec node_modules/.bin/turbo run lint typecheck test --concurrency=2 --continue "$@"
