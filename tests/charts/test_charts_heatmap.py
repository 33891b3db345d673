"""Heatmap: colour ramp, readable cell text, suppressed cells and ragged input."""

from __future__ import annotations

import pytest

from charts import heatmap
from charts._svg import MISSING_FILL, contrast_ratio, relative_luminance, text_width
from charts.heatmap import RAMP, ramp_colour
from tests.charts.charts_testkit import find, number, parse, texts, view_box


def _cell(root, r: int, c: int):
    (g,) = find(root, "g", data_row=str(r), data_col=str(c))
    return g


def test_ramp_runs_from_light_to_dark_and_clamps():
    assert ramp_colour(0, 0, 100) == RAMP[0]
    assert ramp_colour(100, 0, 100) == RAMP[-1]
    assert ramp_colour(-50, 0, 100) == RAMP[0]
    assert ramp_colour(500, 0, 100) == RAMP[-1]
    lum = [relative_luminance(ramp_colour(v, 0, 100)) for v in range(0, 101, 5)]
    assert lum == sorted(lum, reverse=True), "darker for higher values, also in greyscale"


@pytest.mark.parametrize("value", range(0, 101))
def test_cell_text_meets_wcag_aa_on_every_ramp_colour(value):
    root = parse(heatmap(row_labels=["r"], col_labels=["c"], values=[[float(value)]], title="t", desc="d"))
    cell = _cell(root, 0, 0)
    (rect,) = find(cell, "rect")
    (label,) = find(cell, "text")
    assert label.text == str(value)
    assert contrast_ratio(label.get("fill", ""), rect.get("fill", "")) >= 4.5


def test_values_printed_with_suffix_and_separator():
    root = parse(
        heatmap(
            row_labels=["r"],
            col_labels=["c"],
            values=[[61.25]],
            decimals=1,
            decimal_separator=",",
            value_suffix="%",
            title="t",
            desc="d",
        )
    )
    assert "61,3%" in texts(root)


def test_custom_range():
    root = parse(
        heatmap(
            row_labels=["r"], col_labels=["a", "b"], values=[[1.0, 5.0]], min_value=1, max_value=5, title="t", desc="d"
        )
    )
    assert find(_cell(root, 0, 0), "rect")[0].get("fill") == RAMP[0]
    assert find(_cell(root, 0, 1), "rect")[0].get("fill") == RAMP[-1]


def test_suppressed_cells_are_grey_hatched_and_labelled():
    root = parse(
        heatmap(
            row_labels=["Partner A", "Partner B"],
            col_labels=["X", "Y"],
            values=[[10.0, None], [None, 90.0]],
            suppressed_label="<5",
            suppressed_legend="Te weinig",
            title="t",
            desc="d",
        )
    )
    for r, c in ((0, 1), (1, 0)):
        cell = _cell(root, r, c)
        box = [g for g in find(cell, "g") if g.get("data-missing") == "true"][0]
        assert find(box, "rect")[0].get("fill") == MISSING_FILL
        assert find(box, "line"), "hatched"
        assert "<5" in texts(cell)
    assert "Te weinig" in texts(root)


def test_ragged_rows_are_padded_and_cells_form_a_grid():
    root = parse(
        heatmap(
            row_labels=["a", "b", "c"], col_labels=["x", "y", "z"], values=[[1.0, 2.0, 3.0], [4.0]], title="t", desc="d"
        )
    )
    xs = {number(find(_cell(root, 0, c), "rect")[0], "x") for c in range(3)}
    assert len(xs) == 3
    assert find(_cell(root, 1, 2), "g", data_missing="true")
    assert find(_cell(root, 2, 0), "g", data_missing="true")
    widths = {find(_cell(root, 0, c), "rect")[0].get("width") for c in range(3)}
    assert len(widths) == 1


def test_many_columns_widen_the_chart_instead_of_squeezing_cells():
    root = parse(
        heatmap(
            row_labels=["r"], col_labels=[f"Gebied {i}" for i in range(12)], values=[[50.0] * 12], title="t", desc="d"
        )
    )
    assert number(find(_cell(root, 0, 0), "rect")[0], "width") >= 60
    width, _height = view_box(root)
    last = find(_cell(root, 0, 11), "rect")[0]
    assert number(last, "x") + number(last, "width") <= width


def test_long_headers_wrap_and_keep_full_text_as_tooltip():
    long = "Organisatie en structuur van de samenwerking tussen alle betrokken partners"
    root = parse(
        heatmap(row_labels=["r"], col_labels=[long, "b", "c", "d", "e"], values=[[50.0] * 5], title="t", desc="d")
    )
    header_lines = [t for t in texts(root) if t and t[0].isalpha() and t not in {"r", "b", "c", "d", "e"}]
    assert 2 <= len(header_lines) <= 3
    assert any(el.text == long for el in find(root, "title"))


def test_few_columns_keep_cells_compact():
    root = parse(heatmap(row_labels=["r"], col_labels=["a"], values=[[50.0]], title="t", desc="d"))
    assert number(find(_cell(root, 0, 0), "rect")[0], "width") <= 140


