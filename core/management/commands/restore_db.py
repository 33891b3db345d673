from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, database_restore


class Command(BaseCommand):
    # Like dbshell: usable in an emergency even when some part of the project would fail the system checks.
    requires_system_checks = []
    help = ("Restore a backup made by backup_db into an empty database (SQLite file or PostgreSQL database). "
            "Run `migrate` afterwards when restoring into a newer version of the application.")

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The file written by backup_db.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")
        parser.add_argument("--force", action="store_true",
                            help="Replace the contents of a database that is not empty.")

    def handle(self, *args, backup: Path, database: str, force: bool, **options):
        try:
            database_restore(source=backup, alias=database, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        name = connections[database].settings_dict["NAME"]
        self.stdout.write(self.style.SUCCESS(f"Restored {backup} into {name}."))
