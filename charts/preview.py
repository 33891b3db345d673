"""Write every chart with sample data to an HTML page and a PDF for visual review.

Run as ``python -m charts.preview OUTDIR``. The PDF step uses WeasyPrint (imported
only here, never by the charts themselves) to prove the SVG renders in the report
pipeline; look at the result before changing layouts.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from . import (
    heatmap,
    horizontal_bar_chart,
    phase_chart,
    priority_matrix,
    radar_chart,
    stacked_bar,
    trend_chart,
)

AREAS = [
    "Gedeelde visie & ambitie",
    "Organisatie en structuur van de samenwerking",
    "Relaties, vertrouwen en cultuur",
    "Resultaten voor cliënt & naaste",
    "Leiderschap en regie",
]


#: Area scores over three rounds for the trend preview (a gap in the third area's second round).
TREND_VALUES: list[list[float | None]] = [[50, 60, 72], [40, 45, 55], [55, None, 62], [70, 85, 100], [30, 30, 38]]


def sample_charts() -> list[tuple[str, str]]:
    """(heading, svg) pairs covering every chart, including missing values and hostile text."""
    charts: list[tuple[str, str]] = []
    charts.append(
        (
            "Radar",
            radar_chart(
                axes=list(zip(AREAS, [72.4, 55.0, None, 100.0, 38.0], strict=True)),
                title="Succesfactoren per gebied",
                desc="Netwerkgemiddelde en eigen antwoorden per gebied, schaal 0 tot 100.",
                comparison=[60.0, 70.0, 50.0, None, 45.0],
                comparison_label="Eigen antwoorden",
                series_label="Netwerkgemiddelde",
            ),
        )
    )
    charts.append(
        (
            "Horizontale balken",
            horizontal_bar_chart(
                bars=[
                    ("Wederzijdse afhankelijkheid erkennen", 82.0),
                    (
                        "Ambitie en belangen van partners <& cliënten> verbinden in één gedeelde"
                        " opgave met een lange naam",
                        64.0,
                    ),
                    ("Governance: wie beslist waarover?", 41.5),
                    ("Sturing op resultaten", None),
                    ("Organiseren van de samenwerking", 12.0),
                    ("Vertrouwen", 100.0),
                ],
                title="Herkenning van uitdagingen",
                desc="Percentage respondenten dat de uitdaging herkent.",
                highlight={0, 5},
            ),
        )
    )
    charts.append(
        (
            "Fasen",
            phase_chart(
                phases=[
                    ("1. Autonomie", 92.0),
                    ("2. Coördinatie", 71.0),
                    ("3. Samenwerking met partners", 48.0),
                    ("4. Ketenzorg", None),
                ],
                threshold=60.0,
                calculated_phase=2,
                claimed_phase=3,
                network_claimed_phase=2,
                labels={
                    "threshold": "Drempel",
                    "calculated": "Berekende fase",
                    "claimed": "Eigen inschatting",
                    "network_claimed": "Inschatting netwerk",
                },
                title="Ontwikkelfase",
                desc="Percentage kenmerken per fase dat aanwezig is.",
            ),
        )
    )
    factors = [
        ("V1", "Gedeelde visie", 4.1, 4.6, "critical"),
        ("V2", "Urgentie & belang", 2.2, 4.4, ""),
        ("O1", "Heldere rolverdeling", 3.4, 3.9, "precondition"),
        ("O2", "Informatie-uitwisseling tussen organisaties", 2.0, 4.8, "critical"),
        ("O3", "Financiering", 1.6, 2.1, ""),
        ("O4", "Overlegstructuur", 4.0, 2.0, ""),
        ("R1", "Vertrouwen", 4.1, 4.5, ""),
        ("R2", "Elkaar kennen", 4.2, 4.5, ""),
        ("R3", "Cultuurverschillen overbruggen", None, 3.0, ""),
        ("L1", "Regie <ketenregisseur>", 3.0, 3.0, "precondition"),
    ]
    charts.append(
        (
            "Prioriteitenmatrix",
            priority_matrix(
                points=factors,
                title="Aanwezigheid en belang van succesfactoren",
                desc="Elke factor geplaatst naar gemiddelde aanwezigheid en gemiddeld belang (1 tot 5).",
                quadrant_labels={
                    "strength": "Kracht",
                    "priority": "Prioriteit",
                    "maintain": "Onderhouden",
                    "underexposed": "Onderbelicht",
                },
                axis_labels={
                    "x": "Aanwezigheid (gemiddelde, 1–5)",
                    "y": "Belang (gemiddelde, 1–5)",
                    "x_short": "Aanwezig",
                    "y_short": "Belang",
                },
                marker_labels={
                    "critical": "Kritische factor",
                    "precondition": "Randvoorwaarde",
                    "": "Overige factor",
                },
                decimal_separator=",",
            ),
        )
    )
    charts.append(
        (
            "Heatmap",
            heatmap(
                row_labels=[
                    "Gemeente Noord & Zuid",
                    "Zorggroep <De Linde>",
                    'Thuiszorg "Samen"',
                    "Huisartsen",
                ],
                col_labels=AREAS,
                values=[
                    [72, 55, 61, 80, 40],
                    [35, 48, None, 66, 90],
                    [10, 22, 95, None, 50],
                    [88, 77, 66, 55, 44],
                ],
                title="Scores per partner en gebied",
                desc="Gemiddelde score per partnerorganisatie per gebied; lege cellen zijn onderdrukt.",
                suppressed_legend="Te weinig respondenten",
            ),
        )
    )
    charts.append(
        (
            "Heatmap (dashboard: label in de cel)",
            heatmap(
                row_labels=["Bestuurders", "Uitvoerenden", "Overige (samengevoegd)"],
                col_labels=AREAS,
                values=[
                    [64.5, None, 58.0, 71.2, 49.9],
                    [None, 41.0, 66.7, 59.0, 100.0],
                    [52.0, 48.0, None, 60.0, 57.5],
                ],
                title="Aanwezigheid per functieniveau",
                desc="Zoals op het dashboard: onderdrukte cellen tonen 'geen gegevens'.",
                suppressed_label="geen gegevens",
                decimal_separator=",",
            ),
        )
    )
    charts.append(
        (
            "Trend",
            trend_chart(
                rounds=["Ronde 1 (2023)", "Ronde 2 (2024)", "Ronde 3 (2025)"],
                series=[
                    (area, vals)
                    for area, vals in zip(
                        AREAS,
                        TREND_VALUES,
                        strict=True,
                    )
                ]
                + [("Totaal", [49, 55, 65])],
                title="Ontwikkeling over rondes",
                desc="Score per gebied en totaal per ronde.",
            ),
        )
    )
    charts.append(
        (
            "Trend (één ronde)",
            trend_chart(
                rounds=["Ronde 1"],
                series=[("Totaal", [61.0]), ("Leiderschap", [None])],
                title="Eén ronde",
                desc="Alleen punten.",
            ),
        )
    )
    charts.append(
        (
            "Respons",
            stacked_bar(
                segments=[("Ingediend", 42), ("Gestart, niet ingediend", 9), ("Niet gestart", 21)],
                total=72,
                title="Respons",
                desc="Uitgenodigd, gestart en ingediend.",
            ),
        )
    )
    charts.append(
        (
            "Leeg",
            radar_chart(axes=[], title="Leeg", desc="Geen gegevens"),
        )
    )
    return charts


def render_html(charts: list[tuple[str, str]]) -> str:
    """A minimal A4 page: one chart per block, the way the report embeds them."""
    blocks = "\n".join(
        f'<section style="break-inside: avoid; margin-bottom: 1.2em"><h2>{escape(heading)}</h2>'
        f'<div style="max-width: 16cm">{svg}</div></section>'
        for heading, svg in charts
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Chart preview</title>'
        "<style>@page { size: A4; margin: 1.5cm } body { font-family: 'DejaVu Sans', sans-serif; }"
        " h2 { font-size: 12pt; margin: 0 0 .3em }</style></head>"
        f"<body>{blocks}</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    """Write ``charts.html`` and ``charts.pdf`` into the given directory."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m charts.preview OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(args[0])
    outdir.mkdir(parents=True, exist_ok=True)
    html = render_html(sample_charts())
    (outdir / "charts.html").write_text(html, encoding="utf-8")
    from weasyprint import HTML  # only the preview needs it

    HTML(string=html, base_url=str(outdir)).write_pdf(outdir / "charts.pdf")
    print(f"wrote {outdir / 'charts.html'} and {outdir / 'charts.pdf'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
