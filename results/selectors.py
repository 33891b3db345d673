"""The bridge between the database and the pure scoring engine (``scoring/``), and the reads behind the dashboard.

``round_scores(round=...)`` is the single public entry point for a round's scores: the dashboard, the JSON
endpoint, ``network_scores`` and the report all go through it, so they always agree.

Only **submitted** responses count. A response still being filled in may change or be abandoned; imported
paper responses are stored as submitted.

Query budget: the inputs of a round cost three queries whatever the number of respondents (items of the
round's active modules; submitted responses with their organisation; all their answers as flat tuples), so
no function here runs a query per response. Scores are cached per round (see ``_cache_key``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from assessments.models import Instrument, Item, ItemFlag, ScaleOption
from networks.models import Network
from rounds.models import Answer, Invitation, Response, Round, RoundStatus
from scoring import ItemSpec, Respondent, RoundScores, compute_trend, score_round
from scoring.serialise import JSONObject
from scoring.types import FORMAT_VERSION

from .labels import InstrumentLabels, labels_from_items

# Scales whose numbers are labels, not amounts (BB.1 "alone / bilateral / network"). The instrument format
# has no attribute for this yet, so the scale codes are listed here; such items get counts, never a mean.
NOMINAL_SCALES = frozenset({"route3"})

# Scores only change when answers do (the key holds answers_changed_at); the timeout merely bounds how long
# a renamed partner organisation keeps its old name in a cached breakdown.
CACHE_TIMEOUT = 60 * 60 * 24 * 7

# Answer rows fetched per round trip when reading a round's answers.
ANSWER_FETCH_SIZE = 10_000

# How many earlier rounds the dashboard's trend shows beside the current one.
TREND_ROUNDS = 5


# --------------------------------------------------------------------------------------------------------
# Rounds
# --------------------------------------------------------------------------------------------------------


def round_chronology(round: Round) -> tuple[date, datetime]:
    """When a round took place, for ordering rounds: its closing date, else the day it closed, opened or began.

    A round digitised from paper is created and closed today but carries its real ``closes_on``; ordering on
    that date keeps it in its historical place.
    """
    moment = round.closed_at or round.opened_at or round.created_at
    return (round.closes_on or timezone.localdate(moment), moment)


def _comparable_rounds(*, round: Round, statuses: tuple[str, ...]) -> list[Round]:
    """Other rounds of the same network on the same instrument (any version), in the given statuses. 1 query."""
    same_instrument = Instrument.objects.filter(pk=round.instrument_id).values("slug")
    return list(
        Round.objects.filter(network_id=round.network_id, status__in=statuses, instrument__slug__in=same_instrument)
        .exclude(pk=round.pk)
    )


def round_previous(*, round: Round) -> Round | None:
    """The latest closed round of the same network and instrument that took place before this one."""
    earlier = rounds_earlier(round=round, limit=1)
    return earlier[-1] if earlier else None


def rounds_earlier(*, round: Round, limit: int = TREND_ROUNDS) -> list[Round]:
    """Up to ``limit`` closed rounds before this one, oldest first. 1 query."""
    key = round_chronology(round)
    earlier = [r for r in _comparable_rounds(round=round, statuses=(RoundStatus.CLOSED,)) if round_chronology(r) < key]
    earlier.sort(key=round_chronology)
    for other in earlier:
        other.network = round.network  # same network: spares a query per round
    return earlier[-limit:] if limit else []


def round_latest_with_results(*, network: Network, include_open: bool) -> Round | None:
    """The most recent round whose results this person may see: closed ones, and open ones for coordinators."""
    statuses = (RoundStatus.CLOSED, RoundStatus.OPEN) if include_open else (RoundStatus.CLOSED,)
    rounds = list(Round.objects.filter(network=network, status__in=statuses))
    return max(rounds, key=round_chronology, default=None)


# --------------------------------------------------------------------------------------------------------
# Scoring inputs
# --------------------------------------------------------------------------------------------------------


def round_item_specs(*, round: Round) -> tuple[ItemSpec, ...]:
    """The engine's view of the round's items. 1 query."""
    return item_specs_from(items=Item.objects.active_in(round))


def item_specs_from(*, items) -> tuple[ItemSpec, ...]:
    """Engine specs for an Item queryset. 1 query (scale bounds come from correlated subqueries)."""
    options = ScaleOption.objects.filter(scale_id=OuterRef("scale_id")).values("value")
    rows = (
        items
        .annotate(
            scale_min=Subquery(options.order_by("value")[:1]),
            scale_max=Subquery(options.order_by("-value")[:1]),
        )
        .order_by("order", "code")
        .values_list("code", "dimension__module__code", "dimension__code", "factor", "aspect", "flags",
                     "scale__code", "scale_min", "scale_max")
    )
    specs = []
    for code, module, dimension, factor, aspect, flags, scale_code, scale_min, scale_max in rows:
        flags = set(flags or [])
        categorical = scale_code in NOMINAL_SCALES
        specs.append(ItemSpec(
            code=code, module=module, dimension=dimension or None, factor=factor or None, aspect=aspect or None,
            scale_min=scale_min, scale_max=scale_max,
            critical=ItemFlag.CRITICAL in flags, precondition=ItemFlag.PRECONDITION in flags,
            reverse=ItemFlag.REVERSE in flags and not categorical, extra=ItemFlag.EXTRA in flags,
            categorical=categorical,
        ))
    return tuple(specs)


def _respondent(*, pk: int, organisation: str | None, level: str, chain_role: str,
                rows: Iterable[tuple[str, int | None, bool]]) -> Respondent:
    """An engine respondent from (item code, value, not_applicable) rows: value None is "weet niet" (version 1:
    the combined "weet niet / n.v.t."), a row marked not_applicable is "n.v.t." (version 2 onwards)."""
    answers: dict[str, int | None] = {}
    not_applicable: set[str] = set()
    for code, value, na in rows:
        if na:
            not_applicable.add(code)
        else:
            answers[code] = value
    return Respondent(id=str(pk), organisation=organisation or None, level=level or None, role=chain_role or None,
                      answers=answers, not_applicable=frozenset(not_applicable))


def round_respondents(*, round: Round) -> tuple[Respondent, ...]:
    """Every submitted response with its answers. 3 queries, whatever the number of responses.

    A round of 5000 respondents has over half a million answers, so the answer rows are read as plain
    tuples from the cursor (no model field converters, item ids rather than a join for the code) and put
    into each respondent's answers in a single pass.
    """
    submitted = Response.objects.filter(round=round).submitted()
    people = list(submitted.order_by("pk").values_list("pk", "organisation__name", "level", "chain_role"))
    codes = dict(Item.objects.filter(instrument_id=round.instrument_id).values_list("pk", "code"))
    given: dict[int, dict[str, int | None]] = {pk: {} for pk, *_rest in people}
    not_applicable: dict[int, set[str]] = {pk: set() for pk, *_rest in people}
    sql, params = (Answer.objects.filter(response__round=round, response__submitted_at__isnull=False)
                   .values_list("response_id", "item_id", "value", "not_applicable").query.sql_with_params())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(ANSWER_FETCH_SIZE):
            for response_id, item_id, value, na in rows:
                if na:  # "n.v.t." (a bool on PostgreSQL, 0/1 on SQLite)
                    not_applicable[response_id].add(codes[item_id])
                else:
                    given[response_id][codes[item_id]] = value
    return tuple(
        Respondent(id=str(pk), organisation=organisation or None, level=level or None, role=chain_role or None,
                   answers=given[pk], not_applicable=frozenset(not_applicable[pk]))
        for pk, organisation, level, chain_role in people
    )


def respondent_for_user(*, round: Round, user) -> Respondent | None:
    """The user's own response in this round (submitted or not) as an engine respondent. 2 queries.

    Only ever the asking user's own response: the lookup is by ``respondent=user``, never by an id from the URL.
    """
    if not user.is_authenticated:
        return None
    row = (Response.objects.filter(round=round, respondent=user)
           .values_list("pk", "organisation__name", "level", "chain_role").first())
    if row is None:
        return None
    pk, organisation, level, chain_role = row
    rows = Answer.objects.filter(response_id=pk).values_list("item__code", "value", "not_applicable")
    return _respondent(pk=pk, organisation=organisation, level=level, chain_role=chain_role, rows=rows)


def own_response_submitted(*, round: Round, user) -> bool:
    return Response.objects.filter(round=round, respondent=user).submitted().exists()


# --------------------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------------------


def _min_group_size() -> int:
    return settings.KETENREGIE_MIN_GROUP_SIZE


def _cache_key(*, round: Round) -> str | None:
    """Everything the base scores depend on. None: do not cache (no answer has been given yet).

    ``created_at`` guards against a reused primary key (SQLite reuses ids after a rollback). The modules of a
    round are fixed once it has answers, and answers_changed_at is bumped on every answer change, submit and
    reopen, so a key holding it is never stale.
    """
    if round.answers_changed_at is None:
        return None
    return ":".join((
        "results", "scores", f"v{FORMAT_VERSION}", str(round.pk), round.created_at.isoformat(),
        round.answers_changed_at.isoformat(), str(round.network.claimed_phase), str(_min_group_size()),
    ))


def _base_scores(*, round: Round) -> RoundScores:
    """The round's scores without the comparison with an earlier round, from cache when possible."""
    key = _cache_key(round=round)
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    scores = score_round(
        items=round_item_specs(round=round),
        respondents=round_respondents(round=round),
        network_claimed_phase=round.network.claimed_phase,
        min_group_size=_min_group_size(),
    )
    if key is not None:
        cache.set(key, scores, CACHE_TIMEOUT)
    return scores


