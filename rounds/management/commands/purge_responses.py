from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rounds.retention import responses_purge


class Command(BaseCommand):
    help = ("Delete the responses (with their answers) of rounds closed more than N days ago. "
            "The default period is KETENREGIE_RETENTION_DAYS. Run it daily, e.g. from cron or a systemd timer.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=None,
                            help="Retention period in days (default: KETENREGIE_RETENTION_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, older_than_days: int | None, dry_run: bool, **options):
        days = settings.KETENREGIE_RETENTION_DAYS if older_than_days is None else older_than_days
        if days < 0:
            raise CommandError("--older-than-days must be 0 or more.")
        result = responses_purge(older_than_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {result.responses} responses, {result.answers} answers and {result.page_states} page states "
            f"from {result.rounds} rounds closed before {result.cutoff:%Y-%m-%d %H:%M}."
        )
