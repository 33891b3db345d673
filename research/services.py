"""Writes for research: consent history, the export log and the stored round scores."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from networks.models import Network
from rounds.models import Round, RoundStatus

from .models import ConsentEvent, ExportLog, RoundScoreSnapshot
from .scores import rounds_area_scores

logger = logging.getLogger("ketenregie.research")


@transaction.atomic
def consent_event_record(*, network: Network, granted: bool, user=None, at=None) -> ConsentEvent:
    event = ConsentEvent(network=network, granted=granted, user=user, at=at or timezone.now())
    event.full_clean(exclude=["user"])
    event.save()
    return event


# --------------------------------------------------------------------------------------------------------
# Export log
# --------------------------------------------------------------------------------------------------------


@transaction.atomic
def export_log_start(*, user, actor_label: str, channel: str, layout: str, format: str, filters: dict,
                     coarsened: int = 0, suppressed_rounds: int = 0) -> ExportLog:
    log = ExportLog(user=user, actor_label=actor_label[:254], channel=channel, layout=layout, format=format,
                    filters=filters, coarsened=coarsened, suppressed_rounds=suppressed_rounds)
    log.full_clean(exclude=["user"])
    log.save()
    return log


def export_log_finish(*, log: ExportLog, row_count: int, suppressed_items: int = 0) -> ExportLog:
    # A single UPDATE: it may run at the very end of a streamed response, after the read transaction.
    now = timezone.now()
    ExportLog.objects.filter(pk=log.pk).update(row_count=row_count, suppressed_items=suppressed_items,
                                               finished_at=now)
    log.row_count, log.suppressed_items, log.finished_at = row_count, suppressed_items, now
    return log


def export_audit_record(*, log: ExportLog, request=None, actor=None) -> None:
    """Also put the export in the security audit trail."""
    audit_record(action=AuditAction.RESEARCH_EXPORT, actor=actor, request=request,
                 target=f"research export #{log.pk}",
                 details={"export_log": log.pk, "layout": log.layout, "format": log.format,
                          "filters": log.filters, "channel": log.channel, "actor": log.actor_label})


# --------------------------------------------------------------------------------------------------------
# Stored round scores
# --------------------------------------------------------------------------------------------------------


def _snapshot_rows(*, round: Round, scores: dict) -> list[RoundScoreSnapshot]:
    now = timezone.now()
    respondents = scores["respondents"]
    rows = [
        RoundScoreSnapshot(round=round, area=code, presence=area["presence"], importance=area["importance"],
                           n=area["n"], respondents=respondents, computed_at=now)
        for code, area in scores["areas"].items()
    ]
    overall = scores["overall"]
    rows.append(RoundScoreSnapshot(round=round, area=RoundScoreSnapshot.OVERALL, presence=overall["presence"],
                                   importance=overall["importance"], n=respondents, respondents=respondents,
                                   computed_at=now))
    return rows


@transaction.atomic
def round_score_snapshots_store(*, rounds: list[Round]) -> int:
    """Recompute and store the area and overall scores of these rounds (the numbers of their network_scores)."""
    computed = rounds_area_scores(rounds=rounds)
    RoundScoreSnapshot.objects.filter(round__in=[r.pk for r in rounds]).delete()
    RoundScoreSnapshot.objects.bulk_create(
        [row for r in rounds for row in _snapshot_rows(round=r, scores=computed[r.pk])], batch_size=1000)
    return len(rounds)


def round_score_snapshot_refresh(*, round: Round) -> list[RoundScoreSnapshot]:
    round_score_snapshots_store(rounds=[round])
    return list(RoundScoreSnapshot.objects.filter(round=round))


def round_score_snapshot_refresh_safely(*, round_pk: int) -> None:
    """For the close signal: a scoring problem is logged, never raised into the request that closed the round."""
    round = Round.objects.filter(pk=round_pk, status=RoundStatus.CLOSED).first()
    if round is None:
        return
    try:
        round_score_snapshots_store(rounds=[round])
    except Exception:  # noqa: BLE001 - the command refresh_score_snapshots can redo it; closing must succeed
        logger.exception("Could not store the scores of round %s for research", round_pk)


def round_score_snapshots_refresh(*, round_ids: Iterable[int], batch_size: int = 200) -> int:
    """Refresh many rounds in batches (the command, the synthetic-data generator, exports). Returns the count.

    Takes ids, not a lazy queryset: the writes must not run while a cursor over the same tables is still open.
    """
    ids = list(round_ids)
    count = 0
    for start in range(0, len(ids), batch_size):
        count += round_score_snapshots_store(rounds=list(Round.objects.filter(pk__in=ids[start:start + batch_size])))
    return count
