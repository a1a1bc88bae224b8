#!/usr/bin/env bash
# Install what is missing, then start Pedestal on http://localhost:8501 (SQLite in ./data).
# Set DATABASE_URL (postgresql+psycopg://...) to use PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
exec .venv/bin/python -m streamlit run app.py --browser.gatherUsageStats=false "$@"
