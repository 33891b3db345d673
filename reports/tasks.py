"""Background jobs of the reports app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task


@task()
def report_render_run(*, render_id: int) -> str:
    from .services import report_render_run as run

    return run(render_id=render_id)
