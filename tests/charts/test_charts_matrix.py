"""Priority matrix: quadrant placement, marker shapes, label placement and the key."""

from __future__ import annotations

import pytest

from charts import priority_matrix
from charts._svg import text_width
from charts.matrix import quadrant_of
from scoring.factors import is_high, quadrant
from tests.charts.charts_testkit import centre, find, number, parse, tag, texts

QUADRANTS = {"strength": "Kracht", "priority": "Prioriteit", "maintain": "Onderhouden", "underexposed": "Onderbelicht"}
AXES = {"x": "Aanwezigheid", "y": "Belang"}


def _chart(points, **extra):
    return parse(
        priority_matrix(points=points, quadrant_labels=QUADRANTS, axis_labels=AXES, title="t", desc="d", **extra)
    )


def _marker(root, code: str):
    (el,) = [el for el in root.iter() if el.get("data-code") == code]
    return el


def _quadrant_box(root, key: str):
    (rect,) = find(root, "rect", data_quadrant=key)
    x, y = number(rect, "x"), number(rect, "y")
    return x, y, x + number(rect, "width"), y + number(rect, "height")


def test_presence_4_importance_2_lies_in_the_lower_right_quadrant():
    root = _chart([("O4", "Overleg", 4.0, 2.0, "")])
    x, y = centre(_marker(root, "O4"))
    left, top, right, bottom = _quadrant_box(root, "maintain")
    assert left < x < right and top < y < bottom
    # Lower-right: right of the vertical split and below the horizontal split of the plot.
    p_left, p_top, _, _ = _quadrant_box(root, "priority")
    _, _, s_right, s_bottom = _quadrant_box(root, "strength")
    assert x > (p_left + s_right) / 2
    assert y > (p_top + (s_bottom + bottom) / 2) / 2
    assert _marker(root, "O4").get("data-quadrant") == "maintain"


@pytest.mark.parametrize(
    ("presence", "importance", "quadrant"),
    [
        (4.0, 4.5, "strength"),
        (1.5, 4.5, "priority"),
        (4.0, 2.0, "maintain"),
        (1.0, 1.0, "underexposed"),
        (3.0, 3.0, "underexposed"),
        (3.0, 4.0, "priority"),
        (4.0, 3.0, "maintain"),
    ],
)
def test_quadrant_of_and_marker_position_agree(presence, importance, quadrant):
    assert quadrant_of(presence, importance) == quadrant
    root = _chart([("X1", "x", presence, importance, "")])
    x, y = centre(_marker(root, "X1"))
    left, top, right, bottom = _quadrant_box(root, quadrant)
    assert left - 0.01 <= x <= right + 0.01 and top - 0.01 <= y <= bottom + 0.01


@pytest.mark.parametrize(("presence", "importance"), [(3.0, 3.0), (3.0, 4.0), (4.0, 3.0), (3.02, 2.98)])
def test_marker_quadrant_on_the_split_line_matches_the_scoring_engine(presence, importance):
    """A mean of exactly 3 is low in the engine (docs/scoring.md), so the chart must agree."""

    def high(mean):
        return is_high(mean=mean, scale_min=1, scale_max=5)

    engine = quadrant(present=high(presence), important=high(importance))
    root = _chart([("X1", "x", presence, importance, "")])
    assert _marker(root, "X1").get("data-quadrant") == engine


def test_extremes_land_on_the_outer_grid_lines_inside_the_plot():
    root = _chart([("A", "a", 1.0, 5.0, ""), ("B", "b", 5.0, 1.0, "")])
    left, top, _, _ = _quadrant_box(root, "priority")
    _, _, right, bottom = _quadrant_box(root, "maintain")
    ax, ay = centre(_marker(root, "A"))
    bx, by = centre(_marker(root, "B"))
    assert left < ax < bx < right and top < ay < by < bottom
    # 1 and 5 are symmetric around the split at 3, with the same margin to the border.
    assert ax - left == pytest.approx(right - bx, abs=0.02)
    assert ay - top == pytest.approx(bottom - by, abs=0.02)
    assert ax - left > 12 and ay - top > 12
    # Out-of-range means are clamped to the scale.
    clamped = _chart([("C", "c", 9.0, -3.0, "")])
    assert centre(_marker(clamped, "C")) == pytest.approx((bx, by), abs=0.02)


def test_identical_means_do_not_hide_each_other():
    root = _chart([("X1", "a", 3.5, 3.5, ""), ("X2", "b", 3.5, 3.5, ""), ("X3", "c", 3.5, 3.5, "critical")])
    spots = {tuple(round(c, 1) for c in centre(_marker(root, code))) for code in ("X1", "X2", "X3")}
    assert len(spots) == 3
    assert all(_marker(root, code).get("data-quadrant") == "strength" for code in ("X1", "X2", "X3"))


def test_marker_shapes_follow_the_factor_kind():
    root = _chart([("K1", "k", 2.0, 4.0, "critical"), ("R1", "r", 3.5, 4.0, "precondition"), ("O1", "o", 4.0, 2.0, "")])
    critical = _marker(root, "K1")
    assert tag(critical) == "polygon" and len(critical.get("points").split()) == 4
    assert critical.get("fill") != "none"
    assert tag(_marker(root, "R1")) == "rect"
    assert tag(_marker(root, "O1")) == "circle"


def test_code_labels_do_not_overlap_in_a_cluster():
    cluster = [(f"F{i}", f"Factor {i}", 4.0 + (i % 3) * 0.05, 4.0 + (i // 3) * 0.05, "") for i in range(6)]
    root = _chart(cluster)
    boxes = []
    for el in find(root, "text"):
        code = el.get("data-label-for")
        if not code:
            continue
        w = text_width(code, number(el, "font-size"), bold=True)
        x, y = number(el, "x"), number(el, "y")
        left = {"start": x, "end": x - w, "middle": x - w / 2}[el.get("text-anchor") or "start"]
        boxes.append((left, y - 10, left + w, y + 2))
    assert len(boxes) == 6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_missing_means_are_not_plotted_but_listed_in_the_key():
    root = _chart([("V1", "Visie", 4.0, 4.0, ""), ("R3", "Cultuur", None, 3.0, "")], decimal_separator=",")
    assert not [el for el in root.iter() if el.get("data-code") == "R3"]
    (key_row,) = find(root, "g", data_key="R3")
    values = [t for t in key_row if t.get("data-missing") == "true"]
    assert values and values[0].text == "\u2013 / 3,0"
    assert "4,0 / 4,0" in texts(root)


def test_quadrant_names_axis_titles_and_marker_legend_are_printed():
    root = _chart([("V1", "Visie", 4.0, 4.0, "critical")], marker_labels={"critical": "Kritiek", "": "Overig"})
    shown = texts(root)
    for name in QUADRANTS.values():
        assert name in shown
    assert "Aanwezigheid" in shown and "Belang" in shown
    assert "Kritiek" in shown and "Overig" in shown
    (y_title,) = [el for el in find(root, "text") if el.text == "Belang" and el.get("transform")]
    assert y_title.get("transform", "").startswith("rotate(-90")


def test_key_can_be_switched_off():
    root = _chart([("V1", "Visie", 4.0, 4.0, "")], show_key=False)
    assert not find(root, "g", data_key="V1")
