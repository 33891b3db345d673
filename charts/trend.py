"""Trend chart: scores per area (and overall) across evaluation rounds.

Collaborations repeat the self-evaluation; the question then is what moved. Lines show
the direction, while a value table aligned under the rounds doubles as the legend and
prints every number, so the chart reads in greyscale, without colour vision and when
lines cross. Each series has its own colour, dash pattern and marker shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


_LABEL_SIZE = 11
_SWATCH_WIDTH = 30.0


@dataclass(frozen=True)
class _Layout:
    """Plot area: one slot per round, values from 0 to ``scale_max`` upwards."""

    x0: float
    plot_width: float
    n_rounds: int
    scale_max: float
    label_column: float
    y0: float = 12.0

    @property
    def y1(self) -> float:
        return self.y0 + _PLOT_HEIGHT

    @property
    def slot(self) -> float:
        return self.plot_width / self.n_rounds

    def x_for(self, index: int) -> float:
        return self.x0 + self.slot * (index + 0.5)

    def y_for(self, value: float) -> float:
        return self.y1 - _PLOT_HEIGHT * clamp(value, 0.0, self.scale_max) / self.scale_max

    def padded(self, values: Sequence[float | None]) -> list[float | None]:
        """One value per round: extra values dropped, missing ones ``None``."""
        return list(values[: self.n_rounds]) + [None] * (self.n_rounds - len(values))


def _layout(*, n_rounds: int, series: Sequence[tuple[str, Sequence[float | None]]], max_value: float) -> _Layout:
    """The plot starts right of the table's swatch and label column, which is as wide as the longest label."""
    widest = max(text_width(" ".join(str(label).split()), _LABEL_SIZE) for label, _ in series)
    label_column = clamp(widest, 40.0, 210.0)
    x0 = 12 + _SWATCH_WIDTH + 6 + label_column + 10
    scale_max = float(max_value) if is_number(max_value) and max_value > 0 else 100.0
    return _Layout(x0=x0, plot_width=_WIDTH - x0 - 12, n_rounds=n_rounds, scale_max=scale_max,
                   label_column=label_column)


def _grid(layout: _Layout, *, decimal_separator: str) -> str:
    """Value lines at every quarter of the scale and a dotted line above each round."""
    grid: list[str] = []
    for quarter in range(5):
        gy = layout.y_for(layout.scale_max * quarter / 4)
        grid.append(element("line", x1=layout.x0, y1=gy, x2=layout.x0 + layout.plot_width, y2=gy,
                            stroke=GRID if quarter else AXIS, stroke_width=1.0))
        tick = fmt_value(layout.scale_max * quarter / 4, decimals=0, decimal_separator=decimal_separator)
        grid.append(text(layout.x0 - 6, gy + 4, tick, size=10, anchor="end", fill=MUTED_TEXT))
    for index in range(layout.n_rounds):
        grid.append(element("line", x1=layout.x_for(index), y1=layout.y0, x2=layout.x_for(index), y2=layout.y1,
                            stroke=GRID, stroke_width=0.6, stroke_dasharray="2 3"))
    return group(grid)


def _round_names(layout: _Layout, rounds: list[str]) -> tuple[list[str], float]:
    """Round names under the axis, wrapped to their slot; returns the markup and the height of the block."""
    round_lines = [wrap(label, layout.slot - 6, _LABEL_SIZE, max_lines=2) for label in rounds]
    round_block = max(len(lines) for lines in round_lines) * _LABEL_SIZE * 1.2
    parts = [
        text_lines(layout.x_for(index), layout.y1 + 6 + _LABEL_SIZE, lines, size=_LABEL_SIZE, anchor="middle",
                   weight="bold", fill=TEXT)
        for index, lines in enumerate(round_lines)
    ]
    return parts, round_block


