#!/usr/bin/env bash
# One command from a fresh clone to a running site with demo data on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-ketenregie.settings.dev}"
mkdir -p var
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"  # keep the set-up quiet; the server logs requests as usual
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_instruments
.venv/bin/python manage.py load_demo
addr="${KETENREGIE_ADDR:-127.0.0.1:8000}"
echo
echo "Ketenregie runs at http://${addr}/  (stop with Ctrl+C)"
LOG_LEVEL=INFO exec .venv/bin/python manage.py runserver "$addr"
