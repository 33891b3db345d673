#!/usr/bin/env bash
# Installs what Ketenregie needs on a Debian machine: system packages (apt) and a virtualenv in .venv.
# Usage: scripts/bootstrap.sh [runtime|test]   (test adds PostgreSQL, Chromium and PDF tools)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"

runtime_pkgs=(python3-venv python3-dev libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi-dev
              fonts-dejavu-core fonts-dejavu-extra shared-mime-info)
# r-base-core and pspp: the suite runs the exported R and SPSS syntax with the real clients (tests/research);
# redis-server: tests start one for the shared cache and sessions (tests/server_testkit.py).
test_pkgs=(postgresql redis-server chromium poppler-utils r-base-core pspp)
pkgs=("${runtime_pkgs[@]}")
[ "$profile" = "test" ] && pkgs+=("${test_pkgs[@]}")

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

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating virtualenv in .venv"
  "$PYTHON" -m venv .venv
fi
extras=""
[ "$profile" = "test" ] && extras="[test]"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${profile}"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages${extras}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q ".${extras}"
  rm -rf build ./*.egg-info
  touch "$stamp"
fi
