"""The one place where a round's scores become SVG charts, for the dashboard and the report alike.

The issue behind this module: members recognise the report's pictures from the screen, so the same scores must
give the same SVG, byte for byte, on the dashboard and in the report. Everything that shapes a chart (order,
titles, descriptions, labels, ids) is therefore decided here; callers only hand in scores and their instrument
labels as lookups, and build their table alternatives in the same order through the ``*_codes`` helpers.
No queries here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charts import heatmap, horizontal_bar_chart, phase_chart, priority_matrix, radar_chart, stacked_bar, trend_chart
from core.i18n import decimal_separator
from scoring.codes import CORE_AREAS, natural_key

if TYPE_CHECKING:  # pragma: no cover
    from scoring import RoundScores

Label = Callable[[str], str]


def quadrant_labels() -> dict[str, str]:
    return {
        "strength": _("Sterkte"),
        "priority": _("Prioriteit"),
        "maintain": _("Onderhouden"),
        "underexposed": _("Onderbelicht"),
    }


def core_area_codes(scores: RoundScores) -> list[str]:
    """The radar's axes: the core areas in model order; an extra area (durf) is not part of the model."""
    return [code for code in CORE_AREAS if code in scores.areas]


def factor_codes(scores: RoundScores) -> list[str]:
    return sorted(scores.factors, key=lambda code: natural_key(code=code))


def challenge_codes(scores: RoundScores) -> list[str]:
    """The most recognised challenge first (as in the poll of seed 002), then by code."""
    def share(code: str) -> float:
        value = scores.challenges[code].recognised_share
        return value if value is not None else -1.0

    return sorted(scores.challenges, key=lambda code: (-share(code), natural_key(code=code)))


def trend_area_codes(points: Sequence[tuple[str, RoundScores]]) -> list[str]:
    return [code for code in CORE_AREAS if any(code in scores.areas for _name, scores in points)]


def radar(*, scores: RoundScores, area_label: Label, previous: RoundScores | None = None) -> str:
    """Area presence (0-100), with the previous round dashed when there is one."""
    core = core_area_codes(scores)
    if not core:
        return ""
    comparison = [previous.areas[code].presence if code in previous.areas else None for code in core] \
        if previous else None
    return radar_chart(
        axes=[(area_label(code), scores.areas[code].presence) for code in core],
        title=_("Aanwezigheid van de succesfactoren per deelgebied"),
        desc=_("Gemiddelde aanwezigheid per deelgebied op een schaal van 0 tot 100; de tabel geeft ook het belang "
               "en het aantal respondenten."),
        comparison=comparison,
        comparison_label=_("Vorige ronde") if previous else None,
        series_label=_("Deze ronde"),
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-radar",
    )


def matrix(*, scores: RoundScores, factor_label: Label) -> str:
    points = []
    for code in factor_codes(scores):
        factor = scores.factors[code]
        marker = "critical" if factor.critical else "precondition" if factor.precondition else ""
        points.append((code.removeprefix("SF."), factor_label(code), factor.presence_mean, factor.importance_mean,
                       marker))
    if not points:
        return ""
    return priority_matrix(
        points=points,
        title=_("Prioriteitenmatrix: belang tegen aanwezigheid"),
        desc=_("Elke succesfactor geplaatst naar gemiddelde aanwezigheid (horizontaal) en gemiddeld belang "
               "(verticaal), beide 1 tot 5, gesplitst bij 3."),
        quadrant_labels=quadrant_labels(),
        axis_labels={"x": _("Aanwezigheid (gemiddelde, 1–5)"), "y": _("Belang (gemiddelde, 1–5)"),
                     "x_short": _("Aanwezig"), "y_short": _("Belang")},
        marker_labels={"critical": _("Kritische succesfactor"), "precondition": _("Randvoorwaarde"),
                       "": _("Overige factor")},
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-matrix",
    )


def _short_phase(phase: int, label: str) -> str:
    """"Fase 4: verduurzaming en transformatie" → "4. verduurzaming en transformatie": fits under a bar."""
    name = label.split(":", 1)[1].strip() if ":" in label else label
    return f"{phase}. {name}"


