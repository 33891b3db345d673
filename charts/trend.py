"""Trend chart: scores per area (and overall) across evaluation rounds.

Collaborations repeat the self-evaluation; the question then is what moved. Lines show
the direction, while a value table aligned under the rounds doubles as the legend and
prints every number, so the chart reads in greyscale, without colour vision and when
lines cross. Each series has its own colour, dash pattern and marker shape.
"""

from __future__ import annotations

from ._svg import (
    AXIS,
    DEFAULT_MISSING,
    GRID,
    MISSING_TEXT,
    MUTED_TEXT,
    SERIES_COLOURS,
    SERIES_DASHES,
    SERIES_MARKERS,
    TEXT,
    clamp,
    document,
    element,
    empty_chart,
    esc,
    fmt_value,
    group,
    is_number,
    marker,
    points_attr,
    readable_on_white,
    text,
    text_lines,
    text_width,
    truncate,
    wrap,
)

_WIDTH = 640
_PLOT_HEIGHT = 200.0
_ROW_HEIGHT = 19.0


def _style(index: int) -> tuple[str, str | None, str]:
    """Colour, dash pattern and marker shape of series ``index`` (cycled)."""
    return (
        SERIES_COLOURS[index % len(SERIES_COLOURS)],
        SERIES_DASHES[index % len(SERIES_DASHES)],
        SERIES_MARKERS[index % len(SERIES_MARKERS)],
    )


def trend_chart(
    *,
    rounds: list[str],
    series: list[tuple[str, list[float | None]]],
    title: str,
    desc: str,
    max_value: float = 100,
    missing_label: str = DEFAULT_MISSING,
    value_suffix: str = "",
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render one line per series over the rounds (0 … ``max_value``).

    ``series`` is ``[(label, values_per_round), …]``; missing or ``None`` values break
    the line and show ``missing_label`` in the table. With a single round only the
    points are drawn. The table below the plot lists each series with its line style
    and the value in every round.
    """
    body: list[str] = []
    n_rounds = len(rounds)
    if n_rounds == 0 or not series:
        return empty_chart(width=_WIDTH, title=title, desc=desc, missing_label=missing_label,
                           chart_id=chart_id, body=body)

    scale_max = float(max_value) if is_number(max_value) and max_value > 0 else 100.0
    label_size = 11
    swatch_width = 30.0
    widest = max(text_width(" ".join(str(label).split()), label_size) for label, _ in series)
    label_column = clamp(widest, 40.0, 210.0)
    x0 = 12 + swatch_width + 6 + label_column + 10
    plot_width = _WIDTH - x0 - 12
    y0 = 12.0
    y1 = y0 + _PLOT_HEIGHT
    slot = plot_width / n_rounds

    def x_for(index: int) -> float:
        return x0 + slot * (index + 0.5)

    def y_for(value: float) -> float:
        return y1 - _PLOT_HEIGHT * clamp(value, 0.0, scale_max) / scale_max

    grid: list[str] = []
    for quarter in range(5):
        gy = y_for(scale_max * quarter / 4)
        grid.append(
            element(
                "line",
                x1=x0,
                y1=gy,
                x2=x0 + plot_width,
                y2=gy,
                stroke=GRID if quarter else AXIS,
                stroke_width=1.0,
            )
        )
        tick = fmt_value(scale_max * quarter / 4, decimals=0, decimal_separator=decimal_separator)
        grid.append(text(x0 - 6, gy + 4, tick, size=10, anchor="end", fill=MUTED_TEXT))
    for index in range(n_rounds):
        grid.append(
            element(
                "line",
                x1=x_for(index),
                y1=y0,
                x2=x_for(index),
                y2=y1,
                stroke=GRID,
                stroke_width=0.6,
                stroke_dasharray="2 3",
            )
        )
    body.append(group(grid))

    # Round names under the axis.
    round_lines = [wrap(label, slot - 6, label_size, max_lines=2) for label in rounds]
    round_block = max(len(lines) for lines in round_lines) * label_size * 1.2
    for index, lines in enumerate(round_lines):
        body.append(
            text_lines(
                x_for(index),
                y1 + 6 + label_size,
                lines,
                size=label_size,
                anchor="middle",
                weight="bold",
                fill=TEXT,
            )
        )

    # Lines (broken at missing values) and markers.
    plot_parts: list[str] = []
    for s_index, (_label, values) in enumerate(series):
        colour, dash, shape = _style(s_index)
        padded = list(values[:n_rounds]) + [None] * (n_rounds - len(values))
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = []
        for r_index, value in enumerate(padded):
            if is_number(value):
                run.append((x_for(r_index), y_for(float(value))))
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        for segment in runs:
            if len(segment) >= 2:
                plot_parts.append(
                    element(
                        "polyline",
                        points=points_attr(segment),
                        fill="none",
                        stroke=colour,
                        stroke_width=2.2,
                        stroke_dasharray=dash,
                        stroke_linejoin="round",
                        data_series=str(s_index),
                    )
                )
        for r_index, value in enumerate(padded):
            if is_number(value):
                plot_parts.append(
                    marker(
                        shape,
                        x_for(r_index),
                        y_for(float(value)),
                        8,
                        fill=colour,
                        stroke="#FFFFFF",
                        stroke_width=0.8,
                        data_series=str(s_index),
                        data_round=str(r_index),
                    )
                )
    body.append(group(plot_parts))

    # Value table = legend.
    table_top = y1 + 6 + round_block + 10
    table: list[str] = []
    for s_index, (label, values) in enumerate(series):
        colour, dash, shape = _style(s_index)
        row_y = table_top + s_index * _ROW_HEIGHT
        mid = row_y + _ROW_HEIGHT / 2
        if s_index % 2 == 0:
            table.append(element("rect", x=8.0, y=row_y, width=_WIDTH - 16.0, height=_ROW_HEIGHT, fill="#F4F4F4"))
        table.append(
            element(
                "line",
                x1=12.0,
                y1=mid,
                x2=12 + swatch_width,
                y2=mid,
                stroke=colour,
                stroke_width=2.2,
                stroke_dasharray=dash,
            )
        )
        table.append(marker(shape, 12 + swatch_width / 2, mid, 8, fill=colour, stroke="#FFFFFF", stroke_width=0.8))
        shown_label = truncate(label, label_column, label_size)
        label_parts = [text(12 + swatch_width + 6, mid + label_size * 0.36, shown_label, size=label_size, fill=TEXT)]
        if shown_label != " ".join(str(label).split()):
            label_parts.append(element("title", esc(label)))  # full name as tooltip on screen
        table.append(group(label_parts))
        value_colour = readable_on_white(colour, minimum=5.0)  # rows may be lightly shaded
        padded = list(values[:n_rounds]) + [None] * (n_rounds - len(values))
        for r_index, value in enumerate(padded):
            if is_number(value):
                shown = fmt_value(value, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix)
                table.append(
                    text(
                        x_for(r_index),
                        mid + label_size * 0.36,
                        shown,
                        size=label_size,
                        anchor="middle",
                        weight="bold",
                        fill=value_colour,
                    )
                )
            else:
                table.append(
                    text(
                        x_for(r_index),
                        mid + label_size * 0.36,
                        missing_label,
                        size=label_size,
                        anchor="middle",
                        fill=MISSING_TEXT,
                        data_missing="true",
                    )
                )
    body.append(group(table))
    height = table_top + len(series) * _ROW_HEIGHT + 8
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
