#!/usr/bin/env bash
# Creates .venv (Python 3.11+) and installs the project into it with the extras given.
# Usage: scripts/venv.sh EXTRAS   e.g. scripts/venv.sh gui   or   scripts/venv.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv

# pip may print one "Location ... is ignored" line per package for local mirrors that this
# machine does not have; hide that noise but keep pip's own exit status.
quiet_pip() {
  .venv/bin/python -m pip "$@" 2>&1 | { grep -v '^WARNING: Location' || true; }
  return "${PIPESTATUS[0]}"
}
quiet_pip install -q --upgrade pip
quiet_pip install -q -e ".[$1]"
.venv/bin/python -c "import reviewer"
