"""The report's tables: areas, factors, phases, challenges, group heatmaps, the trend and the comments."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.i18n import decimal_separator
from networks.models import Level
from results import figures
from results.labels import InstrumentLabels
from rounds.models import Round
from scoring import RoundScores
from scoring.codes import CORE_AREAS, MK_PHASES, natural_key
from scoring.types import FactorScores, ItemStats

from ..selectors import Comment, HistoryPoint

# An element of a Minkman phase is "not yet realised" when its median answer is below 2 ("gedeeltelijk"):
# at least half of the respondents answer "nee" or "gepland". The median keeps one enthusiast from hiding
# an element that most people do not see in place.
UNREALISED_MEDIAN = 2


quadrant_labels = figures.quadrant_labels


def level_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Level.choices}


@dataclass(frozen=True)
class AreaRow:
    code: str
    label: str
    presence: float | None
    importance: float | None
    n: int
    factors: int
    core: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class FactorRow(FactorScores):
    """A factor's scores as the report prints them: with its name and the name of its quadrant."""

    label: str
    quadrant_label: str

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
class CommentGroup:
    heading: str
    texts: list[str]


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
        FactorRow(**{f.name: getattr(factor, f.name) for f in fields(FactorScores)},
                  label=labels.factors.get(code, code), quadrant_label=names.get(factor.quadrant or "", "–"))
        for code, factor in scores.factors.items()
    ]
    area_order = {code: index for index, code in enumerate(labels.areas)}
    return sorted(rows, key=lambda row: (area_order.get(row.area, 99), natural_key(code=row.code)))


def _share(*, mean: float | None, low: int, high: int) -> float | None:
    return None if mean is None else (mean - low) / (high - low) * 100


def phase_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[PhaseRow]:
    minkman = scores.minkman
    elements: dict[int, list[tuple[str, ItemStats]]] = {phase: [] for phase in MK_PHASES}
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


def phase_label(phase: int | None, labels: InstrumentLabels) -> str:
    if phase is None:
        return _("onbekend")
    return labels.phases.get(phase, str(phase))


def number_text(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", decimal_separator())


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
        deltas.append(DeltaRow(label=phase_label(int(phase), labels), delta=delta, unit=_("procentpunt")))
    for code, delta in sorted(trend.challenges.items(), key=lambda pair: natural_key(code=pair[0])):
        deltas.append(DeltaRow(label=labels.item(code), delta=delta, unit=_("procentpunt")))
    return Trend(rounds=[name for name, _s in points], previous=history[-1].round.name, chart=mark_safe(chart),
                 deltas=deltas, only_current=len(trend.only_current), only_previous=len(trend.only_previous))


def comment_groups(*, comments: list[Comment], labels: InstrumentLabels) -> list[CommentGroup]:
    groups: dict[str, list[str]] = {}
    for comment in comments:
        groups.setdefault(comment.module, []).append(comment.text)
    return [CommentGroup(heading=labels.page(key), texts=texts) for key, texts in groups.items()]
