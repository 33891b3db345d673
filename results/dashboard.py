"""From a round's scores to what the dashboard and the personal page show: rows for tables and SVG charts.

No queries here: the views fetch scores and labels through ``results.selectors`` and pass them in. Every chart
comes with the rows of its table alternative, built from the same numbers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from networks.models import ChainRole, Level
from rounds.models import Round
from scoring import Compared, RespondentView, RoundScores
from scoring.codes import CORE_AREAS, natural_key

from . import figures, wording
from . import phases as phase_views
from .figures import quadrant_labels
from .labels import InstrumentLabels

QUADRANT_ORDER = ("strength", "priority", "maintain", "underexposed")
DISPUTED_SHOWN = 10


def quadrant_explanations() -> dict[str, str]:
    return {
        "strength": _("belangrijk gevonden en aanwezig: blijven investeren"),
        "priority": _("belangrijk gevonden maar (nog) niet aanwezig: eerste kandidaat voor actie"),
        "maintain": _("aanwezig maar niet als belangrijk gezien: makkelijk vanzelfsprekend gevonden"),
        "underexposed": _("niet aanwezig en niet als belangrijk gezien: een mogelijke blinde vlek"),
    }


def _area_codes(scores: RoundScores) -> list[str]:
    """Core areas in model order, then any extra area (durf) the instrument has."""
    return [code for code in CORE_AREAS if code in scores.areas] + sorted(
        code for code in scores.areas if code not in CORE_AREAS)


@dataclass
class Section:
    chart: str = ""
    rows: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    top: list = field(default_factory=list)


@dataclass
class BreakdownView:
    key: str
    heading: str
    group_header: str
    rows: list[dict]
    columns: list[tuple[str, str]]
    chart: str
    merged_groups: int
    suppressed_groups: int


def overview(*, scores: RoundScores, labels: InstrumentLabels, previous: RoundScores | None) -> Section:
    """Overall and area presence (0-100) as a radar, with the previous round dashed when there is one."""
    rows = []
    for code in _area_codes(scores):
        area = scores.areas[code]
        before = previous.areas.get(code) if previous else None
        rows.append({
            "code": code, "label": labels.dimension("SF", code), "presence": area.presence,
            "importance": area.importance, "n": area.n, "extra": code not in CORE_AREAS,
            "previous": before.presence if before else None,
        })
    chart = figures.radar(scores=scores, area_label=functools.partial(labels.dimension, "SF"), previous=previous)
    return Section(chart=chart, rows=rows)


def matrix(*, scores: RoundScores, labels: InstrumentLabels) -> Section:
    names = quadrant_labels()
    rows = []
    for code in figures.factor_codes(scores):
        factor = scores.factors[code]
        rows.append({
            "code": code.removeprefix("SF."), "label": labels.factor(code), "presence_mean": factor.presence_mean,
            "importance_mean": factor.importance_mean, "sd": factor.sd, "n": factor.n,
            "quadrant": factor.quadrant, "quadrant_label": names.get(factor.quadrant or "", ""),
            "critical": factor.critical, "precondition": factor.precondition,
        })
    rows.sort(key=lambda row: (QUADRANT_ORDER.index(row["quadrant"]) if row["quadrant"] in QUADRANT_ORDER else 9,))
    return Section(chart=figures.matrix(scores=scores, factor_label=labels.factor), rows=rows)


def phases(*, scores: RoundScores, labels: InstrumentLabels) -> Section:
    minkman = scores.minkman
    rows = [{"phase": phase, "label": labels.dimension("MK", str(phase)), "share": share,
             "n": minkman.phase_n.get(phase, 0), "reached": phase in minkman.reached}
            for phase, share in sorted(minkman.phases.items())]
    if not rows or minkman.calculated_phase is None:
        return Section(rows=rows)
    return Section(chart=figures.phases(scores=scores, phase_label=lambda phase: labels.dimension("MK", str(phase))),
                   rows=rows)


def phase_profile(*, scores: RoundScores, labels: InstrumentLabels) -> phase_views.PhaseProfile:
    """The answer mix per phase, the position in words, its backlog and the mirror sentence."""
    return phase_views.phase_profile(scores=scores, phase_label=lambda phase: labels.dimension("MK", str(phase)),
                                     element_label=labels.item)


def challenges(*, scores: RoundScores, labels: InstrumentLabels) -> Section:
    top = set(scores.top_challenges)
    rows = [{"code": code, "label": labels.item(code), "share": scores.challenges[code].recognised_share,
             "mean": scores.challenges[code].mean, "n": scores.challenges[code].n,
             "dont_know": scores.challenges[code].n_dont_know, "top": code in top}
            for code in figures.challenge_codes(scores)]
    return Section(chart=figures.challenges(scores=scores, item_label=labels.item), rows=rows,
                   top=[labels.item(code) for code in scores.top_challenges])


def _group_label(dimension: str, value: str) -> str:
    if dimension == "level":
        return str(dict(Level.choices).get(value, value))
    if dimension == "role":
        return str(dict(ChainRole.choices).get(value, value))
    return value


def breakdowns(*, scores: RoundScores, labels: InstrumentLabels) -> list[BreakdownView]:
    """Group × area heat maps. Only groups the engine released (>= minimum size) appear; hidden ones are counted."""
    headings = {
        "organisation": (_("Per partnerorganisatie"), _("Organisatie")),
        "level": (_("Per niveau"), _("Niveau")),
        "role": (_("Per rol in de keten"), _("Rol")),
    }
    area_codes = _area_codes(scores)
    columns = [(code, labels.dimension("SF", code)) for code in area_codes]
    views = []
    for key, (heading, group_header) in headings.items():
        breakdown = scores.breakdowns.get(key)
        if breakdown is None:
            continue
        groups = [(_group_label(key, name), group) for name, group in sorted(breakdown.groups.items())]
        if breakdown.other is not None:
            groups.append((pgettext("group", "Overige (samengevoegd)"), breakdown.other))
        if breakdown.unspecified is not None:
            groups.append((pgettext("group", "Niet opgegeven"), breakdown.unspecified))
        heat_rows = [(label, group.n,
                      [group.areas[code].presence if code in group.areas else None for code in area_codes])
                     for label, group in groups]
        rows = [{"label": label, "n": n, "overall": group.overall.presence, "values": values}
                for (label, n, values), (_label, group) in zip(heat_rows, groups, strict=True)]
        chart = figures.group_heatmap(key=key, title=heading, columns=[label for _code, label in columns],
                                      rows=heat_rows)
        views.append(BreakdownView(key=key, heading=heading, group_header=group_header, rows=rows, columns=columns,
                                   chart=chart, merged_groups=breakdown.merged_groups,
                                   suppressed_groups=breakdown.suppressed_groups))
    return views


@dataclass(frozen=True)
class DisputedRow:
    """A disputed question in words: its text, the middle answer and how the answers are spread."""

    code: str
    label: str
    module: str
    n: int
    median: float | None
    iqr: float | None
    dispersion: float | None
    distribution: str
    median_text: str = ""


def disputed_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[DisputedRow]:
    """The most disputed questions first, as the dashboard and the report show them."""
    rows = []
    for code in scores.disputed[:DISPUTED_SHOWN]:
        stats = scores.items[code]
        rows.append(DisputedRow(code=code, label=labels.item(code), module=labels.module(stats.module),
                                n=stats.n, median=stats.median, median_text=labels.answer(code, stats.median),
                                iqr=stats.iqr, dispersion=stats.dispersion,
                                distribution=labels.distribution(code, stats.distribution)))
    return rows


@dataclass(frozen=True)
class DimensionRow:
    module: str
    label: str
    score: float | None
    n: int
    items: int
    higher_means: str = ""  # "hoger = complexer" for a module that is not scored "higher is better"


def dimension_rows(*, scores: RoundScores, labels: InstrumentLabels) -> list[DimensionRow]:
    """Scores of the optional modules: "higher is better" modules first, then those on a scale of their own."""
    rows = []
    for module, dims in sorted(scores.dimensions.items()):
        for code, dim in sorted(dims.items(), key=lambda pair: natural_key(code=pair[0])):
            rows.append(DimensionRow(module=labels.module(module), label=labels.dimension(module, code),
                                     score=dim.score, n=dim.n, items=dim.items,
                                     higher_means=wording.higher_means(module)))
    return sorted(rows, key=lambda row: bool(row.higher_means))


def trend(*, history: list[tuple[Round, RoundScores]], labels: InstrumentLabels) -> Section:
    """Overall and area presence per round, oldest first; a chart only when there is something to compare."""
    if not history:
        return Section()
    points = [(round.name, scores) for round, scores in history]
    codes = figures.trend_area_codes(points)
    rows = [{"round": round, "respondents": scores.respondents, "reportable": scores.reportable,
             "overall": scores.overall.presence,
             "areas": [scores.areas[code].presence if code in scores.areas else None for code in codes]}
            for round, scores in history]
    # A round below the minimum group size is never shown, not even as a table row's numbers.
    for row in rows:
        if not row["reportable"]:
            row["overall"], row["areas"] = None, [None] * len(codes)
    chart = figures.trend(points=points, area_label=functools.partial(labels.dimension, "SF"))
    return Section(chart=chart, rows=rows, columns=[labels.dimension("SF", code) for code in codes])


def _network_answer(scores: RoundScores, labels: InstrumentLabels, code: str) -> str:
    stats = scores.items.get(code)
    return labels.answer(code, stats.median) if stats is not None and stats.median is not None else "–"


def _own_answer(pair: Compared | None, labels: InstrumentLabels, code: str) -> str:
    if pair is None:
        return "–"
    if pair.own_dont_know:
        return _("weet niet")
    if pair.own_not_applicable:
        return _("niet van toepassing")
    return labels.answer(code, pair.own)


def personal(*, view: RespondentView, scores: RoundScores, labels: InstrumentLabels,
             show_network: bool = True) -> dict:
    """Own answers beside the network's: areas (radar), factors, phases, and every other item.

    Scores (0-100) stay numbers; single answers read as the answer given ("Grotendeels aanwezig") beside the
    network's middle answer, so a reverse-scored item shows what was answered, not its reflected value.
    """
    codes = [code for code in _area_codes(scores) if code in view.areas]
    core = [code for code in codes if code in CORE_AREAS]
    areas = [{"code": code, "label": labels.dimension("SF", code), "own": view.areas[code].own,
              "network": view.areas[code].network, "difference": view.areas[code].difference} for code in codes]
    chart = figures.personal_radar(
        axes=[(labels.dimension("SF", code), view.areas[code].own, view.areas[code].network) for code in core],
        show_network=True,
    ) if show_network else ""
    factors = []
    for code, pair in sorted(view.factors.items(), key=lambda kv: natural_key(code=kv[0])):
        row: dict[str, object] = {"code": code, "label": labels.factor(code)}
        for aspect in ("presence", "importance"):
            item = f"{code}.{aspect}"
            row[aspect] = {"own": _own_answer(view.items.get(item), labels, item),
                           "network": _network_answer(scores, labels, item), "score": pair[aspect].network}
        factors.append(row)
    phase_rows = [{"phase": phase, "label": labels.dimension("MK", str(phase)), "pair": pair}
                  for phase, pair in sorted(view.minkman_phases.items())]
    items = [{"code": code, "label": labels.item(code), "own": _own_answer(pair, labels, code),
              "network": _network_answer(scores, labels, code)}
             for code, pair in sorted(view.items.items(), key=lambda kv: natural_key(code=kv[0]))
             if not code.startswith("SF.") and (pair.own is not None or pair.own_dont_know)]
    return {"areas": areas, "chart": chart, "factors": factors, "phases": phase_rows, "items": items,
            "overall": view.overall, "show_network": show_network}
