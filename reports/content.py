"""The report's content: scores, instrument texts and advice turned into rows the templates print.

Runs in the viewer's language (gettext for the product's own words, ``obj.tr()`` for the instrument's
bilingual texts, ``Recommendation.title_in`` for the advice). Nothing here queries per item: the callers
hand in the items, scores and facts that ``reports.selectors`` read.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import sources as sources_module
from assessments.models import Item
from core.i18n import decimal_separator, language_code
from improvement.selectors import report_section as improvement_report_section
from networks.models import Level
from research.selectors import network_percentile_bands
from results import figures
from results import phases as phase_views
from results.dashboard import DimensionRow, DisputedRow, dimension_rows, disputed_rows
from results.labels import InstrumentLabels, labels_from_items
from rounds.models import Round
from scoring import Compared, RoundScores
from scoring.codes import CORE_AREAS, MK_PHASES, natural_key

from . import narrative
from .advice import (
    BACKLOG,
    CHALLENGE,
    COMPLEXITY,
    COMPLEXITY_DIMENSION,
    COMPLEXITY_MODULE,
    PHASE,
    PHASE_DATA,
    PRECONDITION,
    PRIORITY,
    UNDEREXPOSED,
    AdviceSet,
    AdviceTarget,
    advised_challenges,
    complexity_target,
    factor_targets,
    load_advice,
    select_targets,
)
from .selectors import Comment, HistoryPoint, PersonalData, ResponseSummary

logger = logging.getLogger(__name__)

# An element of a Minkman phase is "not yet realised" when its median answer is below 2 ("gedeeltelijk"):
# at least half of the respondents answer "nee" or "gepland". The median keeps one enthusiast from hiding
# an element that most people do not see in place.
UNREALISED_MEDIAN = 2
# Below this many respondents the report warns that every number is indicative.
SMALL_N = 10
# A "weet niet" share from this percentage on is pointed out: members do not know the topic.
HIGH_DONT_KNOW = 25.0
# At most this many recommendations per factor, challenge or phase keep the advice section readable.
ADVICE_PER_CODE = 3
TOP = 3

# ---------------------------------------------------------------------------
# Instrument texts
# ---------------------------------------------------------------------------


quadrant_labels = figures.quadrant_labels


def level_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Level.choices}


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    code: str
    label: str
    presence: float | None
    importance: float | None
    n: int
    factors: int
    core: bool


@dataclass(frozen=True)
class FactorRow:
    code: str
    label: str
    area: str
    presence: float | None
    importance: float | None
    presence_mean: float | None
    importance_mean: float | None
    sd: float | None
    n: int
    quadrant: str | None
    quadrant_label: str
    critical: bool
    precondition: bool
    extra: bool

    @property
    def gap(self) -> float:
        if self.presence is None or self.importance is None:
            return 0.0
        return self.importance - self.presence


@dataclass(frozen=True)
class ElementRow:
    code: str
    label: str
    share: float | None
    median: float | None
    n: int
    n_dont_know: int


@dataclass(frozen=True)
class PhaseRow:
    phase: int
    label: str
    share: float | None
    answers: int
    reached: bool
    calculated: bool
    elements: int
    unrealised: list[ElementRow]


@dataclass(frozen=True)
class ChallengeRow:
    code: str
    label: str
    share: float | None
    mean: float | None
    n: int
    n_dont_know: int
    top: bool


@dataclass(frozen=True)
class GroupRow:
    label: str
    n: int
    values: list[float | None]


@dataclass(frozen=True)
class Heatmap:
    title: str
    columns: list[str]
    rows: list[GroupRow]
    suppressed_groups: int
    merged_groups: int
    chart: SafeString


@dataclass(frozen=True)
class DeltaRow:
    label: str
    delta: float | None
    unit: str


@dataclass(frozen=True)
class Trend:
    rounds: list[str]
    previous: str
    chart: SafeString
    deltas: list[DeltaRow]
    only_current: int
    only_previous: int


@dataclass(frozen=True)
class AdviceItem:
    code: str
    title: str
    text: str
    source: str
    also: list[str]
    practice: bool = False  # the product's own practice advice, not a paraphrase of the source


@dataclass(frozen=True)
class AdviceSection:
    code: str
    kind: str  # one of reports.advice.TARGET_KINDS: priority | precondition | underexposed | challenge | ...
    heading: str
    items: list[AdviceItem]
    note: str = ""  # why this situation gets advice, in one sentence
    elements: list[str] = field(default_factory=list)  # for a phase backlog: the open elements, by name


@dataclass(frozen=True)
class CommentGroup:
    heading: str
    texts: list[str]


@dataclass(frozen=True)
class Summary:
    overall_presence: float | None
    overall_importance: float | None
    calculated_phase: int | None
    calculated_label: str
    claimed_phase: int | None
    claimed_label: str
    network_claimed_phase: int | None
    network_claimed_label: str
    phase_notes: list[str]
    strengths: list[FactorRow]
    priorities: list[FactorRow]
    challenges: list[ChallengeRow]
    blind_spots: list[FactorRow] = field(default_factory=list)


@dataclass
class Report:
    round: Round
    network_name: str
    round_name: str
    instrument_name: str
    interim: bool
    generated_at: object
    language: str
    respondents: int
    min_group_size: int
    reportable: bool
    response: ResponseSummary
    warnings: list[str] = field(default_factory=list)
    summary: Summary | None = None
    executive: narrative.ExecutiveSummary | None = None
    areas: list[AreaRow] = field(default_factory=list)
    factors: list[FactorRow] = field(default_factory=list)
    phases: list[PhaseRow] = field(default_factory=list)
    phase_profile: phase_views.PhaseProfile | None = None
    threshold: float = 60.0
    unrealised_median: int = UNREALISED_MEDIAN
    challenges: list[ChallengeRow] = field(default_factory=list)
    heatmaps: list[Heatmap] = field(default_factory=list)
    disputed: list[DisputedRow] = field(default_factory=list)
    disputed_total: int = 0
    trend: Trend | None = None
    advice: list[AdviceSection] = field(default_factory=list)
    advice_version: int = 0
    dimensions: list[DimensionRow] = field(default_factory=list)
    comments: list[CommentGroup] = field(default_factory=list)
    comments_total: int = 0
    charts: dict[str, SafeString] = field(default_factory=dict)
    method_template: str = ""
    small_n: int = SMALL_N
    scales: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quadrants: dict[str, str] = field(default_factory=dict)
    benchmark: object = None
    benchmark_template: str = ""
    improvement: object = None


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


def area_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[AreaRow]:
    rows = []
    for code, area in scores.areas.items():
        rows.append(AreaRow(code=code, label=labels.areas.get(code, code), presence=area.presence,
                            importance=area.importance, n=area.n, factors=area.factors,
                            core=code in CORE_AREAS))
    order = {code: index for index, code in enumerate(labels.areas)}
    return sorted(rows, key=lambda row: order.get(row.code, len(order)))


def factor_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[FactorRow]:
    names = quadrant_labels()
    rows = [
        FactorRow(
            code=code, label=labels.factors.get(code, code), area=factor.area, presence=factor.presence,
            importance=factor.importance, presence_mean=factor.presence_mean,
            importance_mean=factor.importance_mean, sd=factor.sd, n=factor.n, quadrant=factor.quadrant,
            quadrant_label=names.get(factor.quadrant or "", "–"), critical=factor.critical,
            precondition=factor.precondition, extra=factor.extra,
        )
        for code, factor in scores.factors.items()
    ]
    area_order = {code: index for index, code in enumerate(labels.areas)}
    return sorted(rows, key=lambda row: (area_order.get(row.area, 99), natural_key(code=row.code)))


def _share(*, mean: float | None, low: int, high: int) -> float | None:
    return None if mean is None else (mean - low) / (high - low) * 100


def phase_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[PhaseRow]:
    minkman = scores.minkman
    elements: dict[int, list[tuple[str, object]]] = {phase: [] for phase in MK_PHASES}
    for code, stats in scores.items.items():
        parts = code.split(".")
        if len(parts) == 3 and parts[0] == "MK" and parts[1].isdigit():
            elements[int(parts[1])].append((code, stats))
    rows = []
    for phase in MK_PHASES:
        unrealised = []
        for code, stats in sorted(elements[phase], key=lambda pair: natural_key(code=pair[0])):
            if stats.median is not None and stats.median < UNREALISED_MEDIAN:
                unrealised.append(ElementRow(
                    code=code, label=labels.item(code),
                    share=_share(mean=stats.mean, low=stats.scale_min, high=stats.scale_max),
                    median=stats.median, n=stats.n, n_dont_know=stats.n_dont_know))
        rows.append(PhaseRow(
            phase=phase, label=labels.phases.get(phase, str(phase)), share=minkman.phases.get(phase),
            answers=minkman.phase_n.get(phase, 0), reached=phase in minkman.reached,
            calculated=phase == minkman.calculated_phase, elements=len(elements[phase]), unrealised=unrealised))
    return rows


def challenge_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[ChallengeRow]:
    top = set(scores.top_challenges)
    rows = []
    for code in figures.challenge_codes(scores):
        ch = scores.challenges[code]
        rows.append(ChallengeRow(code=code, label=labels.item(code), share=ch.recognised_share, mean=ch.mean,
                                 n=ch.n, n_dont_know=ch.n_dont_know, top=code in top))
    return rows


def _phase_label(phase: int | None, labels: InstrumentLabels) -> str:
    if phase is None:
        return _("onbekend")
    return labels.phases.get(phase, str(phase))


def phase_notes(*, scores: RoundScores, labels: InstrumentLabels) -> list[str]:
    """Why the calculated phase differs from a claim: a mirror and a conversation starter, not an error."""
    minkman = scores.minkman
    calculated = minkman.calculated_phase
    notes = []
    if calculated is None:
        return [_("Onvoldoende gegevens: te weinig fase-elementen kregen een inhoudelijk antwoord om het netwerk in "
                  "een fase te plaatsen.")]
    # The phase that keeps the network where it is: the next one, or phase 1 itself when even that is not reached.
    blocking = next((p for p in MK_PHASES if p > calculated), None) if calculated in minkman.reached else calculated
    share = minkman.phases.get(blocking) if blocking else None
    unjudged = blocking is not None and blocking in minkman.insufficient_phases
    claims: list[tuple[int, str]] = []
    if minkman.claimed_phase is not None and minkman.claimed_phase == minkman.network_claimed_phase:
        claims.append((minkman.claimed_phase, _("de respondenten en het netwerk (coördinator)")))
    else:
        if minkman.claimed_phase is not None:
            claims.append((minkman.claimed_phase, _("de respondenten")))
        if minkman.network_claimed_phase is not None:
            claims.append((minkman.network_claimed_phase, _("het netwerk (coördinator)")))
    for claimed, who in claims:
        if claimed == calculated:
            continue
        if claimed > calculated:
            if unjudged:
                reason = _("fase %(phase)d is niet te beoordelen: te weinig elementen kregen een inhoudelijk "
                           "antwoord (onvoldoende gegevens)") % {"phase": blocking}
            elif share is None:
                reason = _("voor fase %(phase)d zijn geen antwoorden") % {"phase": blocking}
            else:
                reason = _("fase %(phase)d is voor %(share)s%% gerealiseerd, onder de drempel van %(t)s%%") % {
                    "phase": blocking, "share": _fmt(share), "t": _fmt(minkman.threshold, 0)}
            notes.append(_(
                "Volgens %(who)s zit het netwerk in fase %(claimed)d, maar de elementen plaatsen het in fase "
                "%(calc)d: %(reason)s. Bespreek welke elementen van de volgende fase nog ontbreken."
            ) % {"who": who, "claimed": claimed, "calc": calculated, "reason": reason})
        else:
            notes.append(_(
                "Volgens %(who)s zit het netwerk in fase %(claimed)d, terwijl de gerealiseerde elementen al op fase "
                "%(calc)d wijzen. Het netwerk is mogelijk verder dan het zelf denkt, of de elementen worden "
                "ruimer ingevuld dan bedoeld."
            ) % {"who": who, "claimed": claimed, "calc": calculated})
    if not notes and (minkman.claimed_phase is not None or minkman.network_claimed_phase is not None):
        notes.append(_("De berekende fase komt overeen met de eigen inschatting."))
    return notes


def _fmt(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", decimal_separator())


def build_summary(*, scores: RoundScores, labels: InstrumentLabels, factors: list[FactorRow],
                  challenges: list[ChallengeRow]) -> Summary:
    strengths = sorted((f for f in factors if f.quadrant == "strength"),
                       key=lambda f: (-(f.presence or 0), -(f.importance or 0), natural_key(code=f.code)))
    priorities = sorted((f for f in factors if f.quadrant == "priority"),
                        key=lambda f: (-f.gap, natural_key(code=f.code)))
    by_code = {row.code: row for row in challenges}
    minkman = scores.minkman
    return Summary(
        overall_presence=scores.overall.presence,
        overall_importance=scores.overall.importance,
        calculated_phase=minkman.calculated_phase,
        calculated_label=_phase_label(minkman.calculated_phase, labels),
        claimed_phase=minkman.claimed_phase,
        claimed_label=_phase_label(minkman.claimed_phase, labels),
        network_claimed_phase=minkman.network_claimed_phase,
        network_claimed_label=_phase_label(minkman.network_claimed_phase, labels),
        phase_notes=phase_notes(scores=scores, labels=labels),
        strengths=strengths[:TOP],
        priorities=priorities[:TOP],
        challenges=[by_code[code] for code in scores.top_challenges[:TOP] if code in by_code],
        blind_spots=sorted((f for f in factors if f.quadrant == "underexposed"),
                           key=lambda f: ((f.presence or 0) + (f.importance or 0), natural_key(code=f.code))),
    )


def answer_shares(*, scores: RoundScores) -> tuple[float | None, float | None]:
    """Of all answers given or expected: the share with a substantive answer, and the share "weet niet" (%)."""
    given = sum(s.n for s in scores.items.values())
    dont_know = sum(s.n_dont_know for s in scores.items.values())
    expected = given + dont_know + sum(s.n_missing for s in scores.items.values())
    if not expected:
        return None, None
    return 100 * given / expected, 100 * dont_know / expected


def _topic(row: FactorRow) -> narrative.Topic:
    return narrative.Topic(label=row.label, presence=row.presence, importance=row.importance)


def executive_summary_for(*, report: Report, scores: RoundScores) -> narrative.ExecutiveSummary:
    """The summary page's sentences, from the rows this report already holds."""
    summary = report.summary
    answered, dont_know = answer_shares(scores=scores)
    priorities = sorted((f for f in report.factors if f.quadrant == "priority"),
                        key=lambda f: (-f.gap, natural_key(code=f.code)))
    facts = narrative.Facts(
        overall_presence=summary.overall_presence, overall_importance=summary.overall_importance,
        calculated_phase=summary.calculated_phase, calculated_label=summary.calculated_label,
        claimed_phase=summary.claimed_phase, claimed_label=summary.claimed_label,
        network_claimed_phase=summary.network_claimed_phase, network_claimed_label=summary.network_claimed_label,
        strengths=[_topic(f) for f in summary.strengths], priorities=[_topic(f) for f in priorities],
        blind_spots=[_topic(f) for f in summary.blind_spots],
        disputed=[narrative.Topic(label=d.label, context=d.module) for d in report.disputed],
        disputed_total=report.disputed_total,
        challenges=[narrative.Topic(label=c.label, share=c.share) for c in summary.challenges
                    if c.code in set(advised_challenges(top=scores.top_challenges, challenges=scores.challenges))],
        backlog=tuple(item.phase for item in scores.minkman.backlog),
        invited=report.response.invited, submitted=report.response.submitted, respondents=report.respondents,
        answered_share=answered, dont_know_share=dont_know, small_n=SMALL_N, interim=report.interim,
        questions=sum(1 for stats in scores.items.values() if stats.n),
    )
    return narrative.executive_summary(facts=facts)


