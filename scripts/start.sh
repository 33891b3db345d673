#!/usr/bin/env bash
# One command from a fresh clone to a running site with demo data on SQLite.
# KETENREGIE_ADDR=host:port (default 127.0.0.1:8000) chooses the address served.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-ketenregie.settings.dev}"
addr="${KETENREGIE_ADDR:-127.0.0.1:8000}"
# Links in mails sent outside a request (commands, a mail worker) use SITE_URL; inside a request they follow
# the address in the browser (core/links.py). Derive it from the served address unless it is set.
export SITE_URL="${SITE_URL:-$(scripts/site-url.sh "$addr")}"
mkdir -p var
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"  # keep the set-up quiet; the server logs requests as usual
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_instruments
.venv/bin/python manage.py load_demo
# One background worker beside the server (PDF reports, imports, mails). It runs in its own process group,
# so that stopping the script (Ctrl+C) stops it together with its auto-reloader child.
LOG_LEVEL=INFO setsid .venv/bin/python manage.py db_worker --interval 0.5 &
worker=$!
stop_worker() { kill -TERM -- "-$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; }
trap stop_worker EXIT
trap 'exit 130' INT TERM
echo
echo "Ketenregie runs at http://${addr}/ with one background worker  (stop both with Ctrl+C)"
echo "Links in mails sent by the worker point to ${SITE_URL}"
LOG_LEVEL=INFO .venv/bin/python manage.py runserver "$addr"