def test_long_single_word_headers_shrink_instead_of_being_cut():
    root = parse(
        heatmap(
            row_labels=["r"], col_labels=["Organisatie", "Leiderschap"] * 5, values=[[50.0] * 10], title="t", desc="d"
        )
    )
    shown = texts(root)
    assert shown.count("Organisatie") == 5 and shown.count("Leiderschap") == 5
    sizes = {number(el, "font-size") for el in find(root, "text") if el.text == "Organisatie"}
    assert min(sizes) >= 9


def _text_box(el) -> tuple[float, float, float, float]:
    size = number(el, "font-size")
    w = text_width(el.text or "", size, bold=el.get("font-weight") == "bold")
    x, y = number(el, "x"), number(el, "y")
    left = {"start": x, "end": x - w, "middle": x - w / 2}[el.get("text-anchor") or "start"]
    return left, y - size, left + w, y + size * 0.25


def _rect_box(el) -> tuple[float, float, float, float]:
    x, y = number(el, "x"), number(el, "y")
    return x, y, x + number(el, "width"), y + number(el, "height")


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    ("label", "legend", "extra"),
    [
        ("geen gegevens", None, {}),  # the dashboard: the long label is the only explanation
        ("\u2013", "geen gegevens", {}),  # the report: a dash in the cell, explained beside the swatch
        ("geen gegevens", "Te weinig respondenten", {"decimals": 1, "value_suffix": "%"}),
        ("no data", None, {"decimal_separator": ","}),
    ],
)
def test_suppressed_legend_text_clears_the_ramp_and_its_tick_labels(label, legend, extra):
    root = parse(
        heatmap(
            row_labels=["Bestuurders", "Uitvoerenden"],
            col_labels=["Visie", "Organisatie", "Relaties", "Resultaten", "Leiderschap"],
            values=[[64.5, None, 58.0, 71.2, 49.9], [None, 41.0, 66.7, 59.0, 100.0]],
            suppressed_label=label,
            suppressed_legend=legend,
            title="t",
            desc="d",
            **extra,
        )
    )
    (ramp,) = find(root, "g", data_legend="ramp")
    (missing,) = find(root, "g", data_legend="missing")
    ticks = [_text_box(el) for el in find(ramp, "text")]
    assert [el.text or "" for el in find(ramp, "text")][-1].startswith("100")
    swatches = [_rect_box(el) for el in find(ramp, "rect")]
    for left, right in zip(ticks, ticks[1:], strict=False):
        assert left[2] < right[0], "neighbouring tick labels stay apart"
    missing_texts = find(missing, "text")
    assert missing_texts, "the suppressed swatch is explained"
    shown = " ".join(el.text or "" for el in missing_texts)
    assert label in shown and (legend is None or legend in shown)
    width, height = view_box(root)
    for el in missing_texts:
        box = _text_box(el)
        for other in ticks + swatches:
            assert not _overlap(box, other), (el.text, box, other)
        assert box[2] <= width and box[3] <= height
    # Only a mark that fits stays on the hatched swatch; a longer label is written beside it.
    (swatch,) = [_rect_box(el) for el in find(missing, "rect") if el.get("fill") == MISSING_FILL]
    for el in missing_texts:
        box = _text_box(el)
        assert not _overlap(box, swatch) or (swatch[0] <= box[0] and box[2] <= swatch[2])


def test_suppressed_legend_moves_to_its_own_line_when_the_row_is_full():
    legend = "Te weinig respondenten in deze groep om een score te tonen zonder iemand herkenbaar te maken"
    root = parse(
        heatmap(
            row_labels=["r"],
            col_labels=["a", "b"],
            values=[[None, 50.0]],
            suppressed_legend=legend,
            title="t",
            desc="d",
        )
    )
    (ramp,) = find(root, "g", data_legend="ramp")
    (missing,) = find(root, "g", data_legend="missing")
    ramp_bottom = max(_text_box(el)[3] for el in find(ramp, "text"))
    (swatch,) = [_rect_box(el) for el in find(missing, "rect") if el.get("fill") == MISSING_FILL]
    assert swatch[1] > ramp_bottom
    width, height = view_box(root)
    (note,) = [el for el in find(missing, "text") if el.get("text-anchor") != "middle"]
    assert _text_box(note)[2] <= width - 12 + 0.01 and _text_box(note)[3] <= height


@pytest.mark.parametrize("cols", [5, 9])
def test_suppressed_cell_label_stays_inside_its_cell(cols):
    root = parse(
        heatmap(
            row_labels=["r"],
            col_labels=[f"k{i}" for i in range(cols)],
            values=[[None] + [50.0] * (cols - 1)],
            suppressed_label="geen gegevens",
            title="t",
            desc="d",
        )
    )
    cell = _cell(root, 0, 0)
    rect = _rect_box(find(cell, "rect")[0])
    labels = [el for el in find(cell, "text")]
    assert " ".join(el.text or "" for el in labels) == "geen gegevens"
    for el in labels:
        box = _text_box(el)
        assert rect[0] <= box[0] and box[2] <= rect[2] and rect[1] <= box[1] and box[3] <= rect[3], (box, rect)
