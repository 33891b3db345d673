"""Reads for research: which data is eligible, how much matches, the export row streams, and the benchmark.

Eligible data (docs/research.md): closed rounds of networks that consent to research *now* (a withdrawal
removes a network from every later export), of one instrument version, only submitted responses, and only
rounds with at least the minimum group size of submitted responses (smaller rounds are suppressed).

Every stream runs a fixed number of queries, iterated in chunks, so memory does not grow with the number of
rows; rows are ordered by round and response so that a response's answers arrive together.
"""

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import NOT_APPLICABLE_EXPORT_CODE, Dimension, Instrument, InstrumentStatus
from networks.models import Network, Partnership
from rounds.models import Answer, Response, Round, RoundStatus
from scoring.serialise import round1

from .models import ConsentEvent, ExportLog, RoundScoreSnapshot
from .scores import round_area_scores
from .smallcell import Coarsening, coarsen

CHUNK_SIZE = 2000
# The answer stream is the export's bulk (millions of rows): fewer, larger fetches cut the round trips to the
# server-side cursor, which took most of the export's time at CHUNK_SIZE. 20,000 rows of four integers are a
# few megabytes, whatever the size of the export.
ANSWER_CHUNK_SIZE = 20_000
AREA_CODES = ("K", "P", "N", "O", "C", "X")
# Fewer peers than this and a percentile band would all but name the networks it compares with.
BENCHMARK_MIN_PEERS = 5


def min_group_size() -> int:
    return settings.KETENREGIE_MIN_GROUP_SIZE


# --------------------------------------------------------------------------------------------------------
# Filters and eligible rounds
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResearchFilters:
    instrument: Instrument
    date_from: date | None = None
    date_to: date | None = None
    sector: str = ""
    form: str = ""
    phase: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe, for the export log and the metadata of a file."""
        return {
            "instrument": f"{self.instrument.slug}:{self.instrument.version}",
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "sector": self.sector or None,
            "form": self.form or None,
            "phase": self.phase,
        }


def research_instruments() -> QuerySet[Instrument]:
    """Versions a researcher may choose: published and retired ones, never drafts."""
    return Instrument.objects.exclude(status=InstrumentStatus.DRAFT).order_by("slug", "-version")


def research_instrument_default() -> Instrument | None:
    """The newest published version that has submitted responses, so that a new version without data yet does
    not make the default export empty; else the newest published version; else any researchable version."""
    published = Instrument.objects.published().filter(slug="ketenregie").order_by("-version")
    with_data = published.filter(rounds__responses__submitted_at__isnull=False).distinct().first()
    return with_data or Instrument.objects.latest_published() or research_instruments().first()


def round_date_expression(prefix: str = ""):
    """The date a round took place: its closing date, else the day it was closed."""
    return Coalesce(F(f"{prefix}closes_on"), TruncDate(f"{prefix}closed_at"))


def research_rounds(*, filters: ResearchFilters) -> QuerySet[Round]:
    """Closed rounds of consenting networks that match the filters, before the group-size rule.

    Sector means: the network has at least one partner organisation in that sector (docs/research.md).
    """
    rounds = Round.objects.filter(
        status=RoundStatus.CLOSED, network__research_consent=True, instrument=filters.instrument,
    ).annotate(round_date=round_date_expression())
    if filters.date_from:
        rounds = rounds.filter(round_date__gte=filters.date_from)
    if filters.date_to:
        rounds = rounds.filter(round_date__lte=filters.date_to)
    if filters.sector:
        rounds = rounds.filter(Exists(Partnership.objects.filter(
            network_id=OuterRef("network_id"), organisation__sector=filters.sector)))
    if filters.form:
        rounds = rounds.filter(network__form=filters.form)
    if filters.phase:
        rounds = rounds.filter(network__claimed_phase=filters.phase)
    return rounds


def _with_submitted(rounds: QuerySet[Round]) -> QuerySet:
    # Untyped result: the plugin cannot carry the ``submitted`` annotation through a function boundary.
    return rounds.annotate(submitted=Count("responses", filter=Q(responses__submitted_at__isnull=False)))


def research_round_ids(*, filters: ResearchFilters) -> QuerySet:
    """Ids of the eligible rounds (a subquery, never loaded into Python)."""
    return _with_submitted(research_rounds(filters=filters)).filter(submitted__gte=min_group_size()).values("pk")


@dataclass(frozen=True)
class ResearchCounts:
    networks: int
    rounds: int
    respondents: int
    suppressed_rounds: int
    suppressed_respondents: int


def research_counts(*, filters: ResearchFilters) -> ResearchCounts:
    """How much data matches. 1 query, whatever the size of the data."""
    m = min_group_size()
    shown, small = Q(submitted__gte=m), Q(submitted__lt=m, submitted__gt=0)
    # Aggregating over the per-round count makes Django wrap it in a subquery: still one statement.
    totals = _with_submitted(research_rounds(filters=filters)).aggregate(
        networks=Count("network_id", distinct=True, filter=shown),
        rounds=Count("pk", filter=shown),
        respondents=Coalesce(Sum("submitted", filter=shown), 0),
        suppressed_rounds=Count("pk", filter=small),
        suppressed_respondents=Coalesce(Sum("submitted", filter=small), 0),
    )
    return ResearchCounts(**totals)


# --------------------------------------------------------------------------------------------------------
# Respondent groups per round (small-cell rule)
# --------------------------------------------------------------------------------------------------------


@dataclass
class RoundInfo:
    """What an export shows about one round, plus the coarsening of its respondents' attributes."""

    round_id: int
    network_id: int
    round_date: date | None
    network_form: str
    network_phase: int | None
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    coarsening: Coarsening | None = None


