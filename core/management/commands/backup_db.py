from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from core.backup import BackupError, database_backup


class Command(BaseCommand):
    # Like dbshell: usable in an emergency even when some part of the project would fail the system checks.
    requires_system_checks = []
    help = ("Write a consistent backup of the database: a SQLite file (online backup API) or a pg_dump "
            "custom-format file for PostgreSQL. Restore it with restore_db.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path,
                            help="Backup file to write (default: var/backups/ketenregie-<date-time>.<ext>).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output: Path | None, database: str, **options):
        if output is None:
            extension = "sqlite3" if connections[database].vendor == "sqlite" else "pgdump"
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"ketenregie-{stamp}.{extension}"
        try:
            result = database_backup(output=output, alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {result.path} ({result.size} bytes, {result.vendor})."))