def priority_factor_codes(*, factors: list[FactorRow]) -> list[str]:
    """Every factor in the priority quadrant, the widest gap between importance and presence first."""
    return [f.code for f in sorted((f for f in factors if f.quadrant == "priority"),
                                   key=lambda f: (-f.gap, natural_key(code=f.code)))]


def warnings_for(*, scores: RoundScores, interim: bool) -> list[str]:
    notes = []
    if interim:
        notes.append(_("Voorlopig rapport: de ronde is nog open en de uitkomsten kunnen nog veranderen."))
    if not scores.reportable:
        return notes
    if scores.respondents < SMALL_N:
        notes.append(ngettext(
            "Dit rapport berust op %(n)d respondent. Lees de uitkomsten als indicatie: één antwoord meer of "
            "minder kan een score flink verschuiven.",
            "Dit rapport berust op %(n)d respondenten. Lees de uitkomsten als indicatie: één antwoord meer of "
            "minder kan een score flink verschuiven.", scores.respondents) % {"n": scores.respondents})
    if scores.disputed:
        notes.append(ngettext(
            "Bij %(n)d vraag lopen de antwoorden sterk uiteen; zie 'Verschillen'. Een gemiddelde zegt daar weinig.",
            "Bij %(n)d vragen lopen de antwoorden sterk uiteen; zie 'Verschillen'. Een gemiddelde zegt daar weinig.",
            len(scores.disputed)) % {"n": len(scores.disputed)})
    unknown = [s for s in scores.items.values()
               if s.dont_know_share is not None and s.dont_know_share >= HIGH_DONT_KNOW]
    if unknown:
        notes.append(ngettext(
            "Bij %(n)d vraag koos een kwart of meer 'weet niet': dat onderwerp is bij veel leden onbekend.",
            "Bij %(n)d vragen koos een kwart of meer 'weet niet': die onderwerpen zijn bij veel leden onbekend.",
            len(unknown)) % {"n": len(unknown)})
    return notes


