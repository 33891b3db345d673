"""Background jobs of the research app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task

from core.scheduling import scheduled_job, scheduled_run_once


@task()
def round_score_snapshot_refresh_job(*, round_id: int) -> bool:
    """Queued when a round closes; a copy run twice (or by a second worker) finds the scores current."""
    from .services import round_score_snapshot_refresh_if_stale

    return round_score_snapshot_refresh_if_stale(round_pk=round_id)


@scheduled_job(name="score_snapshots")
@task()
def score_snapshots_refresh_scheduled(*, period: str) -> str:
    from .services import round_score_snapshots_refresh_stale

    def work() -> str:
        return f"scores stored for {round_score_snapshots_refresh_stale()} rounds"

    return scheduled_run_once(job="score_snapshots", period=period, work=work)
