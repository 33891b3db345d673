#!/usr/bin/env bash
# One command from a fresh clone to the full test suite: lint, type check, migrations check, then pytest on
# SQLite and on a real PostgreSQL server that this script starts (and stops) itself.
# Extra arguments go to pytest, e.g. scripts/test.sh -k scoring
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
export DJANGO_SETTINGS_MODULE=ketenregie.settings.test
mkdir -p var

echo "==> ruff (lint and complexity budget C901 <= 15)"
.venv/bin/ruff check .
echo "==> mypy (django-stubs)"
.venv/bin/mypy
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run

echo "==> pytest on SQLite"
env -u DATABASE_URL .venv/bin/pytest "$@"

echo "==> pytest on PostgreSQL"
url="$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop' EXIT
DATABASE_URL="$url" .venv/bin/pytest "$@"