def heatmaps_for(*, scores: RoundScores, labels: InstrumentLabels) -> list[Heatmap]:
    columns = [labels.areas.get(code, code) for code in CORE_AREAS] + [_("Totaal")]
    level_names = level_labels()
    result = []
    for attribute, title in (
        ("organisation", _("Partnerorganisatie × deelgebied")),
        ("level", _("Niveau × deelgebied")),
    ):
        breakdown = scores.breakdowns.get(attribute)
        if breakdown is None:
            continue
        groups = []
        for key, group in breakdown.groups.items():
            name = level_names.get(key, key) if attribute == "level" else key
            groups.append((name, group))
        if breakdown.other is not None:
            groups.append((ngettext("Overige (%(n)d groep samengevoegd)", "Overige (%(n)d groepen samengevoegd)",
                                    breakdown.merged_groups) % {"n": breakdown.merged_groups}, breakdown.other))
        if breakdown.unspecified is not None:
            groups.append((_("Niet opgegeven"), breakdown.unspecified))
        rows = [
            GroupRow(label=name, n=group.n,
                     values=[group.areas[c].presence if c in group.areas else None for c in CORE_AREAS]
                     + [group.overall.presence])
            for name, group in groups
        ]
        chart = figures.group_heatmap(key=attribute, title=title, columns=columns,
                                      rows=[(row.label, row.n, row.values) for row in rows])
        result.append(Heatmap(title=title, columns=columns, rows=rows,
                              suppressed_groups=breakdown.suppressed_groups, merged_groups=breakdown.merged_groups,
                              chart=mark_safe(chart)))
    return result


