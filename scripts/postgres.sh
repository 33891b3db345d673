#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests and prints its DATABASE_URL.
# Usage: scripts/postgres.sh start|stop
set -euo pipefail
PGPORT="${KETENREGIE_PG_PORT:-54329}"
PGDATA_DIR="${KETENREGIE_PG_DIR:-/tmp/ketenregie-pg-$PGPORT}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -n "$bindir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_db_user() {
  # PostgreSQL refuses to run as root; use the postgres system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
      mkdir -p "$PGDATA_DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA_DIR"
      as_db_user "$bindir/initdb" -D "$PGDATA_DIR" -U ketenregie --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_db_user "$bindir/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
      as_db_user "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
        -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    fi
    echo "postgres://ketenregie@127.0.0.1:$PGPORT/ketenregie"
    ;;
  stop)
    as_db_user "$bindir/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
