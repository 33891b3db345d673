"""Background jobs of the core app (run by `manage.py db_worker`; in tests inside enqueue())."""

from django_tasks import task

from .scheduling import scheduled_job, scheduled_run_once


@scheduled_job(name="clear_sessions")
@task()
def sessions_clear_scheduled(*, period: str) -> str:
    from importlib import import_module

    from django.conf import settings

    def work() -> str:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        return "expired sessions removed"

    return scheduled_run_once(job="clear_sessions", period=period, work=work)