def trend_for(*, scores: RoundScores, history: list[HistoryPoint], round: Round,
              labels: InstrumentLabels) -> Trend | None:
    if not history or scores.trend is None:
        return None
    points = [(point.round.name, point.scores) for point in history] + [(round.name, scores)]
    chart = figures.trend(points=points, area_label=lambda code: labels.areas.get(code, code))
    trend = scores.trend
    deltas = [DeltaRow(label=_("Totaalscore (aanwezigheid)"), delta=trend.overall.get("presence"), unit=_("punten"))]
    for code in CORE_AREAS:
        if code in trend.areas:
            deltas.append(DeltaRow(label=labels.areas.get(code, code), delta=trend.areas[code].get("presence"),
                                   unit=_("punten")))
    for phase, delta in trend.minkman_phases.items():
        deltas.append(DeltaRow(label=_phase_label(int(phase), labels), delta=delta, unit=_("procentpunt")))
    for code, delta in sorted(trend.challenges.items(), key=lambda pair: natural_key(code=pair[0])):
        deltas.append(DeltaRow(label=labels.item(code), delta=delta, unit=_("procentpunt")))
    return Trend(rounds=[name for name, _s in points], previous=history[-1].round.name, chart=mark_safe(chart),
                 deltas=deltas, only_current=len(trend.only_current), only_previous=len(trend.only_previous))