def research_round_groups(*, filters: ResearchFilters) -> Iterator[RoundInfo]:
    """Eligible rounds in id order, each with its respondents counted per (level, role, sector). 1 query."""
    rows = (
        Response.objects.submitted()
        .filter(round_id__in=research_round_ids(filters=filters))
        .annotate(round_date=round_date_expression("round__"))
        .values("round_id", "round__network_id", "round_date", "round__network__form",
                "round__network__claimed_phase", "level", "chain_role", "organisation__sector")
        .annotate(n=Count("pk"))
        .order_by("round_id")
        .values_list("round_id", "round__network_id", "round_date", "round__network__form",
                     "round__network__claimed_phase", "level", "chain_role", "organisation__sector", "n")
    )
    m = min_group_size()
    current: RoundInfo | None = None
    for round_id, network_id, round_date, form, phase, level, role, sector, n in rows.iterator(CHUNK_SIZE):
        if current is None or current.round_id != round_id:
            if current is not None:
                current.coarsening = coarsen(counts=current.counts, min_group_size=m)
                yield current
            current = RoundInfo(round_id=round_id, network_id=network_id, round_date=round_date,
                                network_form=form or "", network_phase=phase)
        combo = (level or "", role or "", sector or "")
        current.counts[combo] = current.counts.get(combo, 0) + n
    if current is not None:
        current.coarsening = coarsen(counts=current.counts, min_group_size=m)
        yield current


@dataclass(frozen=True)
class DisclosureSummary:
    coarsened_respondents: int
    coarsened_attributes: int


def research_disclosure_summary(*, filters: ResearchFilters) -> DisclosureSummary:
    """How many respondents an item-level export will show with coarsened attributes. 1 query, streamed."""
    respondents = attributes = 0
    for info in research_round_groups(filters=filters):
        if info.coarsening is not None:  # always set on the rounds research_round_groups yields
            respondents += info.coarsening.coarsened_respondents
            attributes += info.coarsening.coarsened_attributes
    return DisclosureSummary(coarsened_respondents=respondents, coarsened_attributes=attributes)


