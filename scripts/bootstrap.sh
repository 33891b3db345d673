#!/usr/bin/env bash
# Installs what Ketenregie needs on a Debian machine: system packages (apt) and a virtualenv in .venv.
# Usage: scripts/bootstrap.sh [runtime|test|bench]   (test adds PostgreSQL, Redis, Chromium, R, PSPP and PDF tools;
#        bench adds locust to test).  PYTHON=python3.13 KETENREGIE_VENV=.venv-3.13 picks another interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"

runtime_pkgs=(python3-venv python3-dev libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi-dev
              fonts-dejavu-core fonts-dejavu-extra shared-mime-info)
# r-base-core and pspp: the suite runs the exported R and SPSS syntax with the real clients (tests/research);
# redis-server: tests start one for the shared cache and sessions (tests/server_testkit.py).
test_pkgs=(postgresql redis-server chromium poppler-utils r-base-core pspp)
pkgs=("${runtime_pkgs[@]}")
[ "$profile" != "runtime" ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The virtualenv is built from the lock file (exact versions, every file checked against its hash), not from
# pyproject.toml's ranges: every machine gets what the suite was run with. scripts/lock.sh rewrites the locks.
PYTHON="${PYTHON:-python3}"
VENV="${KETENREGIE_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "==> Creating virtualenv in $VENV ($("$PYTHON" --version))"
  "$PYTHON" -m venv "$VENV"
fi
lock="requirements/${profile}.lock"
[ -f "$lock" ] || { echo "bootstrap: no lock file $lock (profiles: runtime, test, bench)" >&2; exit 2; }
stamp="$VENV/.installed-$(sha256sum "$lock" | cut -c1-16)-${profile}"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages from $lock"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock"
  "$VENV/bin/python" -m pip check
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi
