#!/usr/bin/env bash
# One command: installs everything (system packages, virtualenv, the app) and starts
# Transcript Reviewer on its built-in demo project. Extra arguments go to `reviewer`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh gui
exec .venv/bin/reviewer "$@"