# --------------------------------------------------------------------------------------------------------
# Row streams
# --------------------------------------------------------------------------------------------------------


def research_answers(*, filters: ResearchFilters) -> QuerySet:
    """Every answer of the eligible responses, ordered by round, response and item; flat tuples.

    Columns: round id, response id, item id, value (None = "weet niet"; NOT_APPLICABLE_EXPORT_CODE = "n.v.t.",
    instrument version 2 onwards), level, chain role, partner sector.
    """
    return (
        Answer.objects.filter(response__submitted_at__isnull=False,
                              response__round_id__in=research_round_ids(filters=filters))
        .annotate(export_value=Case(When(not_applicable=True, then=Value(NOT_APPLICABLE_EXPORT_CODE)),
                                    default=F("value"), output_field=IntegerField()))
        .order_by("response__round_id", "response_id", "item_id")
        .values_list("response__round_id", "response_id", "item_id", "export_value", "response__level",
                     "response__chain_role", "response__organisation__sector")
    )


def research_answer_count(*, filters: ResearchFilters) -> int:
    """How many answers (rows of the long layout) the eligible responses have. 1 query."""
    return research_answers(filters=filters).order_by().count()


@dataclass(frozen=True)
class ResponseAnswers:
    """One response's answers, with its round's info and the respondent's attributes before coarsening."""

    info: RoundInfo
    response_id: int
    attributes: tuple[str, str, str]  # level, chain role, partner sector; "" = not stated
    answers: list[tuple[int, int | None]]  # (item id, value); value None = "weet niet"


def _answer_values(*, filters: ResearchFilters) -> QuerySet:
    """(round id, response id, item id, value) of every eligible answer, in the order of ``research_answers``.

    The respondent's attributes are left out: they are the same for all of a response's answers and come from
    ``_response_attributes``, one row per response, streamed alongside.
    """
    return research_answers(filters=filters).values_list("response__round_id", "response_id", "item_id",
                                                         "export_value")


def _response_attributes(*, filters: ResearchFilters) -> QuerySet:
    """(round id, response id, level, chain role, partner sector) of every eligible response, in answer order."""
    return (
        Response.objects.submitted().filter(round_id__in=research_round_ids(filters=filters))
        .order_by("round_id", "pk")
        .values_list("round_id", "pk", "level", "chain_role", "organisation__sector")
    )


def research_response_stream(*, filters: ResearchFilters) -> Iterator[ResponseAnswers]:
    """Answers grouped per response, paired with their round's info, by walking three round-ordered streams
    side by side (round groups, responses with their attributes, answers).

    3 queries in total; only one round's group counts and one response's answers are held in memory at a
    time. Answers of a round the group query did not see (it closed between the queries) are left out:
    without its counts the small-cell rule cannot be applied.
    """
    groups = research_round_groups(filters=filters)
    pending = next(groups, None)
    people = _response_attributes(filters=filters).iterator(CHUNK_SIZE)
    person = next(people, None)
    rows = _answer_values(filters=filters).iterator(ANSWER_CHUNK_SIZE)
    for response_id, group in groupby(rows, key=itemgetter(1)):
        answer_rows = list(group)
        round_id = answer_rows[0][0]
        while pending is not None and pending.round_id < round_id:
            pending = next(groups, None)
        # Both streams are ordered by (round, response): skip responses without answers.
        while person is not None and (person[0], person[1]) < (round_id, response_id):
            person = next(people, None)
        if pending is None or pending.round_id != round_id or person is None or person[1] != response_id:
            continue
        _round, _response, level, role, sector = person
        yield ResponseAnswers(info=pending, response_id=response_id,
                              attributes=(level or "", role or "", sector or ""),
                              answers=[(row[2], row[3]) for row in answer_rows])


