"""Golden output of the radar, matrix and trend charts: a refactoring must not change a single byte.

The recorded SVGs in ``golden/`` were rendered before the large chart functions were split into layout and
drawing steps. Rewrite them (``PYTHONPATH=. .venv/bin/python tests/charts/test_charts_golden.py``) only for an
intended visual change, and look at the difference first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from charts import priority_matrix, radar_chart, trend_chart

GOLDEN = Path(__file__).parent / "golden"

LONG = "Gedeelde visie en ambitie van alle ketenpartners op de langere termijn, ook buiten de eigen organisatie"
QUADRANTS = {"priority": "Prioriteit", "strength": "Sterkte", "underexposed": "Onderbelicht", "maintain": "Behouden"}
AXES = {"x": "Aanwezigheid (gemiddelde 1-5)", "y": "Belang (gemiddelde 1-5)", "x_short": "Aanw.", "y_short": "Belang"}
MARKERS = {"critical": "Kritische succesfactor", "precondition": "Randvoorwaarde", "": "Overige factor"}


def _crowded_points() -> list[tuple[str, str, float | None, float | None, str]]:
    kinds = ("critical", "precondition", "")
    return [
        (f"F{i}", f"Factor {i} {LONG[: 10 + i * 3]}", 2.6 + (i % 5) * 0.2, 3.4 - (i % 4) * 0.25, kinds[i % 3])
        for i in range(22)
    ]


CASES: dict[str, Callable[[], str]] = {
    "radar_empty": lambda: radar_chart(axes=[], title="Leeg", desc="Geen gegevens"),
    "radar_two_axes": lambda: radar_chart(axes=[("Visie", 40.0), ("Sturing", None)], title="t", desc="d"),
    "radar_full": lambda: radar_chart(
        axes=[("Visie", 62.5), ("Sturing", 48.0), ("Samenwerking", 71.2), ("Resultaat", 55.0), ("Cliënt", 80.0)],
        title="Radar", desc="Vijf gebieden", series_label="Netwerk", decimals=1, decimal_separator=",",
        chart_id="r1",
    ),
    "radar_gaps_comparison": lambda: radar_chart(
        axes=[("Visie", 62.5), (LONG, None), ("Samenwerking", 110.0), ("Resultaat", -5.0), ("Cliënt", None),
              ("Een & <bijzondere> \"naam\"", 33.3)],
        comparison=[50.0, 40.0, None, 70.0],
        comparison_label="Eigen antwoorden", series_label="Netwerk", missing_label="n.b.",
        title="Radar <met> vergelijking", desc="Gaten en vergelijking",
    ),
    "radar_comparison_without_labels": lambda: radar_chart(
        axes=[("A", 10.0), ("B", 20.0), ("C", 30.0)], comparison=[30.0, 20.0, 10.0], title="t", desc="d",
    ),
    "matrix_empty": lambda: priority_matrix(
        points=[], title="Matrix", desc="Leeg", quadrant_labels=QUADRANTS, axis_labels=AXES,
    ),
    "matrix_basic": lambda: priority_matrix(
        points=[("F1", "Visie", 2.1, 4.2, "critical"), ("F2", "Sturing", 4.0, 4.4, "precondition"),
                ("F3", LONG, 3.0, 3.0, ""), ("F4", "Geen meting", None, 3.5, ""), ("F5", "Buiten", 0.5, 6.0, "x")],
        title="Matrix", desc="Vijf factoren", quadrant_labels=QUADRANTS, axis_labels=AXES, marker_labels=MARKERS,
        decimals=2, decimal_separator=",", chart_id="m1",
    ),
    "matrix_duplicates_no_key": lambda: priority_matrix(
        points=[(f"D{i}", "Zelfde", 3.6, 3.6, "") for i in range(6)] + [("E", "Eén", 4.9, 1.1, "critical")],
        title="t", desc="d", quadrant_labels={"strength": LONG}, axis_labels={"x": LONG}, show_key=False,
    ),
    "matrix_crowded": lambda: priority_matrix(
        points=_crowded_points(), title="t", desc="d", quadrant_labels=QUADRANTS, axis_labels=AXES,
        marker_labels={"critical": LONG},
    ),
    "matrix_single_point": lambda: priority_matrix(
        points=[("S", "Enige", 1.0, 5.0, "precondition")], title="t", desc="d", quadrant_labels=QUADRANTS,
        axis_labels={},
    ),
    "trend_empty": lambda: trend_chart(rounds=[], series=[("A", [1.0])], title="t", desc="d"),
    "trend_no_series": lambda: trend_chart(rounds=["Ronde 1"], series=[], title="t", desc="d"),
    "trend_single_round": lambda: trend_chart(
        rounds=["Ronde 1"], series=[("Visie", [40.0]), ("Totaal", [None])], title="t", desc="d",
    ),
    "trend_gaps": lambda: trend_chart(
        rounds=["Ronde 1", "Ronde 2 met een lange naam die moet afbreken", "Ronde 3", "Ronde 4", "Ronde 5"],
        series=[("Visie", [10.0, 20.0, None, 40.0, 50.0]), (LONG, [90.0, None, 70.0]),
                ("Totaal", [55.5, 60.25, 61.0, 140.0, -3.0, 99.0])],
        title="Trend", desc="Vijf rondes", value_suffix="%", decimals=1, decimal_separator=",", chart_id="t1",
    ),
    "trend_many_series_scale": lambda: trend_chart(
        rounds=["2024", "2025"], series=[(f"Reeks {i}", [float(i) / 2, float(i) / 3]) for i in range(9)],
        max_value=5, title="t", desc="d",
    ),
    "trend_bad_max": lambda: trend_chart(rounds=["A", "B"], series=[("S", [30.0, 60.0])], max_value=0,
                                         title="t", desc="d"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_output_matches_the_recorded_svg(name):
    expected = (GOLDEN / f"{name}.svg").read_text(encoding="utf-8")
    assert CASES[name]() == expected


def test_every_recorded_svg_has_a_case():
    assert sorted(p.stem for p in GOLDEN.glob("*.svg")) == sorted(CASES)


if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    for case, render in CASES.items():
        (GOLDEN / f"{case}.svg").write_text(render(), encoding="utf-8")
    print(f"wrote {len(CASES)} files to {GOLDEN}")
