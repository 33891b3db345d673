"""backup_db / restore_db: a backup restored into a fresh, empty database holds exactly the same data.

The SQLite variant always runs (it builds its own SQLite database in a subprocess, whatever database the
suite runs on); the PostgreSQL variant runs when the suite runs on PostgreSQL (CI does both).
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.core.backup_testkit import ANSWER_COUNT, build_scored_network

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ON_SQLITE = connection.vendor == "sqlite"
ON_POSTGRES = connection.vendor == "postgresql"

# Runs in a fresh process on its own SQLite file: migrate, fill, back up.
BUILD_AND_BACK_UP = f"""
import sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
sys.path.insert(0, {str(HERE)!r})
from tests.core.backup_testkit import build_scored_network
build_scored_network()
call_command("backup_db", output=sys.argv[1])
"""


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # The settings the suite runs with; with DATABASE_URL set they use that database.
    env.update({"DJANGO_SETTINGS_MODULE": django_settings.SETTINGS_MODULE, "DATABASE_URL": database_url})
    return env


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=_env(database_url),
                          capture_output=True, text=True, timeout=300)


def _sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    finally:
        conn.close()


def _assert_same_tables(original: dict, restored: dict) -> None:
    assert restored.keys() == original.keys()
    for table in original:
        assert restored[table] == original[table], table
    assert len(restored["rounds_answer"]) >= ANSWER_COUNT
    assert restored["audit_auditevent"]


@pytest.fixture(scope="module")
def sqlite_backup(tmp_path_factory) -> tuple[Path, Path]:
    """(source database, backup file) built once for the SQLite tests."""
    folder = tmp_path_factory.mktemp("sqlite-backup")
    source, backup = folder / "source.sqlite3", folder / "backup.sqlite3"
    result = subprocess.run([sys.executable, "-c", BUILD_AND_BACK_UP, str(backup)], cwd=ROOT,
                            env=_env(f"sqlite:///{source}"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return source, backup


def test_sqlite_backup_restored_into_a_fresh_file_holds_the_same_data(tmp_path, sqlite_backup):
    source, backup = sqlite_backup
    assert backup.read_bytes().startswith(b"SQLite format 3\x00")
    fresh = tmp_path / "fresh" / "restored.sqlite3"
    result = _manage("restore_db", str(backup), database_url=f"sqlite:///{fresh}")
    assert result.returncode == 0, result.stderr
    _assert_same_tables(_sqlite_tables(source), _sqlite_tables(fresh))
    check = _manage("migrate", "--check", "--skip-checks", database_url=f"sqlite:///{fresh}")
    assert check.returncode == 0, check.stdout + check.stderr
    conn = sqlite3.connect(source)
    (slug,) = conn.execute("SELECT slug FROM networks_network").fetchone()
    conn.close()
    scores_before = _manage("network_scores", slug, "--format", "json", database_url=f"sqlite:///{source}")
    scores_after = _manage("network_scores", slug, "--format", "json", database_url=f"sqlite:///{fresh}")
    assert scores_before.returncode == 0, scores_before.stderr
    assert '"respondents"' in scores_before.stdout
    assert scores_after.stdout == scores_before.stdout


def test_sqlite_restore_refuses_a_database_that_is_not_empty(tmp_path, sqlite_backup):
    source, backup = sqlite_backup
    before = _sqlite_tables(source)
    refused = _manage("restore_db", str(backup), database_url=f"sqlite:///{source}")
    assert refused.returncode != 0
    assert "not empty" in refused.stderr
    assert _sqlite_tables(source) == before


def test_sqlite_restore_with_force_replaces_the_contents(tmp_path, sqlite_backup):
    _, backup = sqlite_backup
    target = tmp_path / "target.sqlite3"
    assert _manage("restore_db", str(backup), database_url=f"sqlite:///{target}").returncode == 0
    conn = sqlite3.connect(target)
    conn.execute("DELETE FROM rounds_answer")
    conn.commit()
    conn.close()
    forced = _manage("restore_db", str(backup), "--force", database_url=f"sqlite:///{target}")
    assert forced.returncode == 0, forced.stderr
    assert _sqlite_tables(target) == _sqlite_tables(backup)


def test_restore_refuses_a_backup_of_the_other_kind(tmp_path, sqlite_backup):
    _, backup = sqlite_backup
    pg_like = tmp_path / "backup.pgdump"
    pg_like.write_bytes(b"PGDMP\x01\x0e\x00")
    refused = _manage("restore_db", str(pg_like), database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert refused.returncode != 0 and "not a SQLite database" in refused.stderr


@pytest.mark.parametrize("keep", [0.5, 0.05, 100])
def test_restore_of_a_truncated_or_corrupt_sqlite_backup_is_a_clear_message_without_traceback(tmp_path,
                                                                                              sqlite_backup, keep):
    _, backup = sqlite_backup
    damaged = tmp_path / "damaged.sqlite3"
    data = backup.read_bytes()
    if keep == 100:  # the whole file, with its pages overwritten half-way: corrupt rather than cut short
        middle = len(data) // 2
        data = data[:middle] + b"\xff" * 8192 + data[middle + 8192:]
    else:
        data = data[:max(100, int(len(data) * keep))]
    damaged.write_bytes(data)
    target = tmp_path / "target.sqlite3"

    refused = _manage("restore_db", str(damaged), database_url=f"sqlite:///{target}")

    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert "damaged or incomplete" in refused.stderr
    assert not target.exists() or not _sqlite_tables(target)


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("DROP TABLE networks_network;")
    with pytest.raises(CommandError, match="is not a"):
        call_command("restore_db", str(bogus), "--force")


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore_db", str(tmp_path / "missing.bak"))


@pytest.mark.sqlite_only
@pytest.mark.django_db  # only the file name is checked: no committed data, no flush and reload afterwards
def test_backup_without_output_goes_to_var_backups(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("backup_db")
    (written,) = (tmp_path / "var" / "backups").iterdir()
    assert written.name.startswith("ketenregie-") and written.suffix == ".sqlite3"


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}/{name}"


def _pg_tables(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


@pytest.fixture
def empty_pg_database():
    name = f"ketenregie_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_backup_restored_into_an_empty_database_holds_the_same_data(tmp_path, empty_pg_database):
    round_ = build_scored_network()
    backup = tmp_path / "backup.pgdump"
    call_command("backup_db", "--output", str(backup))
    assert backup.read_bytes().startswith(b"PGDMP")

    target_url = _pg_url(empty_pg_database)
    result = _manage("restore_db", str(backup), database_url=target_url)
    assert result.returncode == 0, result.stderr
    _assert_same_tables(_pg_tables(_pg_url(connection.settings_dict["NAME"])), _pg_tables(target_url))
    check = _manage("migrate", "--check", "--skip-checks", database_url=target_url)
    assert check.returncode == 0, check.stdout + check.stderr
    scores_before = StringIO()
    call_command("network_scores", round_.network.slug, "--format", "json", stdout=scores_before)
    scores_after = _manage("network_scores", round_.network.slug, "--format", "json", database_url=target_url)
    assert '"respondents"' in scores_before.getvalue()
    assert scores_after.stdout.strip() == scores_before.getvalue().strip()
    refused = _manage("restore_db", str(backup), database_url=target_url)
    assert refused.returncode != 0 and "not empty" in refused.stderr