def _runs(layout: _Layout, values: Sequence[float | None]) -> list[list[tuple[float, float]]]:
    """Consecutive known values as point runs: a missing value breaks the line."""
    run: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = []
    for r_index, value in enumerate(values):
        if is_number(value):
            run.append((layout.x_for(r_index), layout.y_for(float(value))))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _series_markup(layout: _Layout, series: Sequence[tuple[str, Sequence[float | None]]]) -> str:
    """Lines (broken at missing values) and markers of every series."""
    plot_parts: list[str] = []
    for s_index, (_label, values) in enumerate(series):
        colour, dash, shape = _style(s_index)
        padded = layout.padded(values)
        for segment in _runs(layout, padded):
            if len(segment) >= 2:
                plot_parts.append(element("polyline", points=points_attr(segment), fill="none", stroke=colour,
                                          stroke_width=2.2, stroke_dasharray=dash, stroke_linejoin="round",
                                          data_series=str(s_index)))
        for r_index, value in enumerate(padded):
            if is_number(value):
                plot_parts.append(marker(shape, layout.x_for(r_index), layout.y_for(float(value)), 8, fill=colour,
                                         stroke="#FFFFFF", stroke_width=0.8, data_series=str(s_index),
                                         data_round=str(r_index)))
    return group(plot_parts)


def _table_row(
    layout: _Layout,
    *,
    s_index: int,
    label: str,
    values: Sequence[float | None],
    row_y: float,
    missing_label: str,
    value_suffix: str,
    decimals: int,
    decimal_separator: str,
) -> list[str]:
    """One legend row: line style swatch, series name and its value under every round."""
    colour, dash, shape = _style(s_index)
    mid = row_y + _ROW_HEIGHT / 2
    baseline = mid + _LABEL_SIZE * 0.36
    row: list[str] = []
    if s_index % 2 == 0:
        row.append(element("rect", x=8.0, y=row_y, width=_WIDTH - 16.0, height=_ROW_HEIGHT, fill="#F4F4F4"))
    row.append(element("line", x1=12.0, y1=mid, x2=12 + _SWATCH_WIDTH, y2=mid, stroke=colour, stroke_width=2.2,
                       stroke_dasharray=dash))
    row.append(marker(shape, 12 + _SWATCH_WIDTH / 2, mid, 8, fill=colour, stroke="#FFFFFF", stroke_width=0.8))
    shown_label = truncate(label, layout.label_column, _LABEL_SIZE)
    label_parts = [text(12 + _SWATCH_WIDTH + 6, baseline, shown_label, size=_LABEL_SIZE, fill=TEXT)]
    if shown_label != " ".join(str(label).split()):
        label_parts.append(element("title", esc(label)))  # full name as tooltip on screen
    row.append(group(label_parts))
    value_colour = readable_on_white(colour, minimum=5.0)  # rows may be lightly shaded
    for r_index, value in enumerate(layout.padded(values)):
        if is_number(value):
            shown = fmt_value(value, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix)
            row.append(text(layout.x_for(r_index), baseline, shown, size=_LABEL_SIZE, anchor="middle",
                            weight="bold", fill=value_colour))
        else:
            row.append(text(layout.x_for(r_index), baseline, missing_label, size=_LABEL_SIZE, anchor="middle",
                            fill=MISSING_TEXT, data_missing="true"))
    return row


def trend_chart(
    *,
    rounds: list[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
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
    if not rounds or not series:
        return empty_chart(width=_WIDTH, title=title, desc=desc, missing_label=missing_label,
                           chart_id=chart_id, body=body)

    layout = _layout(n_rounds=len(rounds), series=series, max_value=max_value)
    body.append(_grid(layout, decimal_separator=decimal_separator))
    names, round_block = _round_names(layout, rounds)
    body += names
    body.append(_series_markup(layout, series))

    # Value table = legend.
    table_top = layout.y1 + 6 + round_block + 10
    table: list[str] = []
    for s_index, (label, values) in enumerate(series):
        table += _table_row(layout, s_index=s_index, label=label, values=values,
                            row_y=table_top + s_index * _ROW_HEIGHT, missing_label=missing_label,
                            value_suffix=value_suffix, decimals=decimals, decimal_separator=decimal_separator)
    body.append(group(table))
    height = table_top + len(series) * _ROW_HEIGHT + 8
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
