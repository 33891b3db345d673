"""Data retention: responses of rounds closed longer ago than the retention period are deleted."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record

from .models import Answer, PageState, Response, Round, RoundStatus


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    rounds: int
    responses: int
    answers: int
    page_states: int
    dry_run: bool


def rounds_past_retention(*, cutoff: datetime):
    """Closed rounds whose closing lies before the cutoff; a round closed without a timestamp uses its close date."""
    return Round.objects.filter(status=RoundStatus.CLOSED).filter(
        Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, closes_on__lt=cutoff.date())
    )


@transaction.atomic
def responses_purge(*, older_than_days: int, dry_run: bool = False, actor=None) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    cutoff = timezone.now() - timedelta(days=older_than_days)
    round_ids = list(rounds_past_retention(cutoff=cutoff).filter(responses__isnull=False)
                     .values_list("pk", flat=True).distinct())
    responses = Response.objects.filter(round_id__in=round_ids)
    result = PurgeResult(
        cutoff=cutoff, rounds=len(round_ids), responses=responses.count(),
        answers=Answer.objects.filter(response__round_id__in=round_ids).count(),
        page_states=PageState.objects.filter(response__round_id__in=round_ids).count(), dry_run=dry_run,
    )
    if dry_run or not round_ids:
        return result
    responses.delete()
    # Cached reports key on this timestamp; without the bump they would keep showing the deleted answers.
    Round.objects.filter(pk__in=round_ids).update(answers_changed_at=timezone.now())

    audit_record(action=AuditAction.RESPONSES_PURGED, actor=actor, target=f"{result.rounds} rounds",
                 details={"cutoff": cutoff.isoformat(), "older_than_days": older_than_days, "round_ids": round_ids,
                          "responses": result.responses, "answers": result.answers})
    return result