def _with_trend(scores: RoundScores, previous: RoundScores | None) -> RoundScores:
    if previous is None or not previous.reportable:
        # A difference with a round of one or two respondents would publish their answers after all.
        return scores
    return replace(scores, trend=compute_trend(current=scores, previous=previous))


def round_scores(*, round: Round) -> RoundScores:
    """Every score of the round, with the trend against the previous closed round of the network.

    The trend is left out when there is no earlier closed round on the same instrument, or when that round is
    below the minimum group size. Warm cache: 1 query (finding the previous round); cold: 3 more per round.
    """
    previous = round_previous(round=round)
    return _with_trend(_base_scores(round=round), None if previous is None else _base_scores(round=previous))


def round_scores_dict(*, round: Round) -> JSONObject:
    """``round_scores(...).to_dict()``: the documented ``network_scores`` JSON (docs/network_scores.md)."""
    return round_scores(round=round).to_dict()


def rounds_trend_scores(*, round: Round) -> list[tuple[Round, RoundScores]]:
    """Up to ``TREND_ROUNDS`` earlier closed rounds and then this one, oldest first, each with its scores.

    The last entry carries ``round_scores(round=round)``, trend included.
    """
    earlier = [(r, _base_scores(round=r)) for r in rounds_earlier(round=round)]
    current = _with_trend(_base_scores(round=round), earlier[-1][1] if earlier else None)
    return [*earlier, (round, current)]