def source_reference(source: Mapping[str, str]) -> str:
    """"De Bruin & Gelderloos (2010), § 6.5 aanbeveling 1": the source named the way a reader can look it up."""
    return sources_module.citation(source=source, language=language_code())


def _advice_target(code: str, labels: InstrumentLabels) -> str:
    if code.startswith("SF."):
        return labels.factors.get(code, code)
    if code.startswith("KO."):
        return labels.item(code)
    if code.startswith("CX."):
        return _complexity_label(code)
    if code == "MK.data":
        return _("onvoldoende gegevens voor een fase")
    phase = int(code.split(".")[1])
    if code.endswith(".open"):
        return _("open elementen van fase %(phase)d") % {"phase": phase}
    return _phase_label(phase, labels)


def _complexity_label(code: str) -> str:
    return {"CX.simple": _("eenvoudige keten"), "CX.mixed": _("tussen eenvoudig en complex"),
            "CX.complex": _("complexe keten")}.get(code, code)


def report_advice_targets(*, scores: RoundScores) -> list[AdviceTarget]:
    """Which situations of this round get advice (the rules are in docs/advice.md and reports/advice.py)."""
    factors = factor_targets(factors=scores.factors)
    complexity = scores.dimensions.get(COMPLEXITY_MODULE, {}).get(COMPLEXITY_DIMENSION)
    return select_targets(
        priority_factors=factors.priority,
        missing_preconditions=factors.missing_preconditions,
        underexposed_factors=factors.underexposed,
        top_challenges=advised_challenges(top=scores.top_challenges, challenges=scores.challenges),
        calculated_phase=scores.minkman.calculated_phase,
        phase_backlog=scores.minkman.backlog,
        complexity=complexity_target(score=complexity.score if complexity and complexity.n else None),
    )


