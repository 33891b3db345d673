"""Background jobs of the rounds app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task

from core.scheduling import scheduled_job, scheduled_run_once


@task()
def mail_batch_send(*, delivery_ids: list[int]) -> int:
    from .services.invitations import mail_deliveries_send

    return mail_deliveries_send(delivery_ids=delivery_ids)


@scheduled_job(name="purge_responses")
@task()
def responses_purge_scheduled(*, period: str) -> str:
    from django.conf import settings

    from .retention import responses_purge

    def work() -> str:
        result = responses_purge(older_than_days=settings.KETENREGIE_RETENTION_DAYS)
        return f"{result.responses} responses of {result.rounds} rounds deleted"

    return scheduled_run_once(job="purge_responses", period=period, work=work)


@scheduled_job(name="mail_sweep")
@task()
def mail_deliveries_sweep_scheduled(*, period: str) -> str:
    from .services.invitations import mail_deliveries_requeue_stuck

    def work() -> str:
        return f"{mail_deliveries_requeue_stuck()} stuck mails queued again"

    return scheduled_run_once(job="mail_sweep", period=period, work=work)