def research_snapshot_rows(*, filters: ResearchFilters) -> QuerySet:
    """Stored area scores of the eligible rounds, ordered by round. Flat tuples."""
    return (
        RoundScoreSnapshot.objects.filter(round_id__in=research_round_ids(filters=filters))
        .annotate(round_date=round_date_expression("round__"))
        .order_by("round_id", "area")
        .values_list("round_id", "round__network_id", "round_date", "round__network__form",
                     "round__network__claimed_phase", "respondents", "area", "presence", "importance", "n")
    )


def research_rounds_without_snapshot(*, filters: ResearchFilters) -> QuerySet[Round]:
    return Round.objects.filter(pk__in=research_round_ids(filters=filters)).exclude(
        score_snapshots__area=RoundScoreSnapshot.OVERALL)


# --------------------------------------------------------------------------------------------------------
# Consent history and export log
# --------------------------------------------------------------------------------------------------------


def consent_history(*, network: Network) -> QuerySet[ConsentEvent]:
    return ConsentEvent.objects.filter(network=network).select_related("user").order_by("-at", "-pk")


def export_logs_for_user(*, user, limit: int = 10) -> list[ExportLog]:
    return list(ExportLog.objects.filter(user=user).order_by("-started_at", "-pk")[:limit])


# --------------------------------------------------------------------------------------------------------
# Benchmark for networks
# --------------------------------------------------------------------------------------------------------


BANDS = {
    1: gettext_lazy("onderste kwart (onder P25)"),
    2: gettext_lazy("tweede kwart (P25–P50)"),
    3: gettext_lazy("derde kwart (P50–P75)"),
    4: gettext_lazy("bovenste kwart (vanaf P75)"),
}


@dataclass(frozen=True)
class AreaBand:
    code: str
    label: str
    own: float | None
    p25: float | None
    p50: float | None
    p75: float | None
    peers: int
    band: int | None

    @property
    def band_label(self) -> str:
        return str(BANDS[self.band]) if self.band else ""


@dataclass(frozen=True)
class Benchmark:
    """Where a round's area scores stand among comparable networks, or why that is not shown."""

    available: bool
    reason: str
    peers: int
    min_peers: int
    filters: dict[str, Any]
    areas: tuple[AreaBand, ...] = ()


def _band(value: float, p25: float, p50: float, p75: float) -> int:
    """A score on a boundary belongs to the band above it: equal to the median is 'at least the median'."""
    if value < p25:
        return 1
    if value < p50:
        return 2
    if value < p75:
        return 3
    return 4


def _area_labels(*, instrument_id: int) -> dict[str, str]:
    labels = {code: code for code in AREA_CODES}
    for dimension in Dimension.objects.filter(module__instrument_id=instrument_id, module__code="SF",
                                              code__in=AREA_CODES):
        labels[dimension.code] = dimension.tr("title")
    labels[RoundScoreSnapshot.OVERALL] = _("Totaal (vijf kerngebieden)")
    return labels


def benchmark_peer_rounds(*, round: Round, sector: str = "", form: str = "", phase: int | None = None) -> QuerySet:
    """For every other consenting network that matches, its latest closed round of the same version. Subquery."""
    m = min_group_size()
    latest = (
        Round.objects.filter(network_id=OuterRef("pk"), status=RoundStatus.CLOSED, instrument_id=round.instrument_id,
                             score_snapshots__area=RoundScoreSnapshot.OVERALL,
                             score_snapshots__respondents__gte=m)
        .annotate(round_date=round_date_expression())
        .order_by("-round_date", "-closed_at", "-pk")
        .values("pk")[:1]
    )
    peers = Network.objects.research_consenting().exclude(pk=round.network_id)
    if sector:
        peers = peers.filter(Exists(Partnership.objects.filter(network_id=OuterRef("pk"),
                                                               organisation__sector=sector)))
    if form:
        peers = peers.filter(form=form)
    if phase:
        peers = peers.filter(claimed_phase=phase)
    return peers.annotate(latest_round=Subquery(latest)).filter(latest_round__isnull=False).values("latest_round")


