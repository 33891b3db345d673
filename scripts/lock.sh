#!/usr/bin/env bash
# Rewrites the lock files in requirements/ from pyproject.toml's ranges: exact versions with the hashes of every
# file, one resolution valid on every Python the project supports (3.11 to 3.13). Run it after changing a
# dependency in pyproject.toml, then run scripts/test.sh and commit pyproject.toml with the locks.
#   scripts/lock.sh              keep the locked versions where the ranges still allow them
#   scripts/lock.sh --upgrade    take the newest versions the ranges allow
# uv (from PyPI, pinned below) does the resolving; it is installed into var/locktools, not into the app's venv.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools=var/locktools
if [ ! -x "$tools/bin/uv" ] || [ "$("$tools/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi
compile() {  # <lock file> [--extra NAME ...]
  local out="$1"; shift
  "$tools/bin/uv" pip compile pyproject.toml "$@" --universal --python-version 3.11 --generate-hashes \
    --no-header --quiet ${UPGRADE:+--upgrade} -o "$out"
  echo "wrote $out ($(grep -c '^[a-z]' "$out") packages)"
}
[ "${1:-}" = "--upgrade" ] && UPGRADE=1
mkdir -p requirements
compile requirements/runtime.lock
compile requirements/test.lock --extra test
compile requirements/bench.lock --extra test --extra bench
