"""Phase chart: bar heights, threshold line, and markers for calculated versus claimed phase."""

from __future__ import annotations

from typing import Any

import pytest

from charts import phase_chart
from charts.bars import BAR_FILL, HIGHLIGHT_FILL
from tests.charts.charts_testkit import find, number, parse, texts

LABELS = {
    "threshold": "Drempel",
    "calculated": "Berekende fase",
    "claimed": "Eigen inschatting",
    "network_claimed": "Inschatting netwerk",
}
PHASES = [("1. Autonomie", 100.0), ("2. Coördinatie", 50.0), ("3. Samenwerking", 25.0), ("4. Ketenzorg", 0.0)]


def _chart(**overrides):
    kwargs: dict[str, Any] = {
        "phases": PHASES,
        "threshold": 60.0,
        "calculated_phase": 1,
        "claimed_phase": 3,
        "network_claimed_phase": 1,
        "labels": LABELS,
        "title": "t",
        "desc": "d",
    }
    kwargs.update(overrides)
    return parse(phase_chart(**kwargs))


def _bar(root, phase: int):
    (rect,) = find(root, "rect", data_phase=str(phase))
    return rect


def test_bar_heights_are_proportional_and_share_a_baseline():
    root = _chart()
    full = float(_bar(root, 1).get("height"))
    assert float(_bar(root, 2).get("height")) == pytest.approx(full / 2, abs=0.02)
    assert float(_bar(root, 3).get("height")) == pytest.approx(full / 4, abs=0.02)
    assert float(_bar(root, 4).get("height")) == 0
    bottoms = {round(float(_bar(root, p).get("y")) + float(_bar(root, p).get("height")), 2) for p in range(1, 5)}
    assert len(bottoms) == 1


def test_threshold_line_sits_at_the_threshold_percentage():
    root = _chart()
    (line,) = find(root, "line", data_threshold="60")
    top = float(_bar(root, 1).get("y"))  # 100%
    bottom = top + float(_bar(root, 1).get("height"))  # 0%
    assert number(line, "y1") == pytest.approx(bottom - 0.6 * (bottom - top), abs=0.02)
    assert line.get("stroke-dasharray")
    assert "60%" in texts(root)


def test_markers_sit_under_their_phase_and_calculated_bar_is_solid():
    root = _chart()
    markers = {el.get("data-marker"): el for el in root.iter() if el.get("data-marker")}
    assert set(markers) == {"calculated", "claimed", "network_claimed"}
    assert markers["calculated"].get("data-phase") == "1"
    assert markers["network_claimed"].get("data-phase") == "1"
    assert markers["claimed"].get("data-phase") == "3"
    assert _bar(root, 1).get("fill") == HIGHLIGHT_FILL
    assert _bar(root, 3).get("fill") == BAR_FILL
    # Distinct shapes, so the markers are told apart in greyscale.
    shapes = {key: el.tag.split("}")[1] + str(len(el.get("points", "").split())) for key, el in markers.items()}
    assert len(set(shapes.values())) == 3
    # The legend carries the caller's texts.
    for text in LABELS.values():
        assert text in texts(root)


def test_claimed_phase_left_out_when_unknown_and_phase_zero_has_no_marker():
    root = _chart(calculated_phase=0, claimed_phase=None, network_claimed_phase=None)
    assert not [el for el in root.iter() if el.get("data-marker")]
    assert not [el for el in find(root, "rect") if el.get("fill") == HIGHLIGHT_FILL]


def test_missing_phase_is_hatched_and_labelled():
    root = _chart(phases=[("1", 80.0), ("2", None), ("3", 20.0), ("4", 10.0)], missing_label="geen data")
    (missing,) = find(root, "g", data_phase="2")
    assert missing.get("data-missing") == "true"
    assert find(missing, "line")
    assert "geen data" in texts(root)


def test_phase_labels_wrap_within_their_column():
    root = _chart(phases=[("Fase met een bijzonder lange naam die niet past", 10.0)] * 4)
    lines = [t for t in texts(root) if t.startswith("Fase") or t.endswith("…") or "naam" in t]
    assert 4 <= len(lines) <= 8
    assert all(len(line) < 40 for line in lines)