def _advice_heading(target: AdviceTarget, labels: InstrumentLabels) -> tuple[str, str]:
    """The heading and the one-sentence note of an advice section."""
    code, kind = target.code, target.kind
    if kind == PRIORITY:
        return _("Prioriteit: %(label)s") % {"label": labels.factors.get(code, code)}, ""
    if kind == PRECONDITION:
        return (_("Randvoorwaarde niet aanwezig: %(label)s") % {"label": labels.factors.get(code, code)},
                _("De thesis noemt deze factor een randvoorwaarde: het ontbreken ervan zou kunnen leiden tot "
                  "ontevredenheid over de samenwerking, ook als niemand hem belangrijk noemt."))
    if kind == UNDEREXPOSED:
        note = _("Niet aanwezig en weinig genoemd als belangrijk: een blinde vlek, geen teken dat de factor er "
                 "niet toe doet.")
        if code.startswith("SF.K"):
            note = _("Niet aanwezig en weinig genoemd als belangrijk: een blinde vlek. De thesis stelde vast dat "
                     "juist klantwaarde in de praktijk zo onderbelicht raakt.")
        return _("Onderbelicht: %(label)s") % {"label": labels.factors.get(code, code)}, note
    if kind == CHALLENGE:
        return _("Uitdaging: %(label)s") % {"label": labels.item(code)}, ""
    if kind == BACKLOG:
        phase = int(code.split(".")[1])
        return (_("Achterstand in fase %(phase)d: %(label)s") % {"phase": phase, "label": _phase_label(phase, labels)},
                _("Deze elementen zijn nog niet gerealiseerd, terwijl het netwerk al verder is geplaatst:"))
    if kind == PHASE_DATA:
        return _("Ontwikkelingsfase: onvoldoende gegevens"), ""
    if kind == PHASE:
        phase = int(code.split(".")[1])
        return _("Ontwikkelingsfase: %(label)s") % {"label": _phase_label(phase, labels)}, ""
    if kind == COMPLEXITY:
        return _("Complexiteit van de keten: %(label)s") % {"label": _complexity_label(code)}, ""
    return code, ""


def advice_sections(*, advice: AdviceSet, targets: Sequence[AdviceTarget],
                    labels: InstrumentLabels) -> list[AdviceSection]:
    lang = language_code()
    sections = []
    for target, recommendations in advice.for_targets(targets, max_per_code=ADVICE_PER_CODE):
        heading, note = _advice_heading(target, labels)
        items = [
            AdviceItem(code=r.code, title=r.title_in(lang), text=r.text_in(lang), source=source_reference(r.source),
                       also=[_advice_target(c, labels) for c in r.answers if c != target.code], practice=r.practice)
            for r in recommendations
        ]
        sections.append(AdviceSection(code=target.code, kind=target.kind, heading=heading, items=items, note=note,
                                      elements=[labels.item(code) for code in target.elements]))
    return sections


def comment_groups(*, comments: list[Comment], labels: InstrumentLabels) -> list[CommentGroup]:
    groups: dict[str, list[str]] = {}
    for comment in comments:
        groups.setdefault(comment.module, []).append(comment.text)
    return [CommentGroup(heading=labels.page(key), texts=texts) for key, texts in groups.items()]


