"""Backup and restore of the whole database.

SQLite: the online backup API of the sqlite3 module, a consistent copy even while the site is writing.
PostgreSQL: pg_dump / pg_restore in the custom format, with the connection settings Django uses.
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    vendor: str


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups are supported for SQLite and PostgreSQL, not for {vendor}.")
    return vendor


def _sqlite_path(alias: str) -> Path:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") and "mode=memory" in name:
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def _sqlite_user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in rows]


def _pg_tool(name: str) -> str:
    """The newest installed client tool: pg_dump must be at least as new as the server it dumps."""
    configured = os.environ.get("KETENREGIE_PG_BIN")
    if configured:
        return str(Path(configured) / name)

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([\d.]+)/bin/", path)
        return tuple(int(part) for part in match.group(1).split(".")) if match else (0,)

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if candidates:
        return candidates[-1]
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found. Install postgresql-client or set KETENREGIE_PG_BIN.")
    return found


def _pg_connection(alias: str) -> tuple[list[str], dict[str, str], str]:
    """Command-line arguments, environment and database name; the password travels in the environment only."""
    settings_dict = connections[alias].settings_dict
    args, env = [], dict(os.environ)
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in [("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"),
                             ("sslcert", "PGSSLCERT"), ("sslkey", "PGSSLKEY")]:
        if options.get(option):
            env[variable] = str(options[option])
    return args, env, str(settings_dict["NAME"])


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def database_backup(*, output: Path, alias: str = DEFAULT_DB_ALIAS) -> BackupResult:
    vendor = _vendor(alias)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if vendor == "sqlite":
            _sqlite_backup(source=_sqlite_path(alias), target=partial)
        else:
            args, env, name = _pg_connection(alias)
            _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial),
                  *args, name], env)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    # Only a complete backup ever carries the final name.
    os.replace(partial, output)
    return BackupResult(path=output, size=output.stat().st_size, vendor=vendor)


def _sqlite_backup(*, source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"The database file {source} does not exist.")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # A single self-contained file, independent of the live database's write-ahead log.
        dst.execute("PRAGMA journal_mode=DELETE")
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The backup copy failed its integrity check.")
    finally:
        dst.close()
        src.close()


def _check_format(source: Path, magic: bytes, vendor: str) -> None:
    if not source.is_file():
        raise BackupError(f"The backup file {source} does not exist.")
    with source.open("rb") as handle:
        if handle.read(len(magic)) != magic:
            kind = "a SQLite database" if vendor == "sqlite" else "a pg_dump custom-format file"
            raise BackupError(f"{source} is not {kind}; a backup must be restored into the same kind of database.")


def database_restore(*, source: Path, alias: str = DEFAULT_DB_ALIAS, force: bool = False) -> None:
    """Restore into an empty database; ``force`` first replaces whatever the target holds."""
    vendor = _vendor(alias)
    source = Path(source)
    if vendor == "sqlite":
        _check_format(source, SQLITE_MAGIC, vendor)
        _sqlite_restore(source=source, target=_sqlite_path(alias), force=force)
        return
    _check_format(source, PGDUMP_MAGIC, vendor)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
        table_count = cursor.fetchone()[0]
    if table_count and not force:
        raise BackupError(f"The database {connection.settings_dict['NAME']} is not empty ({table_count} tables). "
                          "Restore into a new, empty database, or pass --force to replace its contents.")
    connection.close()
    args, env, name = _pg_connection(alias)
    command = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
               "--dbname", name, *args]
    if table_count:
        command += ["--clean", "--if-exists"]
    try:
        _run([*command, str(source)], env)
    except BackupError as exc:
        # --single-transaction: a damaged or incomplete dump leaves the database as it was.
        raise BackupError(f"{exc}. Nothing was restored; if the backup file is damaged or incomplete, use another "
                          "backup.") from None


def _sqlite_restore(*, source: Path, target: Path, force: bool) -> None:
    try:
        _sqlite_restore_checked(source=source, target=target, force=force)
    except sqlite3.DatabaseError as exc:
        # A truncated or overwritten file: SQLite only notices when it reads the damaged pages.
        raise BackupError(f"{source} is damaged or incomplete ({exc}); it is not restored. Use another backup.") \
            from None


def _sqlite_restore_checked(*, source: Path, target: Path, force: bool) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Reads every page before anything is written, so a damaged backup never touches the target.
        problems = [row[0] for row in src.execute("PRAGMA integrity_check(5)").fetchall()]
        if problems != ["ok"]:
            raise BackupError(f"{source} is damaged or incomplete (integrity check: {'; '.join(problems)}); it is "
                              "not restored. Use another backup.")
        if "django_migrations" not in _sqlite_user_tables(src):
            raise BackupError(f"{source} is not a Ketenregie database backup.")
        if target.exists():
            existing = sqlite3.connect(target)
            try:
                tables = _sqlite_user_tables(existing)
            finally:
                existing.close()
            if tables and not force:
                raise BackupError(f"The database {target} is not empty ({len(tables)} tables). Restore into a new "
                                  "file (SQLITE_PATH), or pass --force to replace its contents.")
        for alias in connections:
            connections[alias].close()
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    finally:
        src.close()
