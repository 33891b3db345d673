"""Bar charts: labelled horizontal bars and a single stacked (response) bar.

Horizontal bars are the most precisely readable chart form, so we use them wherever
a list of percentages has to be compared: how often a Kaats & Opheij challenge is
recognised, or how far each Minkman phase is fulfilled. Each bar carries its value as
text so nothing depends on colour or on reading a scale.
"""

from __future__ import annotations

from ._svg import (
    AXIS,
    BLUE,
    BLUISH_GREEN,
    DEFAULT_MISSING,
    GRID,
    MISSING_TEXT,
    MUTED_TEXT,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    TEXT,
    VERMILLION,
    YELLOW,
    clamp,
    document,
    element,
    empty_chart,
    esc,
    fmt_value,
    group,
    is_number,
    legend,
    missing_box,
    missing_text,
    mix,
    plain,
    text,
    text_colour_on,
    text_lines,
    text_width,
    truncate,
    wrap,
)

#: Regular bars: light fill with a dark outline (3:1 against white for the shape itself).
BAR_FILL = mix(SKY_BLUE, "#FFFFFF", 0.35)
#: Highlighted bars: solid dark blue, so they stand out in greyscale print as well.
HIGHLIGHT_FILL = BLUE

_WIDTH = 640
_LABEL_SIZE = 12
_MAX_LABEL_COLUMN = 290  # about 45 characters of DejaVu Sans at 12px per line