# --------------------------------------------------------------------------------------------------------
# Response rate and labels
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRate:
    invited: int
    submitted_invited: int
    imported: int

    @property
    def submitted(self) -> int:
        return self.submitted_invited + self.imported

    @property
    def rate(self) -> float | None:
        """Submitted invitations as a share of invitations; imported paper responses had no invitation."""
        if not self.invited:
            return None
        return self.submitted_invited / self.invited * 100


def round_response_rate(*, round: Round) -> ResponseRate:
    """Counts only (never who). 2 queries."""
    invited = Invitation.objects.filter(round=round).active().count()
    counts = Response.objects.filter(round=round).submitted().aggregate(
        invited=Count("pk", filter=Q(invitation__isnull=False, invitation__revoked_at__isnull=True)),
        imported=Count("pk", filter=Q(invitation__isnull=True)),
    )
    return ResponseRate(invited=invited, submitted_invited=counts["invited"], imported=counts["imported"])


def instrument_labels(*, instrument_id: int) -> InstrumentLabels:
    """The instrument's words in the active language (3 queries: items, then the scales' options)."""
    items = (Item.objects.filter(instrument_id=instrument_id).select_related("dimension__module", "scale")
             .prefetch_related("scale__options").order_by("dimension__module__order", "dimension__order", "order"))
    return labels_from_items(items=items)
