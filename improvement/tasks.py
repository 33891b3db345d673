"""Background jobs of the improvement cycle (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task


@task()
def next_measurements_remind(*, days_ahead: int = 14) -> int:
    from .services import next_measurements_remind as remind

    return remind(days_ahead=days_ahead)
