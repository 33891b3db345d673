#!/usr/bin/env bash
# One command from a fresh clone to the full test suite: lint, migrations check, then pytest on
# SQLite and on a real PostgreSQL server that this script starts (and stops) itself.
# Extra arguments go to pytest, e.g. scripts/test.sh -k scoring
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
export DJANGO_SETTINGS_MODULE=ketenregie.settings.test
mkdir -p var

echo "==> ruff"
.venv/bin/ruff check .
echo "==> makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run

echo "==> pytest on SQLite"
env -u DATABASE_URL .venv/bin/pytest "$@"

echo "==> pytest on PostgreSQL"
url="$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop' EXIT
DATABASE_URL="$url" .venv/bin/pytest "$@"
