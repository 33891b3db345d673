"""Score snapshots are stored by a worker when a round closes, and a daily job catches up on the rest.

The tasks run inside enqueue() here (the immediate backend of the test settings); one test takes the real
path: the close queues a job in the database and a `manage.py db_worker` process carries it out.
"""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from research.models import RoundScoreSnapshot
from research.services import round_ids_with_stale_snapshots, round_score_snapshot_refresh_if_stale
from research.tasks import round_score_snapshot_refresh_job, score_snapshots_refresh_scheduled
from rounds.models import Round, RoundStatus
from rounds.services.rounds import round_close
from tests.concurrency_testkit import run_in_threads
from tests.worker_testkit import queue_in_database, run_worker


def _snapshot(round_: Round) -> list[tuple]:
    return list(RoundScoreSnapshot.objects.filter(round=round_).order_by("area")
                .values_list("pk", "area", "presence", "n", "computed_at"))


def _answers_changed_since_the_snapshot(round_: Round) -> None:
    """As an import into the closed round or the purge does after the scores were stored an hour ago."""
    now = timezone.now()
    RoundScoreSnapshot.objects.filter(round=round_).update(computed_at=now - dt.timedelta(hours=1))
    Round.objects.filter(pk=round_.pk).update(answers_changed_at=now)


@pytest.mark.django_db
def test_closing_a_round_queues_the_task_that_stores_its_scores(consenting, make_round,
                                                                  django_capture_on_commit_callbacks):
    round_ = make_round(network=consenting(), status=RoundStatus.OPEN, respondents=4)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        round_close(round=round_)
    assert len(callbacks) == 1
    assert RoundScoreSnapshot.objects.filter(round=round_).count() == 7  # six areas and the overall score
    assert RoundScoreSnapshot.objects.get(round=round_, area="overall").respondents == 4


@pytest.mark.django_db
def test_a_second_run_for_the_same_round_changes_nothing(consenting, make_round):
    round_ = make_round(network=consenting(), respondents=4)
    assert round_score_snapshot_refresh_job.enqueue(round_id=round_.pk).return_value is True
    first = _snapshot(round_)
    assert round_score_snapshot_refresh_job.enqueue(round_id=round_.pk).return_value is False
    assert _snapshot(round_) == first and len(first) == 7


@pytest.mark.django_db
def test_the_task_leaves_open_rounds_alone(consenting, make_round):
    round_ = make_round(network=consenting(), status=RoundStatus.OPEN)
    assert round_score_snapshot_refresh_job.enqueue(round_id=round_.pk).return_value is False
    assert not RoundScoreSnapshot.objects.filter(round=round_).exists()


@pytest.mark.django_db
def test_answers_changed_after_the_snapshot_make_it_stale(consenting, make_round):
    round_ = make_round(network=consenting(), respondents=4)
    round_score_snapshot_refresh_if_stale(round_pk=round_.pk)
    before = _snapshot(round_)
    assert round_ids_with_stale_snapshots() == []
    _answers_changed_since_the_snapshot(round_)
    assert round_ids_with_stale_snapshots() == [round_.pk]
    assert round_score_snapshot_refresh_if_stale(round_pk=round_.pk) is True
    assert [row[0] for row in _snapshot(round_)] != [row[0] for row in before]  # rows written anew
    assert round_ids_with_stale_snapshots() == []


@pytest.mark.django_db
def test_the_daily_job_refreshes_missing_and_outdated_snapshots_once(consenting, make_round):
    network = consenting()
    missing = make_round(network=network, respondents=3)
    outdated = make_round(network=network, respondents=3)
    current = make_round(network=network, respondents=3)
    open_round = make_round(network=network, status=RoundStatus.OPEN)
    for round_ in (outdated, current):
        round_score_snapshot_refresh_if_stale(round_pk=round_.pk)
    _answers_changed_since_the_snapshot(outdated)
    current_rows = _snapshot(current)

    result = score_snapshots_refresh_scheduled.enqueue(period="2026-12-03")
    assert result.return_value == "scores stored for 2 rounds"
    assert RoundScoreSnapshot.objects.filter(round=missing).count() == 7
    assert round_ids_with_stale_snapshots() == []
    assert _snapshot(current) == current_rows
    assert not RoundScoreSnapshot.objects.filter(round=open_round).exists()

    # Queued again the same day (a second host's timer): the claim makes it a no-op.
    again = score_snapshots_refresh_scheduled.enqueue(period="2026-12-03")
    assert again.return_value.endswith("already done or running elsewhere")


@pytest.mark.django_db(transaction=True)
def test_two_workers_storing_the_same_round_at_once_write_it_once(consenting, make_round):
    round_ = make_round(network=consenting(), respondents=4)
    RoundScoreSnapshot.objects.filter(round=round_).delete()  # the close hook (on commit here) stored it
    outcomes = run_in_threads([lambda: round_score_snapshot_refresh_if_stale(round_pk=round_.pk)] * 2)
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    wrote = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    assert failures == []
    assert sorted(wrote) == [False, True]
    assert RoundScoreSnapshot.objects.filter(round=round_).count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_stores_the_scores_of_a_closed_round(consenting, make_round):
    round_ = make_round(network=consenting(), status=RoundStatus.OPEN, respondents=4)
    with queue_in_database():
        round_close(round=round_)
    assert not RoundScoreSnapshot.objects.filter(round=round_).exists()  # nothing scored in the request
    assert DBTaskResult.objects.get().status == "READY"

    run_worker()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert RoundScoreSnapshot.objects.get(round=round_, area="overall").respondents == 4
