"""Background jobs of the improvement cycle (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task

from core.scheduling import scheduled_job, scheduled_run_once


@task()
def next_measurements_remind(*, days_ahead: int = 14) -> int:
    from .services import next_measurements_remind as remind

    return remind(days_ahead=days_ahead)


@scheduled_job(name="next_measurement_reminders")
@task()
def next_measurements_remind_scheduled(*, period: str) -> str:
    """The daily run from `manage.py run_scheduled_jobs`; each reminder is still sent once ever (reminded_at)."""
    from .services import next_measurements_remind as remind

    def work() -> str:
        return f"{remind()} next-measurement reminders sent"

    return scheduled_run_once(job="next_measurement_reminders", period=period, work=work)
