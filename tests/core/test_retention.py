"""purge_responses: responses of rounds closed before the retention period are deleted, the rest stays."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from rounds.models import Answer, Invitation, PageState, Response, Round, RoundStatus
from tests.core.backup_testkit import build_scored_network


@pytest.fixture
def old_round(db) -> Round:
    round = build_scored_network()
    Round.objects.filter(pk=round.pk).update(closed_at=timezone.now() - timedelta(days=400))
    return round


@pytest.fixture
def recent_round(db) -> Round:
    round = build_scored_network()
    Round.objects.filter(pk=round.pk).update(closed_at=timezone.now() - timedelta(days=100))
    return round


def _purge(*args: str) -> str:
    out = StringIO()
    call_command("purge_responses", *args, stdout=out)
    return out.getvalue()


def test_responses_of_rounds_closed_before_the_cutoff_are_deleted_with_their_answers(old_round, recent_round):
    output = _purge("--older-than-days", "365")
    assert not Response.objects.filter(round=old_round).exists()
    assert not Answer.objects.filter(response__round=old_round).exists()
    assert not PageState.objects.filter(response__round=old_round).exists()
    assert Response.objects.filter(round=recent_round).count() == 3
    assert Answer.objects.filter(response__round=recent_round).count() == 12
    assert "Deleted 3 responses, 12 answers and 3 page states from 1 rounds" in output


def test_the_round_itself_and_its_invitations_stay(old_round):
    _purge("--older-than-days", "365")
    assert Round.objects.filter(pk=old_round.pk).exists()
    assert Invitation.objects.filter(round=old_round).count() == 3


def test_purge_marks_the_round_changed_so_cached_reports_refresh(old_round):
    before = timezone.now()
    _purge("--older-than-days", "365")
    old_round.refresh_from_db()
    assert old_round.answers_changed_at >= before


def test_dry_run_counts_but_deletes_nothing(old_round):
    output = _purge("--older-than-days", "365", "--dry-run")
    assert "Would delete 3 responses, 12 answers and 3 page states from 1 rounds" in output
    assert Answer.objects.filter(response__round=old_round).count() == 12
    assert not AuditEvent.objects.filter(action=AuditAction.RESPONSES_PURGED).exists()


def test_open_rounds_are_never_purged_however_old(old_round):
    Round.objects.filter(pk=old_round.pk).update(status=RoundStatus.OPEN, opens_on=date(2001, 1, 1))
    _purge("--older-than-days", "0")
    assert Response.objects.filter(round=old_round).count() == 3


def test_closed_round_without_close_time_uses_its_close_date(old_round):
    Round.objects.filter(pk=old_round.pk).update(closed_at=None, closes_on=date.today() - timedelta(days=400))
    _purge("--older-than-days", "365")
    assert not Response.objects.filter(round=old_round).exists()


def test_default_period_comes_from_the_setting(settings, old_round, recent_round):
    settings.KETENREGIE_RETENTION_DAYS = 500
    assert "Deleted 0 responses" in _purge()
    settings.KETENREGIE_RETENTION_DAYS = 50
    _purge()
    assert not Response.objects.filter(round__in=[old_round, recent_round]).exists()


def test_purge_is_audited(old_round):
    _purge("--older-than-days", "365")
    event = AuditEvent.objects.get(action=AuditAction.RESPONSES_PURGED)
    assert event.details["round_ids"] == [old_round.pk]
    assert event.details["answers"] == 12


def test_negative_period_is_refused(db):
    with pytest.raises(CommandError):
        _purge("--older-than-days", "-1")
