"""Jobs that must run once per period (a day) however many workers and hosts run them.

`manage.py run_scheduled_jobs` (from a timer on any number of hosts) enqueues every registered job with the
current period; the worker that takes one first claims the period with a unique ``ScheduledRun`` row, every
other copy finds the claim and does nothing. A run that crashed leaves its claim unfinished: after
``STALE_AFTER`` another worker may take it over (under a row lock, so again only one).
"""

import logging
import os
import socket
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import ScheduledRun

logger = logging.getLogger("ketenregie.scheduling")

STALE_AFTER = timedelta(hours=6)

# name -> a django-tasks Task that takes ``period`` (registered by the apps' tasks modules).
_JOBS: dict = {}


def scheduled_job(*, name: str):
    """Register a task (taking ``period: str``) as a daily scheduled job."""

    def register(task):
        _JOBS[name] = task
        return task

    return register


def scheduled_jobs() -> dict:
    autodiscover_modules("tasks")
    return dict(_JOBS)


def daily_period(moment: datetime | None = None) -> str:
    return timezone.localdate(moment or timezone.now()).isoformat()


def scheduled_jobs_enqueue(*, now: datetime | None = None, only: list[str] | None = None) -> dict[str, str]:
    """Enqueue the registered jobs for the current period; returns job name -> period."""
    period = daily_period(now)
    queued = {}
    for name, task in sorted(scheduled_jobs().items()):
        if only is None or name in only:
            task.enqueue(period=period)
            queued[name] = period
    return queued


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


@transaction.atomic
def scheduled_run_claim(*, job: str, period: str) -> ScheduledRun | None:
    """The claim on (job, period), or None when another worker holds it or finished it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job, period=period, claimed_by=_worker_name(), started_at=now)
    except IntegrityError:
        pass
    stale = (ScheduledRun.objects.select_for_update()
             .filter(job=job, period=period, finished_at__isnull=True, started_at__lt=now - STALE_AFTER).first())
    if stale is None:
        return None
    logger.warning("taking over the stale run %s %s of %s", job, period, stale.claimed_by)
    stale.claimed_by, stale.started_at, stale.error = _worker_name(), now, ""
    stale.save(update_fields=["claimed_by", "started_at", "error"])
    return stale


def scheduled_run_once(*, job: str, period: str, work: Callable[[], str]) -> str:
    """Run ``work`` if this worker wins the claim for the period; the claim is committed before the work starts."""
    run = scheduled_run_claim(job=job, period=period)
    if run is None:
        return f"{job} {period}: already done or running elsewhere"
    try:
        result = work()
    except Exception:
        run.error = traceback.format_exc()[-5000:]
        run.save(update_fields=["error"])
        raise
    run.result, run.finished_at = str(result)[:500], timezone.now()
    run.full_clean()
    run.save(update_fields=["result", "finished_at"])
    return run.result
