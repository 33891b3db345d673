"""Radar chart geometry: values map onto the rings, gaps for missing values, dashed comparison."""

from __future__ import annotations

import math

import pytest

from charts import radar_chart
from tests.charts.charts_testkit import centre, find, number, parse, points, texts, view_box

AREAS = ["Visie", "Organisatie", "Relaties", "Resultaten", "Leiderschap"]


def _ring(root, value: int):
    (ring,) = find(root, "polygon", data_ring=str(value))
    return points(ring)


def _marker(root, series: int, index: int):
    (el,) = [e for e in root.iter() if e.get("data-series") == str(series) and e.get("data-index") == str(index)]
    return centre(el)


def test_value_100_lies_on_the_outer_ring_and_50_halfway():
    root = parse(radar_chart(axes=list(zip(AREAS, [100.0, 50.0, 0.0, 75.0, 25.0], strict=True)), title="t", desc="d"))
    outer = _ring(root, 100)
    # First axis points straight up, so the centre is below its outer vertex at the spoke's x.
    top_x, top_y = outer[0]
    inner = _ring(root, 50)
    cy = top_y + (inner[0][1] - top_y) * 2  # ring 50 vertex is halfway between centre and outer vertex
    cx = top_x
    radius = cy - top_y
    assert _marker(root, 0, 0) == pytest.approx(outer[0], abs=0.02)
    x, y = _marker(root, 0, 1)
    assert math.hypot(x - cx, y - cy) == pytest.approx(radius / 2, abs=0.05)
    assert (x, y) == pytest.approx(inner[1], abs=0.02)
    # 0 sits on the centre, 75 on the 75 ring.
    assert _marker(root, 0, 2) == pytest.approx((cx, cy), abs=0.02)
    assert _marker(root, 0, 3) == pytest.approx(_ring(root, 75)[3], abs=0.02)


def test_values_outside_0_100_are_clamped_to_the_plot():
    root = parse(radar_chart(axes=[("A", 250.0), ("B", -5.0), ("C", 10.0)], title="t", desc="d"))
    assert _marker(root, 0, 0) == pytest.approx(_ring(root, 100)[0], abs=0.02)


def test_missing_value_leaves_a_gap_and_prints_the_missing_label():
    svg = radar_chart(
        axes=list(zip(AREAS, [60.0, None, 70.0, 80.0, 90.0], strict=True)), title="t", desc="d", missing_label="n.v.t."
    )
    root = parse(svg)
    main = [e for e in find(root, "g") if e.get("data-series") == "0"][0]
    # No closed polygon that would pretend the missing value exists; one open line around the gap.
    assert not find(main, "polygon")
    lines = find(main, "polyline")
    assert len(lines) == 1 and len(points(lines[0])) == 4
    assert [e.get("data-index") for e in main if e.get("data-index")] == ["0", "2", "3", "4"]
    assert "n.v.t." in texts(root)


def test_comparison_series_is_dashed_with_legend_and_values_in_labels():
    root = parse(
        radar_chart(
            axes=list(zip(AREAS, [60.0, 50.0, 70.0, 80.0, 90.0], strict=True)),
            title="t",
            desc="d",
            comparison=[40.0, 45.0, 50.0, 55.0, None],
            comparison_label="Eigen",
            series_label="Netwerk",
        )
    )
    comp = [e for e in find(root, "g") if e.get("data-series") == "1"][0]
    dashed = [e for e in comp if e.get("stroke-dasharray")]
    assert dashed, "comparison must be dashed"
    labels = texts(root)
    assert "Netwerk" in labels and "(Eigen)" in labels
    assert "60" in labels and "(40)" in labels and "(\u2013)" in labels


def test_axis_labels_stay_inside_the_canvas():
    long = "Een zeer lange naam voor een gebied die zeker moet worden afgebroken of ingekort"
    root = parse(radar_chart(axes=[(long, 50.0)] * 5, title="t", desc="d"))
    width, height = view_box(root)
    for el in find(root, "text"):
        assert 0 <= number(el, "y") <= height
        assert 0 <= number(el, "x") <= width
        assert len(el.text or "") <= 40


@pytest.mark.parametrize("count", [1, 2, 3, 8])
def test_any_number_of_axes_renders(count):
    root = parse(radar_chart(axes=[(f"A{i}", 10.0 * i) for i in range(count)], title="t", desc="d"))
    assert len([e for e in root.iter() if e.get("data-series") == "0" and e.get("data-index")]) == count


@pytest.mark.parametrize("comparison", [[10.0], [10.0] * 9])
def test_comparison_of_another_length_is_padded_or_cut(comparison):
    root = parse(radar_chart(axes=[(a, 50.0) for a in AREAS], comparison=comparison, title="t", desc="d"))
    comp = [e for e in root.iter() if e.get("data-series") == "1" and e.get("data-index")]
    assert 1 <= len(comp) <= 5


def test_the_ring_values_are_drawn_over_the_series_so_the_filled_polygon_never_hides_the_50():
    svg = radar_chart(axes=list(zip(AREAS, [60.0, 70.0, 80.0, 65.0, 55.0], strict=True)), title="t", desc="d")
    root = parse(svg)
    order = [e.get("data-role") or e.get("data-series") for e in root.iter() if e.tag.endswith("g")
             and (e.get("data-role") == "ring-labels" or e.get("data-series") == "0")]
    assert order == ["0", "ring-labels"]
    assert "50" in texts(root)