def method_template() -> str:
    """The reader's method appendix in the report's language (the formulas stay in docs/scoring*.md)."""
    return f"reports/method/{'en' if language_code() == 'en' else 'nl'}.html"


BENCHMARK_TEMPLATE = "research/_partials/benchmark.html"


def benchmark_for(*, round: Round) -> object:
    """Percentile bands of comparable networks from the research app.

    The benchmark is an extra: when it fails, the report goes out without it.
    """
    try:
        return network_percentile_bands(round=round)
    except Exception:  # an optional extra must not take the whole report down
        logger.exception("benchmark for round %s failed; report made without it", round.pk)
        return None


def sources() -> list[str]:
    return sources_module.bibliography(language=language_code())


# ---------------------------------------------------------------------------
# The network report
# ---------------------------------------------------------------------------


def build_report(*, round: Round, items: Sequence[Item], scores: RoundScores, history: list[HistoryPoint],
                 response: ResponseSummary, comments: list[Comment], interim: bool,
                 advice: AdviceSet | None = None) -> Report:
    labels = labels_from_items(items=items)
    advice = advice or load_advice()
    report = Report(
        round=round, network_name=round.network.name, round_name=round.name,
        instrument_name=str(round.instrument), interim=interim, generated_at=timezone.now(), language=language_code(),
        respondents=scores.respondents, min_group_size=scores.min_group_size, reportable=scores.reportable,
        response=response, warnings=warnings_for(scores=scores, interim=interim), method_template=method_template(),
        scales=labels.scales, sources=sources(), quadrants=quadrant_labels(), advice_version=advice.version,
        threshold=scores.minkman.threshold,
    )
    report.charts["response"] = mark_safe(figures.response(invited=response.invited, submitted=response.submitted))
    report.improvement = improvement_report_section(round=round, scores=scores)
    if not scores.reportable:
        return report
    report.areas = area_rows(scores=scores, labels=labels)
    report.factors = factor_rows(scores=scores, labels=labels)
    report.phases = phase_rows(scores=scores, labels=labels)
    report.phase_profile = phase_views.phase_profile(
        scores=scores, phase_label=lambda phase: labels.phases.get(phase, str(phase)), element_label=labels.item)
    report.challenges = challenge_rows(scores=scores, labels=labels)
    report.summary = build_summary(scores=scores, labels=labels, factors=report.factors,
                                   challenges=report.challenges)
    report.heatmaps = heatmaps_for(scores=scores, labels=labels)
    report.disputed = disputed_rows(scores=scores, labels=labels)
    report.disputed_total = len(scores.disputed)
    report.executive = executive_summary_for(report=report, scores=scores)
    report.trend = trend_for(scores=scores, history=history, round=round, labels=labels)
    report.advice = advice_sections(advice=advice, targets=report_advice_targets(scores=scores), labels=labels)
    report.dimensions = dimension_rows(scores=scores, labels=labels)
    report.comments = comment_groups(comments=comments, labels=labels)
    report.comments_total = len(comments)
    report.benchmark = benchmark_for(round=round)
    report.benchmark_template = BENCHMARK_TEMPLATE if report.benchmark else ""
    report.charts.update({
        "radar": mark_safe(figures.radar(scores=scores, area_label=lambda code: labels.areas.get(code, code),
                                         previous=history[-1].scores if history else None)),
        "matrix": mark_safe(figures.matrix(scores=scores, factor_label=lambda code: labels.factors.get(code, code))),
        "phase": mark_safe(figures.phases(scores=scores,
                                          phase_label=lambda phase: labels.phases.get(phase, str(phase)))),
        "challenges": mark_safe(figures.challenges(scores=scores, item_label=labels.item)),
    })
    return report


# ---------------------------------------------------------------------------
# The personal report
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PairRow:
    code: str
    label: str
    own: float | None
    network: float | None
    own_text: str = ""
    own_dont_know: bool = False

    @property
    def difference(self) -> float | None:
        if self.own is None or self.network is None:
            return None
        return self.own - self.network


@dataclass
class PersonalReport:
    round: Round
    network_name: str
    round_name: str
    interim: bool
    reportable: bool
    respondents: int
    min_group_size: int
    generated_at: object
    language: str
    overall: PairRow
    areas: list[PairRow]
    factors: list[tuple[str, str, PairRow, PairRow]]
    phases: list[PairRow]
    challenges: list[PairRow]
    own_claimed_phase: str
    calculated_phase: str
    charts: dict[str, SafeString]
    warnings: list[str]