def phases(*, scores: RoundScores, phase_label: Callable[[int], str]) -> str:
    minkman = scores.minkman
    if not minkman.phases:
        return ""
    return phase_chart(
        phases=[(_short_phase(phase, phase_label(phase)), share) for phase, share in sorted(minkman.phases.items())],
        threshold=float(minkman.threshold),
        calculated_phase=minkman.calculated_phase or 0,
        claimed_phase=minkman.claimed_phase,
        network_claimed_phase=minkman.network_claimed_phase,
        labels={"threshold": _("Drempel %(t)s%%") % {"t": f"{minkman.threshold:.0f}"},
                "calculated": _("Berekende fase"), "claimed": _("Fase volgens respondenten"),
                "network_claimed": _("Fase volgens het netwerk")},
        title=_("Ontwikkelingsfase (Minkman)"),
        desc=_("Per fase het percentage gerealiseerde elementen, met de drempel, de berekende fase en de fase die "
               "respondenten en het netwerk zelf opgeven."),
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-phases",
    )


def challenges(*, scores: RoundScores, item_label: Label) -> str:
    codes = challenge_codes(scores)
    if not codes:
        return ""
    top = set(scores.top_challenges)
    return horizontal_bar_chart(
        bars=[(item_label(code), scores.challenges[code].recognised_share) for code in codes],
        title=_("Herkenning van de samenwerkingsuitdagingen"),
        desc=_("Per uitdaging het percentage respondenten dat haar duidelijk of sterk herkent; de drie meest "
               "herkende zijn benadrukt."),
        highlight={index for index, code in enumerate(codes) if code in top},
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-challenges",
    )


def group_heatmap(*, key: str, title: str, columns: list[str],
                  rows: Sequence[tuple[str, int, list[float | None]]]) -> str:
    """Groups × areas; ``rows`` are ``(label, n, values)`` of the groups the engine released."""
    if not rows or not columns:
        return ""
    return heatmap(
        row_labels=[f"{label} (n={n})" for label, n, _values in rows],
        col_labels=columns,
        values=[values for _label, _n, values in rows],
        title=title,
        desc=_("Gemiddelde aanwezigheid (0-100) per groep en deelgebied. Groepen kleiner dan de minimale "
               "groepsgrootte zijn samengevoegd of weggelaten."),
        suppressed_label=_("–"),
        suppressed_legend=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id=f"results-heatmap-{key}",
    )


def trend(*, points: Sequence[tuple[str, RoundScores]], area_label: Label) -> str:
    """Overall and area presence per round, oldest first; only when there are two rounds to compare."""
    if len(points) < 2:
        return ""
    codes = trend_area_codes(points)
    # A round below the minimum group size is never shown, not even as a line point.
    series = [(_("Totaal"), [s.overall.presence if s.reportable else None for _name, s in points])]
    series += [(area_label(code), [s.areas[code].presence if s.reportable and code in s.areas else None
                                   for _name, s in points]) for code in codes]
    return trend_chart(
        rounds=[name for name, _s in points],
        series=series,
        title=_("Ontwikkeling over de rondes"),
        desc=_("Totale aanwezigheid en aanwezigheid per deelgebied (0 tot 100) per ronde, oudste eerst."),
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-trend",
    )


def personal_radar(*, axes: Sequence[tuple[str, float | None, float | None]], show_network: bool) -> str:
    """Own area presence per core area, ``axes`` being ``(label, own, network)``; the network dashed beside it
    only when the round is reportable."""
    if not axes:
        return ""
    return radar_chart(
        axes=[(label, own) for label, own, _network in axes],
        title=_("Uw antwoorden per deelgebied"),
        desc=_("Uw eigen aanwezigheidsscore per deelgebied (0-100), met het netwerk ter vergelijking als er "
               "genoeg respondenten zijn."),
        comparison=[network for _label, _own, network in axes] if show_network else None,
        comparison_label=_("Netwerk") if show_network else None,
        series_label=_("Uw antwoorden"),
        missing_label=_("geen gegevens"),
        decimal_separator=decimal_separator(),
        chart_id="results-mine-radar",
    )


def response(*, invited: int, submitted: int) -> str:
    return stacked_bar(
        segments=[(_("Ingediend"), min(submitted, invited or submitted)),
                  (_("Niet ingediend"), max(invited - submitted, 0))],
        total=max(invited, submitted),
        title=_("Respons"),
        desc=ngettext("%(submitted)d van %(invited)d uitgenodigden heeft de vragenlijst ingediend.",
                      "%(submitted)d van %(invited)d uitgenodigden hebben hun vragenlijst ingediend.", submitted)
        % {"submitted": submitted, "invited": invited},
        decimal_separator=decimal_separator(),
        chart_id="results-response",
    )
