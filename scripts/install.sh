#!/bin/sh
# The one install path: `make install` and the container image (Dockerfile) both run it.
#   PYTHON   interpreter that creates the virtualenv (python3)
#   VENV     virtualenv directory (.venv)
#   EXTRAS   optional dependency groups of pyproject.toml ("dev"; empty for production)
# PyICU builds against the system's ICU: it needs libicu-dev, pkg-config and g++. Run as
# root on a Debian machine without them (a fresh machine, `make run`), this installs them;
# otherwise it says what is missing before pip fails on it.
set -eu
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
EXTRAS="${EXTRAS-dev}"
cd "$(dirname "$0")/.."
if ! pkg-config --exists icu-uc 2>/dev/null || ! command -v g++ >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ICU's headers and a compiler for PyICU (libicu-dev pkg-config g++)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libicu-dev pkg-config g++ >/dev/null
  else
    echo "PyICU needs ICU's headers and a C++ compiler: install libicu-dev, pkg-config and g++" >&2
  fi
fi
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
if [ -n "$EXTRAS" ]; then
  "$VENV/bin/python" -m pip install --quiet -e ".[$EXTRAS]"
else
  "$VENV/bin/python" -m pip install --quiet -e .
fi
