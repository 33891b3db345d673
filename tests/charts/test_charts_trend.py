"""Trend chart: positions per round, gaps for missing values, single round and the value table."""

from __future__ import annotations

import pytest

from charts import trend_chart
from charts._svg import AXIS
from tests.charts.charts_testkit import centre, find, number, parse, points, texts

ROUNDS = ["Ronde 1", "Ronde 2", "Ronde 3", "Ronde 4", "Ronde 5"]


def _markers(root, series: int):
    return {
        int(el.get("data-round")): centre(el)
        for el in root.iter()
        if el.get("data-series") == str(series) and el.get("data-round")
    }


def test_points_are_evenly_spaced_and_heights_proportional():
    root = parse(trend_chart(rounds=ROUNDS[:3], series=[("A", [0.0, 50.0, 100.0])], title="t", desc="d"))
    m = _markers(root, 0)
    assert m[1][0] - m[0][0] == pytest.approx(m[2][0] - m[1][0], abs=0.02)
    assert m[1][1] == pytest.approx((m[0][1] + m[2][1]) / 2, abs=0.02)
    assert m[2][1] < m[0][1]  # higher value is drawn higher
    (line,) = find(root, "polyline", data_series="0")
    flat = [c for point in points(line) for c in point]
    assert flat == pytest.approx([c for i in range(3) for c in m[i]], abs=0.02)


def test_max_value_scales_the_axis():
    root = parse(trend_chart(rounds=ROUNDS[:2], series=[("A", [5.0, 2.5])], max_value=5, title="t", desc="d"))
    m = _markers(root, 0)
    baseline = m[1][1] + (m[1][1] - m[0][1])  # 2.5 is halfway between 0 and 5
    (axis,) = [el for el in find(root, "line") if el.get("stroke") == AXIS]
    assert baseline == pytest.approx(number(axis, "y1"), abs=0.05)


def test_missing_value_breaks_the_line_and_shows_the_label():
    root = parse(trend_chart(rounds=ROUNDS, series=[("A", [10.0, 20.0, None, 40.0, 50.0])], title="t", desc="d"))
    lines = find(root, "polyline", data_series="0")
    assert [len(points(line)) for line in lines] == [2, 2]
    assert sorted(_markers(root, 0)) == [0, 1, 3, 4]
    assert [el for el in find(root, "text") if el.get("data-missing") == "true" and el.text == "\u2013"]


def test_short_series_are_padded_with_missing():
    root = parse(trend_chart(rounds=ROUNDS[:3], series=[("A", [10.0])], title="t", desc="d"))
    assert len([el for el in find(root, "text") if el.get("data-missing") == "true"]) == 2


def test_single_round_draws_points_only():
    root = parse(trend_chart(rounds=["Ronde 1"], series=[("A", [40.0]), ("B", [60.0])], title="t", desc="d"))
    assert not find(root, "polyline")
    assert len(_markers(root, 0)) == 1 and len(_markers(root, 1)) == 1


def test_value_table_lists_every_value_and_series_label():
    root = parse(
        trend_chart(
            rounds=ROUNDS[:2],
            series=[("Visie", [40.0, 45.5]), ("Totaal", [50.0, 61.0])],
            decimals=1,
            decimal_separator=",",
            title="t",
            desc="d",
        )
    )
    shown = texts(root)
    for value in ("40,0", "45,5", "50,0", "61,0", "Visie", "Totaal", "Ronde 1", "Ronde 2"):
        assert value in shown


def test_series_differ_in_dash_and_marker_shape_not_only_colour():
    series = [(f"S{i}", [float(i * 10), float(i * 10 + 5)]) for i in range(5)]
    root = parse(trend_chart(rounds=ROUNDS[:2], series=series, title="t", desc="d"))
    dashes = [find(root, "polyline", data_series=str(i))[0].get("stroke-dasharray") for i in range(5)]
    assert len(set(dashes)) == 5
    shapes = set()
    for i in range(5):
        el = next(el for el in root.iter() if el.get("data-series") == str(i) and el.get("data-round") == "0")
        shapes.add((el.tag, el.get("points", "").count(",")))
    assert len(shapes) >= 4
