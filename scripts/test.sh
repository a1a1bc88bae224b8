#!/usr/bin/env bash
# Install what is missing, then run lint and the whole test suite (unit, AppTest, real
# PostgreSQL, real-browser end-to-end). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
export BROWSER_PATH=${BROWSER_PATH:-/usr/bin/chromium}
# pgserver asks platformdirs for a runtime folder; give it a private one when none is set.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
