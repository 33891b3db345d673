"""python manage.py run_scheduled_jobs [--job NAME ...]: queue today's scheduled jobs for the workers.

Run it from a timer on every host (or one): each job runs once per day however often it is queued.
"""

from django.core.management.base import BaseCommand, CommandError

from core.scheduling import scheduled_jobs, scheduled_jobs_enqueue


class Command(BaseCommand):
    help = ("Queue the daily jobs (retention purge, score snapshots, mail sweep, session clean-up, next-measurement "
            "reminders) for the workers.")

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", dest="jobs", help="only this job (repeatable)")

    def handle(self, *args, jobs: list[str] | None, **options):
        known = scheduled_jobs()
        unknown = sorted(set(jobs or []) - set(known))
        if unknown:
            raise CommandError(f"Unknown job(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}.")
        for name, period in scheduled_jobs_enqueue(only=jobs).items():
            self.stdout.write(f"queued {name} for {period}")
