"""Low-level helpers: escaping, number formatting, text fitting, hatching and colour contrast."""

from __future__ import annotations

import pytest

from charts._svg import (
    BACKGROUND,
    ELLIPSIS,
    SERIES_COLOURS,
    contrast_ratio,
    esc,
    fmt_value,
    hatch,
    num,
    readable_on_white,
    text_colour_on,
    text_width,
    truncate,
    wrap,
)
from tests.charts.charts_testkit import number, parse


def test_esc_covers_markup_and_quotes():
    assert esc('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
    assert esc("ok\x00\x1f") == "ok"


@pytest.mark.parametrize(
    ("value", "expected"), [(1.0, "1"), (1.5, "1.5"), (1.234, "1.23"), (-0.001, "0"), (100.105, "100.11")]
)
def test_num_is_short_and_stable(value, expected):
    assert num(value) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (72.5, {}, "73"),
        (-0.2, {}, "0"),
        (3.25, {"decimals": 1, "decimal_separator": ","}, "3,3"),
        (4.0, {"decimals": 1}, "4.0"),
        (50, {"suffix": "%"}, "50%"),
        (float("nan"), {}, "?"),
    ],
)
def test_fmt_value(value, kwargs, expected):
    assert fmt_value(value, **kwargs) == expected


def test_text_width_uses_font_metrics():
    assert text_width("iiii", 10) < text_width("MMMM", 10)
    assert text_width("abc", 20) == pytest.approx(2 * text_width("abc", 10))
    assert text_width("abc", 10, bold=True) > text_width("abc", 10)
    assert text_width("é", 10) == text_width("e", 10)


def test_truncate_adds_ellipsis_only_when_needed():
    assert truncate("Kort", 100, 12) == "Kort"
    cut = truncate("Een heel lange organisatienaam die niet past", 100, 12)
    assert cut.endswith(ELLIPSIS) and text_width(cut, 12) <= 100


def test_wrap_respects_width_and_line_count():
    lines = wrap("een twee drie vier vijf zes zeven acht negen tien elf twaalf", 80, 12, max_lines=2)
    assert len(lines) == 2
    assert all(text_width(line, 12) <= 80 for line in lines)
    assert lines[-1].endswith(ELLIPSIS)
    assert wrap("", 80, 12) == []
    assert wrap("Superlangwoordzonderspaties" * 3, 80, 12, max_lines=2)[0].endswith(ELLIPSIS)


def test_hatch_lines_stay_inside_their_box():
    root = parse(f'<svg xmlns="http://www.w3.org/2000/svg">{hatch(10, 20, 50, 30)}</svg>')
    lines = list(root.iter("{http://www.w3.org/2000/svg}line"))
    assert len(lines) > 5
    for line in lines:
        for key, low, high in (("x1", 10, 60), ("x2", 10, 60), ("y1", 20, 50), ("y2", 20, 50)):
            assert low - 0.01 <= number(line, key) <= high + 0.01


def test_series_text_colours_are_darkened_to_aa():
    for colour in SERIES_COLOURS:
        assert contrast_ratio(readable_on_white(colour), BACKGROUND) >= 4.5


@pytest.mark.parametrize("grey", range(0, 256, 3))
def test_black_or_white_text_always_reaches_aa(grey):
    background = f"#{grey:02X}{grey:02X}{grey:02X}"
    assert contrast_ratio(text_colour_on(background), background) >= 4.5
