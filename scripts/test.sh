#!/usr/bin/env bash
# One command from a fresh clone to the full test suite: lint, type check, migrations check, then pytest on
# SQLite and on a real PostgreSQL server that this script starts (and stops) itself.
# Extra arguments go to pytest, e.g. scripts/test.sh -k scoring
# CI (.ci/run) runs it a second time on Python 3.13:
#   PYTHON=python3.13 KETENREGIE_VENV=.venv-3.13 KETENREGIE_TEST_DATABASES=sqlite KETENREGIE_STATIC_CHECKS=0 scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
export DJANGO_SETTINGS_MODULE=ketenregie.settings.test
VENV="${KETENREGIE_VENV:-.venv}"
databases="${KETENREGIE_TEST_DATABASES:-sqlite postgres}"
mkdir -p var
echo "==> $("$VENV/bin/python" --version) from $VENV; databases: $databases"

if [ "${KETENREGIE_STATIC_CHECKS:-1}" = "1" ]; then
  echo "==> ruff (lint and complexity budget C901 <= 15)"
  "$VENV/bin/ruff" check .
  echo "==> mypy (django-stubs)"
  "$VENV/bin/mypy"
  echo "==> makemigrations --check"
  "$VENV/bin/python" manage.py makemigrations --check --dry-run
fi

for db in $databases; do
  case "$db" in
    sqlite)
      echo "==> pytest on SQLite"
      env -u DATABASE_URL "$VENV/bin/pytest" "$@" ;;
    postgres)
      echo "==> pytest on PostgreSQL"
      url="$(scripts/postgres.sh start)"
      trap 'scripts/postgres.sh stop' EXIT
      DATABASE_URL="$url" "$VENV/bin/pytest" "$@"
      scripts/postgres.sh stop
      trap - EXIT ;;
    *) echo "test.sh: unknown database '$db' (sqlite, postgres)" >&2; exit 2 ;;
  esac
done
