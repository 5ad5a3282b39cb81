#!/bin/sh
# The one install path: `make install` and the container image (Dockerfile) both run it.
#   PYTHON   interpreter that creates the virtualenv (python3)
#   VENV     virtualenv directory (.venv)
#   EXTRAS   optional dependency groups of pyproject.toml ("dev"; empty for production)
# PyICU builds against the system's ICU: it needs libicu-dev, pkg-config and g++ (.ci/run
# and the Dockerfile install them).
set -eu
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
EXTRAS="${EXTRAS-dev}"
cd "$(dirname "$0")/.."
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
if [ -n "$EXTRAS" ]; then
  "$VENV/bin/python" -m pip install --quiet -e ".[$EXTRAS]"
else
  "$VENV/bin/python" -m pip install --quiet -e .
fi