def _own_area_scores(*, round: Round) -> tuple[dict[str, float | None], int]:
    stored = list(RoundScoreSnapshot.objects.filter(round=round).values_list("area", "presence", "respondents"))
    if stored and round.status == RoundStatus.CLOSED:
        return {area: presence for area, presence, _n in stored}, stored[0][2]
    scores = round_area_scores(round=round)
    own = {code: area["presence"] for code, area in scores["areas"].items()}
    own[RoundScoreSnapshot.OVERALL] = scores["overall"]["presence"]
    return own, scores["respondents"]


def network_percentile_bands(*, round: Round, sector: str = "", form: str = "", phase: int | None = None) -> Benchmark:
    """The round's area presence scores beside P25/P50/P75 of comparable networks' latest closed round.

    Comparable: same instrument version, consenting, optionally the same sector / form / claimed phase. Shown
    only to a network that consents itself, and only when at least five other networks qualify; otherwise
    ``available`` is false and ``reason`` says why.
    Reads stored snapshots (RoundScoreSnapshot): 3 queries, whatever the number of networks.
    """
    chosen = {"sector": sector or None, "form": form or None, "phase": phase}
    if not round.network.research_consent:
        # Comparing is taking part: only networks that share their own data see the others' (docs/research.md).
        return Benchmark(available=False, peers=0, min_peers=BENCHMARK_MIN_PEERS, filters=chosen,
                         reason=_("Uw netwerk geeft geen toestemming voor onderzoek. De vergelijking met andere "
                                  "netwerken is er alleen voor netwerken die zelf hun gegevens delen."))
    m = min_group_size()
    own, respondents = _own_area_scores(round=round)
    if respondents < m:
        return Benchmark(available=False, peers=0, min_peers=BENCHMARK_MIN_PEERS, filters=chosen,
                         reason=_("Deze ronde heeft minder dan %(m)d ingevulde vragenlijsten; er is geen "
                                  "vergelijking mogelijk.") % {"m": m})
    values: dict[str, list[float]] = {}
    peer_rounds: set[int] = set()
    rows = RoundScoreSnapshot.objects.filter(
        round_id__in=benchmark_peer_rounds(round=round, sector=sector, form=form, phase=phase)
    ).values_list("round_id", "area", "presence")
    for round_id, area, presence in rows:
        peer_rounds.add(round_id)
        if presence is not None:
            values.setdefault(area, []).append(presence)
    peers = len(peer_rounds)
    if peers < BENCHMARK_MIN_PEERS:
        return Benchmark(available=False, peers=peers, min_peers=BENCHMARK_MIN_PEERS, filters=chosen,
                         reason=_("Er zijn minder dan %(min)d andere netwerken die toestemming gaven en aan deze "
                                  "keuze voldoen; de vergelijking blijft verborgen.") % {"min": BENCHMARK_MIN_PEERS})
    labels = _area_labels(instrument_id=round.instrument_id)
    areas = []
    for code in (*AREA_CODES, RoundScoreSnapshot.OVERALL):
        scores = sorted(values.get(code, []))
        own_score = own.get(code)
        if code not in own and not scores:
            continue
        if len(scores) < BENCHMARK_MIN_PEERS:
            areas.append(AreaBand(code=code, label=labels[code], own=own_score, p25=None, p50=None, p75=None,
                                  peers=len(scores), band=None))
            continue
        p25, p50, p75 = (round_1(q) for q in statistics.quantiles(scores, n=4, method="inclusive"))
        band = _band(own_score, p25, p50, p75) if own_score is not None else None
        areas.append(AreaBand(code=code, label=labels[code], own=own_score, p25=p25, p50=p50, p75=p75,
                              peers=len(scores), band=band))
    return Benchmark(available=True, reason="", peers=peers, min_peers=BENCHMARK_MIN_PEERS, filters=chosen,
                     areas=tuple(areas))


def round_1(value: float) -> float:
    """One decimal, half away from zero, like every number in network_scores."""
    return round1(value=value)


