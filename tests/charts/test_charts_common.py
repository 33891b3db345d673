"""Properties every chart must have: valid XML, accessible root, escaping, determinism, no-data handling."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from charts import (
    heatmap,
    horizontal_bar_chart,
    phase_chart,
    priority_matrix,
    radar_chart,
    stacked_bar,
    trend_chart,
)
from charts._svg import BACKGROUND, FONT_FAMILY, contrast_ratio
from tests.charts.charts_testkit import ALLOWED_TAGS, HOSTILE, find, parse, tag, texts, view_box

TITLE = "Titel & <ondertitel>"
DESC = 'Beschrijving met "aanhalingstekens" & <tags>'

QUADRANTS = {"strength": "Kracht", "priority": "Prioriteit", "maintain": "Onderhouden", "underexposed": "Onderbelicht"}
PHASE_LABELS = {"threshold": "Drempel", "calculated": "Berekend", "claimed": "Eigen", "network_claimed": "Netwerk"}


def _with_data(name: str) -> str:
    """One chart per type with a hostile label and a missing value."""
    if name == "radar":
        return radar_chart(
            axes=[(HOSTILE, 50.0), ("B", None), ("C", 80.0), ("D", 20.0), ("E", 100.0)],
            comparison=[10.0, 20.0, None, 40.0, 50.0],
            comparison_label=HOSTILE,
            series_label=HOSTILE,
            title=TITLE, desc=DESC,
        )
    if name == "bars":
        return horizontal_bar_chart(bars=[(HOSTILE, 40.0), ("B", None)], highlight={0}, title=TITLE, desc=DESC)
    if name == "phase":
        return phase_chart(
            phases=[(HOSTILE, 80.0), ("2", None), ("3", 30.0), ("4", 10.0)],
            threshold=60,
            calculated_phase=1,
            claimed_phase=2,
            network_claimed_phase=None,
            labels={k: HOSTILE for k in PHASE_LABELS},
            title=TITLE, desc=DESC,
        )
    if name == "matrix":
        return priority_matrix(
            points=[("O4", HOSTILE, 4.0, 2.0, "critical"), ("K1", "Kort", None, 3.0, "")],
            quadrant_labels={k: HOSTILE for k in QUADRANTS},
            axis_labels={"x": HOSTILE, "y": HOSTILE},
            title=TITLE, desc=DESC,
        )
    if name == "heatmap":
        return heatmap(
            row_labels=[HOSTILE, "B"],
            col_labels=[HOSTILE, "Y"],
            values=[[10.0, None], [90.0, 50.0]],
            suppressed_legend=HOSTILE,
            title=TITLE, desc=DESC,
        )
    if name == "trend":
        return trend_chart(rounds=[HOSTILE, "R2"], series=[(HOSTILE, [40.0, None]), ("Totaal", [50.0, 60.0])],
                           title=TITLE, desc=DESC)
    if name == "stacked":
        return stacked_bar(segments=[(HOSTILE, 3), ("Gestart", 2)], total=10, title=TITLE, desc=DESC)
    raise AssertionError(name)


def _empty(name: str) -> str:
    builders: dict[str, Callable[[], str]] = {
        "radar": lambda: radar_chart(axes=[], title=TITLE, desc=DESC),
        "bars": lambda: horizontal_bar_chart(bars=[], title=TITLE, desc=DESC),
        "phase": lambda: phase_chart(
            phases=[],
            threshold=60,
            calculated_phase=0,
            claimed_phase=None,
            network_claimed_phase=None,
            labels={},
            title=TITLE, desc=DESC,
        ),
        "matrix": lambda: priority_matrix(points=[], quadrant_labels={}, axis_labels={}, title=TITLE, desc=DESC),
        "heatmap": lambda: heatmap(row_labels=[], col_labels=[], values=[], title=TITLE, desc=DESC),
        "trend": lambda: trend_chart(rounds=[], series=[], title=TITLE, desc=DESC),
        "stacked": lambda: stacked_bar(segments=[], total=0, title=TITLE, desc=DESC),
    }
    return builders[name]()


NAMES = ["radar", "bars", "phase", "matrix", "heatmap", "trend", "stacked"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("build", [_with_data, _empty], ids=["data", "empty"])
def test_accessible_root_with_caller_title_and_desc(name, build):
    root = parse(build(name))
    assert tag(root) == "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("font-family") == FONT_FAMILY
    width, height = view_box(root)
    assert width > 0 and height > 0
    first, second = list(root)[:2]
    assert (tag(first), first.text) == ("title", TITLE)
    assert (tag(second), second.text) == ("desc", DESC)
    assert root.get("aria-labelledby") == first.get("id")
    assert root.get("aria-describedby") == second.get("id")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("build", [_with_data, _empty], ids=["data", "empty"])
def test_only_basic_svg_and_no_styling_hooks(name, build):
    svg = build(name)
    root = parse(svg)
    used = {tag(el) for el in root.iter()}
    assert used <= ALLOWED_TAGS, used - ALLOWED_TAGS
    for el in root.iter():
        assert "class" not in el.attrib and "style" not in el.attrib
        assert not any(key.startswith("on") for key in el.attrib)
        assert "href" not in "".join(el.attrib)
    assert "<script" not in svg.lower()


@pytest.mark.parametrize("name", NAMES)
def test_hostile_text_is_escaped_and_survives_as_text(name):
    svg = _with_data(name)
    assert "<script>" not in svg
    assert "&amp;" in svg and "&lt;script&gt;" in svg
    root = parse(svg)
    visible = " ".join(texts(root))
    # The hostile label shows up (possibly wrapped or shortened) as literal text.
    assert "A&B" in visible
    assert "<script" in visible or "<scri" in visible


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("build", [_with_data, _empty], ids=["data", "empty"])
def test_deterministic(name, build):
    assert build(name) == build(name)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "stacked"])
def test_none_values_are_marked_visibly(name):
    root = parse(_with_data(name))
    marked = [el for el in root.iter() if el.get("data-missing") == "true"]
    assert marked, "a missing value must be drawn"
    assert any("\u2013" in t for t in texts(root)), "the missing label must be printed"


@pytest.mark.parametrize("name", NAMES)
def test_empty_input_renders_a_visible_no_data_mark(name):
    root = parse(_empty(name))
    assert any(el.get("data-missing") == "true" for el in root.iter())


@pytest.mark.parametrize("name", NAMES)
def test_text_on_white_meets_wcag_aa(name):
    root = parse(_with_data(name))
    for el in find(root, "text"):
        fill = el.get("fill", "").upper()
        if fill in ("#000000", "#FFFFFF"):
            continue  # black/white text sits on coloured cells; checked per chart against the cell
        assert contrast_ratio(fill, BACKGROUND) >= 4.5, (fill, el.text)


def test_charts_have_distinct_ids_by_content_but_caller_can_set_one():
    a = radar_chart(axes=[("A", 1.0)], title="t", desc="d")
    b = radar_chart(axes=[("A", 2.0)], title="t", desc="d")
    assert parse(a).get("id") != parse(b).get("id")
    c = radar_chart(axes=[("A", 1.0)], title="t", desc="d", chart_id="area-radar")
    root = parse(c)
    assert root.get("id") == "area-radar"
    assert root.get("aria-labelledby") == "area-radar-title"


def test_control_characters_are_dropped_so_xml_stays_valid():
    root = parse(horizontal_bar_chart(bars=[("bad\x00\x07label\ud800", 10.0)], title="t\x01", desc="d"))
    assert "badlabel" in texts(root)


@pytest.mark.parametrize("name", NAMES)
def test_only_the_chart_title_sits_on_the_root(name):
    # Tooltip titles for shortened labels live inside their own group, never on the root,
    # where a second <title> would compete with the accessible name.
    root = parse(_with_data(name))
    assert [tag(el) for el in root].count("title") == 1
    assert [tag(el) for el in root].count("desc") == 1