def _pair(code: str, label: str, compared: Compared | None, *, reportable: bool, own_text: str = "") -> PairRow:
    if compared is None:
        return PairRow(code=code, label=label, own=None, network=None, own_text=own_text)
    return PairRow(code=code, label=label, own=compared.own, network=compared.network if reportable else None,
                   own_text=own_text, own_dont_know=compared.own_dont_know)


def build_personal_report(*, round: Round, items: Sequence[Item], scores: RoundScores, personal: PersonalData,
                          interim: bool) -> PersonalReport:
    """The respondent's own answers beside the network's; without the network side below the minimum size,
    because with one other respondent the network mean would give away that person's answers."""
    labels = labels_from_items(items=items)
    view = personal.view
    reportable = scores.reportable
    areas = [_pair(code, labels.areas.get(code, code), view.areas.get(code), reportable=reportable)
             for code in labels.areas if code in view.areas]
    factors = []
    for code, aspects in sorted(view.factors.items(), key=lambda pair: natural_key(code=pair[0])):
        factors.append((code, labels.factors.get(code, code),
                        _pair(code, "", aspects.get("presence"), reportable=reportable),
                        _pair(code, "", aspects.get("importance"), reportable=reportable)))
    phases = [_pair(str(p), labels.phases.get(p, str(p)), view.minkman_phases.get(p), reportable=reportable)
              for p in MK_PHASES]
    challenges = []
    for code in sorted((c for c in scores.challenges), key=lambda c: natural_key(code=c)):
        compared = view.items.get(code)
        own_text = labels.answer(code, compared.own) if compared is not None and compared.own is not None else ""
        if compared is not None and compared.own_dont_know:
            own_text = _("weet niet")
        share = scores.challenges[code].recognised_share if reportable else None
        challenges.append(PairRow(code=code, label=labels.item(code), own=None, network=share, own_text=own_text))
    own_claim = personal.respondent.answers.get("MK.phase")
    notes = []
    if interim:
        notes.append(_("Voorlopig: de ronde is nog open en de netwerkuitkomsten kunnen nog veranderen."))
    if not reportable:
        notes.append(_("Er zijn te weinig respondenten om de uitkomsten van het netwerk te tonen: die zouden de "
                       "antwoorden van anderen herleidbaar maken. U ziet alleen uw eigen antwoorden."))
    report = PersonalReport(
        round=round, network_name=round.network.name, round_name=round.name, interim=interim,
        reportable=reportable, respondents=scores.respondents, min_group_size=scores.min_group_size,
        generated_at=timezone.now(), language=language_code(),
        overall=_pair("overall", _("Totaal"), view.overall, reportable=reportable),
        areas=areas, factors=factors, phases=phases, challenges=challenges,
        own_claimed_phase=_phase_label(own_claim if isinstance(own_claim, int) else None, labels),
        calculated_phase=_phase_label(scores.minkman.calculated_phase, labels) if reportable else "",
        charts={}, warnings=notes,
    )
    report.charts["radar"] = mark_safe(figures.personal_radar(
        axes=[(a.label, a.own, a.network) for a in areas if a.code in CORE_AREAS], show_network=reportable))
    return report


# ---------------------------------------------------------------------------
# Entry points: read everything a report needs and build it
# ---------------------------------------------------------------------------


def network_report_get(*, round: Round, interim: bool) -> Report:
    from . import selectors

    items = selectors.report_items(round=round)
    scores, history = selectors.report_scores_and_history(round=round)
    response = selectors.report_response(round=round, other_label=_("Overige partners"),
                                         unknown_label=_("Organisatie onbekend"))
    comments = selectors.report_comments(round=round, reportable=scores.reportable)
    return build_report(round=round, items=items, scores=scores, history=history, response=response,
                        comments=comments, interim=interim)


def personal_report_get(*, round: Round, user, interim: bool) -> PersonalReport:
    """Raises Http404 when the user has no submitted response in this round."""
    from . import selectors

    response = selectors.personal_response_get(round=round, user=user)
    items = selectors.report_items(round=round)
    scores = selectors.report_scores(round=round)
    personal = selectors.personal_data(response=response, scores=scores)
    return build_personal_report(round=round, items=items, scores=scores, personal=personal, interim=interim)
