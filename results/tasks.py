"""Background jobs of the results app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task


@task()
def responses_import_job_run(*, job_id: int) -> str:
    from .services import import_job_run

    return import_job_run(job_id=job_id)
