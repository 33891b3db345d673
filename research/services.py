"""Writes for research: consent history, the export log and the stored round scores."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
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


def _snapshot_is_current(*, round: Round) -> bool:
    """Stored after the last answer change (the overall row is written with the area rows, in one transaction)."""
    computed_at = (RoundScoreSnapshot.objects.filter(round=round, area=RoundScoreSnapshot.OVERALL)
                   .values_list("computed_at", flat=True).first())
    return computed_at is not None and (round.answers_changed_at is None or computed_at >= round.answers_changed_at)


@transaction.atomic
def round_score_snapshot_refresh_if_stale(*, round_pk: int) -> bool:
    """Store a closed round's scores unless the stored ones are current; True when it wrote them.

    For the workers (the close hook's task and the daily job): the round row is locked first, so two workers
    given the same round run one after the other and the second finds the scores current and changes nothing.
    """
    round = Round.objects.select_for_update().filter(pk=round_pk, status=RoundStatus.CLOSED).first()
    if round is None or _snapshot_is_current(round=round):
        return False
    round_score_snapshots_store(rounds=[round])
    return True


def round_ids_with_stale_snapshots() -> list[int]:
    """Closed rounds whose stored scores are missing or older than their last answer change."""
    overall = RoundScoreSnapshot.objects.filter(round=OuterRef("pk"), area=RoundScoreSnapshot.OVERALL)
    stale = ~Exists(overall) | (Q(answers_changed_at__isnull=False)
                                & ~Exists(overall.filter(computed_at__gte=OuterRef("answers_changed_at"))))
    return list(Round.objects.filter(stale, status=RoundStatus.CLOSED).order_by("pk").values_list("pk", flat=True))


def round_score_snapshots_refresh_stale() -> int:
    """The daily job: catch up on rounds whose close-time task failed or whose answers changed since (an import
    into a closed round, the purge). One transaction per round, so a failing round does not stop the others."""
    refreshed = 0
    for round_pk in round_ids_with_stale_snapshots():
        try:
            refreshed += round_score_snapshot_refresh_if_stale(round_pk=round_pk)
        except Exception:  # noqa: BLE001 - logged; the next day's run (or the command) tries this round again
            logger.exception("Could not store the scores of round %s for research", round_pk)
    return refreshed


def round_score_snapshots_refresh(*, round_ids: Iterable[int], batch_size: int = 200) -> int:
    """Refresh many rounds in batches (the command, the synthetic-data generator, exports). Returns the count.

    Takes ids, not a lazy queryset: the writes must not run while a cursor over the same tables is still open.
    """
    ids = list(round_ids)
    count = 0
    for start in range(0, len(ids), batch_size):
        count += round_score_snapshots_store(rounds=list(Round.objects.filter(pk__in=ids[start:start + batch_size])))
    return count
