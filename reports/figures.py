"""The report's charts: the shared SVG charts of the ``charts`` package, fed with report rows.

The same functions draw the dashboard, so the PDF shows exactly the pictures members know from the screen.
Every chart gets its title and description in the viewer's language; the report prints a table with
the same numbers beside each chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from charts import heatmap, horizontal_bar_chart, phase_chart, priority_matrix, radar_chart, stacked_bar, trend_chart

if TYPE_CHECKING:  # pragma: no cover
    from scoring import MinkmanScores

    from .content import AreaRow, ChallengeRow, FactorRow, GroupRow, PairRow, PhaseRow
    from .selectors import ResponseSummary


def _sep() -> str:
    from .content import decimal_separator

    return decimal_separator()


def response(*, response: ResponseSummary) -> str:
    not_submitted = max(response.invited - response.submitted, 0)
    return stacked_bar(
        segments=[(_("Ingediend"), min(response.submitted, response.invited or response.submitted)),
                  (_("Niet ingediend"), not_submitted)],
        total=max(response.invited, response.submitted),
        title=_("Respons"),
        desc=_("%(submitted)d van %(invited)d uitgenodigden hebben hun vragenlijst ingediend.")
        % {"submitted": response.submitted, "invited": response.invited},
        decimal_separator=_sep(),
        chart_id="report-response",
    )


def radar(*, areas: list[AreaRow]) -> str:
    return radar_chart(
        axes=[(area.label, area.presence) for area in areas],
        title=_("Aanwezigheid van de succesfactoren per deelgebied"),
        desc=_("Gemiddelde aanwezigheid per deelgebied op een schaal van 0 tot 100; de tabel eronder geeft "
               "dezelfde cijfers met het belang erbij."),
        series_label=_("Aanwezigheid (0-100)"),
        decimal_separator=_sep(),
        chart_id="report-radar",
    )


def personal_radar(*, areas: list[PairRow], reportable: bool) -> str:
    network = [area.network for area in areas] if reportable else None
    return radar_chart(
        axes=[(area.label, area.own) for area in areas],
        title=_("Uw antwoorden per deelgebied"),
        desc=_("Uw eigen aanwezigheidsscore per deelgebied (0-100), met het netwerk ter vergelijking als er "
               "genoeg respondenten zijn."),
        comparison=network,
        comparison_label=_("Netwerk") if reportable else None,
        series_label=_("Uw antwoorden"),
        decimal_separator=_sep(),
        chart_id="personal-radar",
    )


def matrix(*, factors: list[FactorRow], quadrants: dict[str, str]) -> str:
    points = [
        (f.code.removeprefix("SF."), f.label, f.presence_mean, f.importance_mean,
         "critical" if f.critical else "precondition" if f.precondition else "")
        for f in factors
    ]
    return priority_matrix(
        points=points,
        title=_("Prioriteitenmatrix: aanwezigheid en belang per succesfactor"),
        desc=_("Elke factor staat op zijn gemiddelde aanwezigheid (horizontaal, 1-5) en gemiddeld belang "
               "(verticaal, 1-5), verdeeld in vier kwadranten bij het midden van de schaal (3)."),
        quadrant_labels=quadrants,
        axis_labels={"x": _("Aanwezigheid (gemiddelde, 1-5)"), "y": _("Belang (gemiddelde, 1-5)"),
                     "x_short": _("Aanwezig"), "y_short": _("Belang")},
        marker_labels={"critical": _("Kritieke succesfactor"), "precondition": _("Randvoorwaarde"),
                       "": _("Overige factor")},
        decimal_separator=_sep(),
        show_key=False,
        chart_id="report-matrix",
    )


def _short_phase(row: PhaseRow) -> str:
    """"Fase 4: verduurzaming en transformatie" → "4. verduurzaming en transformatie": fits under a bar."""
    name = row.label.split(":", 1)[1].strip() if ":" in row.label else row.label
    return f"{row.phase}. {name}"


def phases(*, phases: list[PhaseRow], minkman: MinkmanScores) -> str:
    return phase_chart(
        phases=[(_short_phase(row), row.share) for row in phases],
        threshold=minkman.threshold,
        calculated_phase=minkman.calculated_phase or 0,
        claimed_phase=minkman.claimed_phase,
        network_claimed_phase=minkman.network_claimed_phase,
        labels={"threshold": _("Drempel (%(t)s%%)") % {"t": f"{minkman.threshold:g}"},
                "calculated": _("Berekende fase"), "claimed": _("Inschatting respondenten"),
                "network_claimed": _("Inschatting netwerk")},
        title=_("Gerealiseerd aandeel per ontwikkelingsfase"),
        desc=_("Percentage van de fase-elementen dat gerealiseerd is, per fase, met de drempel van 60%, de "
               "berekende fase en de eigen inschattingen."),
        decimal_separator=_sep(),
        chart_id="report-phases",
    )


def challenges(*, rows: list[ChallengeRow]) -> str:
    return horizontal_bar_chart(
        bars=[(row.label, row.share) for row in rows],
        title=_("Herkenning van de samenwerkingsuitdagingen"),
        desc=_("Percentage respondenten dat de uitdaging duidelijk of sterk herkent; de drie meest herkende "
               "zijn gemarkeerd."),
        highlight={index for index, row in enumerate(rows) if row.top},
        decimal_separator=_sep(),
        chart_id="report-challenges",
    )


def heatmap_chart(*, title: str, columns: list[str], rows: list[GroupRow], chart_id: str) -> str:
    return heatmap(
        row_labels=[f"{row.label} (n={row.n})" for row in rows],
        col_labels=columns,
        values=[row.values for row in rows],
        title=title,
        desc=_("Gemiddelde aanwezigheid (0-100) per groep en deelgebied. Groepen kleiner dan de minimale "
               "groepsgrootte zijn samengevoegd of weggelaten."),
        suppressed_label=_("–"),
        suppressed_legend=_("geen gegevens"),
        decimal_separator=_sep(),
        chart_id=chart_id,
    )


def trend(*, rounds: list[str], series: list[tuple[str, list[float | None]]]) -> str:
    return trend_chart(
        rounds=rounds,
        series=series,
        title=_("Ontwikkeling over de rondes"),
        desc=_("Totaalscore en aanwezigheid per deelgebied (0-100) in deze en eerdere rondes."),
        decimal_separator=_sep(),
        chart_id="report-trend",
    )
