"""Horizontal bars and the stacked response bar: proportional widths, labels, highlight, missing data."""

from __future__ import annotations

import pytest

from charts import horizontal_bar_chart, stacked_bar
from charts._svg import contrast_ratio
from charts.bars import BAR_FILL, HIGHLIGHT_FILL
from tests.charts.charts_testkit import find, number, parse, texts


def _bar(root, index: int):
    (rect,) = find(root, "rect", data_index=str(index))
    return rect


def test_bar_width_is_proportional_to_the_value():
    root = parse(horizontal_bar_chart(bars=[("A", 100.0), ("B", 50.0), ("C", 25.0), ("D", 0.0)], title="t", desc="d"))
    full = float(_bar(root, 0).get("width"))
    assert full > 200
    assert float(_bar(root, 1).get("width")) == pytest.approx(full / 2, abs=0.02)
    assert float(_bar(root, 2).get("width")) == pytest.approx(full / 4, abs=0.02)
    assert float(_bar(root, 3).get("width")) == 0
    # All bars start at the same baseline.
    assert len({_bar(root, i).get("x") for i in range(4)}) == 1


def test_max_value_sets_the_scale_and_values_are_clamped():
    root = parse(
        horizontal_bar_chart(
            bars=[("A", 5.0), ("B", 2.5), ("C", 9.0)], max_value=5, value_suffix="", title="t", desc="d"
        )
    )
    full = float(_bar(root, 0).get("width"))
    assert float(_bar(root, 1).get("width")) == pytest.approx(full / 2, abs=0.02)
    assert float(_bar(root, 2).get("width")) == pytest.approx(full, abs=0.02)
    assert {"5", "3", "9"} <= set(texts(root))  # decimals=0 rounds 2.5 half up


def test_values_are_printed_with_suffix_and_locale_separator():
    root = parse(horizontal_bar_chart(bars=[("A", 42.25)], decimals=1, decimal_separator=",", title="t", desc="d"))
    assert "42,3%" in texts(root)


def test_highlighted_bars_are_solid_and_bold():
    root = parse(
        horizontal_bar_chart(bars=[("Gewoon", 40.0), ("Belangrijk", 60.0)], highlight={1}, title="t", desc="d")
    )
    assert _bar(root, 0).get("fill") == BAR_FILL
    assert _bar(root, 1).get("fill") == HIGHLIGHT_FILL
    (label,) = [el for el in find(root, "text") if el.text == "Belangrijk"]
    assert label.get("font-weight") == "bold"
    (plain,) = [el for el in find(root, "text") if el.text == "Gewoon"]
    assert plain.get("font-weight") is None


def test_long_labels_wrap_onto_two_lines_then_get_an_ellipsis():
    long = (
        "Ambitie en belangen van de partners verbinden in één gedeelde maatschappelijke opgave die "
        "iedereen herkent en die ook nog veel langer doorgaat dan nodig"
    )
    root = parse(horizontal_bar_chart(bars=[(long, 50.0)], title="t", desc="d"))
    pieces = [t for t in texts(root) if t and t[0] in "Ag" or "…" in t]
    label_lines = [t for t in texts(root) if t not in {"50%", "0%", "25%", "75%", "100%"}]
    assert len(label_lines) == 2, pieces
    assert label_lines[1].endswith("…")
    assert all(len(line) <= 50 for line in label_lines)
    # The full label stays available as a tooltip.
    assert any(el.text == long for el in find(root, "title"))


def test_missing_value_is_hatched_across_the_track_with_label():
    root = parse(horizontal_bar_chart(bars=[("A", 80.0), ("B", None)], title="t", desc="d"))
    (missing,) = [g for g in find(root, "g", data_missing="true") if g.get("data-index") == "1"]
    assert find(missing, "line"), "hatching"
    assert number(find(missing, "rect")[0], "width") == pytest.approx(
        float(_bar(root, 0).get("width")) / 0.8, abs=0.02
    )
    assert "\u2013" in texts(root)


def test_stacked_bar_segments_are_proportional_and_counts_are_printed():
    root = parse(
        stacked_bar(segments=[("Ingediend", 30), ("Gestart", 10), ("Niet gestart", 20)], total=80, title="t", desc="d")
    )
    widths = [float(_bar(root, i).get("width")) for i in range(3)]
    assert widths[0] == pytest.approx(widths[1] * 3, abs=0.02)
    assert widths[2] == pytest.approx(widths[1] * 2, abs=0.02)
    # Together 60 of 80 invited: three quarters of the track is filled.
    (track,) = [r for r in find(root, "rect") if r.get("stroke") and r.get("fill") == "#FFFFFF"]
    assert sum(widths) == pytest.approx(number(track, "width") * 0.75, abs=0.05)
    legend = " ".join(texts(root))
    assert "Ingediend: 30 (38%)" in legend and "Niet gestart: 20 (25%)" in legend


def test_stacked_bar_text_inside_segments_has_enough_contrast():
    root = parse(stacked_bar(segments=[(f"S{i}", 10) for i in range(7)], total=70, title="t", desc="d"))
    fills = {r.get("x"): r.get("fill", "") for r in find(root, "rect") if r.get("data-index")}
    inside = [t for t in find(root, "text") if t.get("font-weight") == "bold"]
    assert len(inside) == 7
    for t, fill in zip(inside, fills.values(), strict=True):
        assert contrast_ratio(t.get("fill", ""), fill) >= 4.5


def test_stacked_bar_with_zero_total_or_more_counted_than_total():
    root = parse(stacked_bar(segments=[("A", 0)], total=0, title="t", desc="d"))
    assert find(root, "g", data_missing="true")
    root = parse(stacked_bar(segments=[("A", 6), ("B", 6)], total=10, title="t", desc="d"))
    assert float(_bar(root, 0).get("width")) == pytest.approx(float(_bar(root, 1).get("width")))
