"""Scheduled jobs run once per period however many workers take them."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from core.models import ScheduledRun
from core.scheduling import (
    daily_period,
    scheduled_jobs,
    scheduled_jobs_enqueue,
    scheduled_run_claim,
    scheduled_run_once,
)
from tests.concurrency_testkit import run_in_threads


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_period_get_one_claim():
    won = [claim is not None for claim in run_in_threads(
        [lambda: scheduled_run_claim(job="purge_responses", period="2026-12-03")] * 2)]
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
    assert {"purge_responses", "mail_sweep", "clear_sessions", "score_snapshots",
            "next_measurement_reminders"} <= set(scheduled_jobs())


@pytest.mark.django_db
def test_the_next_measurement_reminder_is_mailed_once_however_often_the_jobs_are_queued(network, coordinator):
    from assessments.models import Instrument
    from improvement.models import NextMeasurement
    from rounds.models import Round, RoundStatus

    round = Round.objects.create(network=network, name="Voorjaar", slug="voorjaar", status=RoundStatus.CLOSED,
                                 instrument=Instrument.objects.get(slug="ketenregie", version=1),
                                 closed_at=timezone.now())
    NextMeasurement.objects.create(round=round, due_on=timezone.localdate() + dt.timedelta(days=7),
                                   set_by=coordinator)
    today = scheduled_jobs_enqueue(only=["next_measurement_reminders"])
    tomorrow = timezone.now() + dt.timedelta(days=1)
    scheduled_jobs_enqueue(only=["next_measurement_reminders"])  # a second host's timer, the same day
    scheduled_jobs_enqueue(now=tomorrow, only=["next_measurement_reminders"])  # the next day: nothing due again
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    runs = ScheduledRun.objects.filter(job="next_measurement_reminders").order_by("period")
    assert [run.period for run in runs] == [today["next_measurement_reminders"], daily_period(tomorrow)]
    assert [run.result for run in runs] == ["1 next-measurement reminders sent", "0 next-measurement reminders sent"]
