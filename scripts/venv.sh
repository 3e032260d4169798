#!/usr/bin/env bash
# Creates .venv (Python 3.11+) and installs the project into it with the extras given.
# Usage: scripts/venv.sh EXTRAS   e.g. scripts/venv.sh gui   or   scripts/venv.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/python -m pip install -q -e ".[$1]" 2>&1 | grep -v '^WARNING: Location' || true
.venv/bin/python -c "import reviewer" # fail loudly when the install did not work
