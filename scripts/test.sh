#!/usr/bin/env bash
# One command: installs everything the tests need and runs the whole suite
# (ruff, the import contract that keeps Qt out of the core, pytest with GUI tests offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check src tests bench packaging
.venv/bin/lint-imports
.venv/bin/python -m pytest -q "$@"
