"""Background jobs of the rounds app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task


@task()
def mail_batch_send(*, delivery_ids: list[int]) -> int:
    from .services.invitations import mail_deliveries_send

    return mail_deliveries_send(delivery_ids=delivery_ids)