def horizontal_bar_chart(
    *,
    bars: list[tuple[str, float | None]],
    title: str,
    desc: str,
    max_value: float = 100,
    value_suffix: str = "%",
    highlight: set[int] | frozenset[int] | None = None,
    missing_label: str = DEFAULT_MISSING,
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render labelled horizontal bars (value 0 … ``max_value``) as an SVG string.

    Labels sit in a left column and wrap onto two lines, the second one ending in an
    ellipsis when the label is still too long (roughly 45 characters per line).
    ``highlight`` holds indices of bars to emphasise (solid fill, bold label), e.g. the
    challenges most recognised. ``None`` values get a hatched stub and ``missing_label``.
    """
    highlight = set(highlight or ())
    top = 10.0
    body: list[str] = []
    if not bars:
        return empty_chart(width=_WIDTH, title=title, desc=desc, missing_label=missing_label,
                           chart_id=chart_id, body=body)

    scale_max = float(max_value) if is_number(max_value) and max_value > 0 else 100.0
    widest = max(
        text_width(" ".join(str(label).split()), _LABEL_SIZE, bold=index in highlight)
        for index, (label, _) in enumerate(bars)
    )
    label_column = min(max(widest, 40.0), _MAX_LABEL_COLUMN)
    x0 = 12 + label_column + 10
    value_room = (
        max(
            text_width(
                fmt_value(scale_max, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix),
                _LABEL_SIZE,
                bold=True,
            ),
            text_width(missing_label, _LABEL_SIZE),
        )
        + 14
    )
    plot_width = _WIDTH - x0 - value_room - 8
    bar_height = 18.0

    rows: list[str] = []
    y = top
    for index, (label, value) in enumerate(bars):
        emphasised = index in highlight
        lines = wrap(label, label_column, _LABEL_SIZE, max_lines=2, bold=emphasised)
        row_height = max(bar_height, len(lines) * _LABEL_SIZE * 1.2) + 10
        bar_y = y + (row_height - bar_height) / 2
        text_top = y + (row_height - len(lines) * _LABEL_SIZE * 1.2) / 2 + _LABEL_SIZE * 0.9
        parts = [text_lines(12, text_top, lines, size=_LABEL_SIZE, weight="bold" if emphasised else None)]
        if len(lines) > 1 or (lines and lines[0] != " ".join(str(label).split())):
            parts.append(element("title", esc(label)))
        if is_number(value):
            width = plot_width * clamp(float(value), 0.0, scale_max) / scale_max
            parts.append(
                element(
                    "rect",
                    x=x0,
                    y=bar_y,
                    width=width,
                    height=bar_height,
                    fill=HIGHLIGHT_FILL if emphasised else BAR_FILL,
                    stroke=BLUE,
                    stroke_width=1.0,
                    data_index=str(index),
                    data_value=plain(value),
                )
            )
            label_text = fmt_value(value, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix)
            parts.append(
                text(
                    x0 + width + 6,
                    bar_y + bar_height * 0.72,
                    label_text,
                    size=_LABEL_SIZE,
                    weight="bold" if emphasised else None,
                    fill=TEXT,
                )
            )
        else:
            # The whole track is hatched: "no value" must not look like a small value.
            parts.append(missing_box(x0, bar_y, plot_width, bar_height, data_index=str(index)))
            parts.append(missing_text(x0 + plot_width / 2, bar_y + bar_height * 0.72, missing_label))
        rows.append(group(parts))
        y += row_height

    plot_bottom = y
    # Grid lines behind the bars, at quarters of the scale, with their values below.
    grid: list[str] = []
    for quarter in range(5):
        gx = x0 + plot_width * quarter / 4
        grid.append(
            element(
                "line",
                x1=gx,
                y1=top,
                x2=gx,
                y2=plot_bottom,
                stroke=GRID if quarter else AXIS,
                stroke_width=1.0,
            )
        )
        tick = fmt_value(
            scale_max * quarter / 4,
            decimals=decimals,
            decimal_separator=decimal_separator,
            suffix=value_suffix,
        )
        grid.append(text(gx, plot_bottom + 14, tick, size=10, anchor="middle", fill=MUTED_TEXT))
    body.append(group(grid))
    body.extend(rows)
    return document(width=_WIDTH, height=plot_bottom + 24, title=title, desc=desc, body=body, chart_id=chart_id)


#: Segment colours in order; light and dark alternate so neighbours differ in greyscale.
SEGMENT_COLOURS = (BLUE, SKY_BLUE, VERMILLION, YELLOW, BLUISH_GREEN, ORANGE, REDDISH_PURPLE)


def stacked_bar(
    *,
    segments: list[tuple[str, int]],
    total: int,
    title: str,
    desc: str,
    missing_label: str = DEFAULT_MISSING,
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render one horizontal bar split into counted segments, e.g. the response.

    Pass disjoint groups (``submitted``, ``started but not submitted``, ``not started``)
    with ``total`` = invited. Any part of ``total`` not covered by the segments stays an
    empty outlined track. Counts and percentages are printed in the legend (and inside
    wide segments), so the bar reads without colour.
    """
    clean = [(label, max(0, int(count))) for label, count in segments if is_number(count)]
    covered = sum(count for _, count in clean)
    denominator = max(int(total) if is_number(total) else 0, covered)
    x0, bar_y, bar_height = 12.0, 10.0, 30.0
    bar_width = _WIDTH - 24
    body: list[str] = [
        element(
            "rect",
            x=x0,
            y=bar_y,
            width=bar_width,
            height=bar_height,
            fill="#FFFFFF",
            stroke=AXIS,
            stroke_width=1.0,
        )
    ]
    legend_items: list[tuple[str, str]] = []
    if denominator <= 0:
        body.append(missing_box(x0, bar_y, bar_width, bar_height))
        body.append(
            text(
                _WIDTH / 2,
                bar_y + bar_height * 0.68,
                missing_label,
                size=14,
                anchor="middle",
                fill=MISSING_TEXT,
                data_missing="true",
            )
        )
    cursor = x0
    for index, (label, count) in enumerate(clean):
        colour = SEGMENT_COLOURS[index % len(SEGMENT_COLOURS)]
        share = count / denominator if denominator else 0.0
        width = bar_width * share
        percent = fmt_value(share * 100, decimals=decimals, decimal_separator=decimal_separator, suffix="%")
        if width > 0:
            body.append(
                element(
                    "rect",
                    x=cursor,
                    y=bar_y,
                    width=width,
                    height=bar_height,
                    fill=colour,
                    stroke="#FFFFFF",
                    stroke_width=1.0,
                    data_index=str(index),
                )
            )
            inside = str(count)
            if text_width(inside, 12, bold=True) + 8 <= width:
                body.append(
                    text(
                        cursor + width / 2,
                        bar_y + bar_height * 0.66,
                        inside,
                        size=12,
                        anchor="middle",
                        weight="bold",
                        fill=text_colour_on(colour),
                    )
                )
        cursor += width
        swatch = element("rect", x=0.0, y=-7.0, width=20.0, height=14.0, fill=colour, stroke=AXIS, stroke_width=0.6)
        legend_items.append((swatch, f"{truncate(label, 300, 11)}: {count} ({percent})"))
    legend_markup, legend_height = legend(
        legend_items, x=x0, y=bar_y + bar_height + 20, max_width=bar_width, swatch_width=20
    )
    body.append(legend_markup)
    height = bar_y + bar_height + 12 + (legend_height + 8 if legend_items else 0)
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
