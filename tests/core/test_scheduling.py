"""Scheduled jobs run once per period however many workers take them."""

import threading

import pytest
from django.db import close_old_connections

from core.models import ScheduledRun
from core.scheduling import scheduled_jobs, scheduled_run_claim, scheduled_run_once


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_period_get_one_claim():
    barrier = threading.Barrier(2)
    won = []

    def claim():
        try:
            barrier.wait()
            won.append(scheduled_run_claim(job="purge_responses", period="2026-12-03") is not None)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(won) == [False, True]
    assert ScheduledRun.objects.filter(job="purge_responses", period="2026-12-03").count() == 1


@pytest.mark.django_db
def test_a_job_queued_twice_for_a_day_does_its_work_once():
    calls: list[int] = []

    def work() -> str:
        calls.append(1)
        return "done"

    for _ in range(2):
        scheduled_run_once(job="probe", period="2026-12-03", work=work)
    assert calls == [1]
    assert ScheduledRun.objects.get(job="probe").result == "done"


def test_the_daily_jobs_are_registered():
    assert {"purge_responses", "mail_sweep", "clear_sessions"} <= set(scheduled_jobs())
