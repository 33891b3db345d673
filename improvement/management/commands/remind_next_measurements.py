"""Daily timer job: remind coordinators whose next measurement is due within the coming days."""

from django.core.management.base import BaseCommand

from improvement.tasks import next_measurements_remind


class Command(BaseCommand):
    help = "Queue the reminder mails for next measurements that are due soon (each reminder is sent once)."

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=14)

    def handle(self, *args, days_ahead: int, **options):
        result = next_measurements_remind.enqueue(days_ahead=days_ahead)
        self.stdout.write(f"queued reminder job {result.id}")
