"""Radar (spider) chart for the success-factor areas.

A radar shows at a glance which areas of a chain collaboration lag behind the others.
Because radar shapes are hard to read precisely, every axis label also carries the
value(s) as text, which keeps the chart meaningful in black-and-white print and for
people who cannot distinguish the series colours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._svg import (
    AXIS,
    BLUE,
    DEFAULT_MISSING,
    GRID,
    MISSING_STROKE,
    MISSING_TEXT,
    MUTED_TEXT,
    TEXT,
    VERMILLION,
    document,
    element,
    fmt_value,
    group,
    is_number,
    legend,
    marker,
    points_attr,
    readable_on_white,
    text,
    text_width,
    wrap,
)

RINGS = (25, 50, 75, 100)
_WIDTH = 640
_RADIUS = 135
_LABEL_SIZE = 12
_VALUE_SIZE = 12


def _spoke(index: int, count: int) -> tuple[float, float]:
    """Unit vector of axis ``index``; the first axis points straight up, then clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return math.cos(angle), math.sin(angle)


def _value_runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Split a closed ring of points into runs of consecutive known values.

    A missing value must leave a visible gap instead of being drawn as 0 or bridged.
    """
    count = len(points)
    if all(p is not None for p in points):
        return [[p for p in points if p is not None]]
    start = next((i for i, p in enumerate(points) if p is None), 0)
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for step in range(1, count + 1):
        p = points[(start + step) % count]
        if p is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if current:
        runs.append(current)
    return runs


@dataclass(frozen=True)
class _Values:
    """How values print next to the axis labels."""

    decimals: int
    decimal_separator: str
    missing_label: str

    def show(self, value: float | None) -> str:
        if is_number(value):
            return fmt_value(value, decimals=self.decimals, decimal_separator=self.decimal_separator)
        return self.missing_label


@dataclass(frozen=True)
class _LabelBlock:
    """One axis label laid out: its wrapped lines and the coloured value pieces beneath them."""

    x: float
    anchor: str
    top: float
    lines: list[tuple[float, str]]  # (baseline y, text)
    pieces: list[tuple[float, str, str, str | None]]  # (x, text, colour, weight)
    value_y: float


def _label_block(
    *,
    label: str,
    value: float | None,
    comparison: float | None,
    has_comparison: bool,
    spoke: tuple[float, float],
    centre: tuple[float, float],
    values: _Values,
) -> _LabelBlock:
    """Place one axis label and its value(s) just outside the outer ring, on the side the spoke points to."""
    cx, cy = centre
    dx, dy = spoke
    label_gap = 14
    ax = cx + dx * (_RADIUS + label_gap)
    ay = cy + dy * (_RADIUS + label_gap)
    if dx > 0.3:
        anchor, room = "start", _WIDTH - ax - 8
    elif dx < -0.3:
        anchor, room = "end", ax - 8
    else:
        anchor, room = "middle", 2 * min(ax, _WIDTH - ax) - 16
    room = min(room, 200)
    wrapped = wrap(label, room, _LABEL_SIZE, max_lines=2 if anchor == "middle" else 3)
    value_line: list[tuple[str, str, str | None]] = [
        (values.show(value), readable_on_white(BLUE) if is_number(value) else MISSING_TEXT, "bold")
    ]
    if has_comparison:
        colour = readable_on_white(VERMILLION) if is_number(comparison) else MISSING_TEXT
        value_line.append((f"({values.show(comparison)})", colour, None))
    block_height = (len(wrapped) + 1) * _LABEL_SIZE * 1.2
    if dy < -0.3:  # upper half: block ends just above the ring
        top = ay - block_height + _LABEL_SIZE * 0.5
    elif dy > 0.3:  # lower half: block starts below the ring
        top = ay + _LABEL_SIZE * 0.2
    else:
        top = ay - block_height / 2 + _LABEL_SIZE * 0.6
    y = top + _LABEL_SIZE * 0.85
    lines: list[tuple[float, str]] = []
    for line in wrapped:
        lines.append((y, line))
        y += _LABEL_SIZE * 1.2
    # The value line: pieces laid out manually so both colours can be used.
    widths = [text_width(t, _VALUE_SIZE, bold=w == "bold") for t, _, w in value_line]
    total = sum(widths) + 5 * (len(widths) - 1)
    start = {"start": ax, "end": ax - total, "middle": ax - total / 2}[anchor]
    pieces: list[tuple[float, str, str, str | None]] = []
    for (piece, colour, weight), w in zip(value_line, widths, strict=True):
        pieces.append((start, piece, colour, weight))
        start += w + 5
    return _LabelBlock(x=ax, anchor=anchor, top=top, lines=lines, pieces=pieces, value_y=y)


def _label_blocks(
    *,
    axes: list[tuple[str, float | None]],
    comparison: list[float | None],
    has_comparison: bool,
    spokes: list[tuple[float, float]],
    centre: tuple[float, float],
    values: _Values,
) -> list[_LabelBlock]:
    return [
        _label_block(label=label, value=value, comparison=comparison[i], has_comparison=has_comparison,
                     spoke=spoke, centre=centre, values=values)
        for i, ((label, value), spoke) in enumerate(zip(axes, spokes, strict=True))
    ]


def _label_markup(blocks: list[_LabelBlock], *, missing_label: str) -> list[str]:
    parts: list[str] = []
    for block in blocks:
        for y, line in block.lines:
            parts.append(text(block.x, y, line, size=_LABEL_SIZE, anchor=block.anchor, fill=TEXT))
        for x, piece, colour, weight in block.pieces:
            missing = piece in (missing_label, f"({missing_label})")
            parts.append(text(x, block.value_y, piece, size=_VALUE_SIZE, weight=weight, fill=colour,
                              data_missing="true" if missing else None))
    return parts


def _grid_markup(*, spokes: list[tuple[float, float]], missing: list[bool], centre: tuple[float, float]) -> str:
    """Concentric polygons (or circles for fewer than 3 axes) and the spokes, dashed where a value is missing."""
    cx, cy = centre
    grid: list[str] = []
    for ring in RINGS:
        r = _RADIUS * ring / 100
        stroke = GRID if ring < 100 else AXIS
        if len(spokes) >= 3:
            points = points_attr((cx + dx * r, cy + dy * r) for dx, dy in spokes)
            grid.append(element("polygon", points=points, fill="none", stroke=stroke, stroke_width=1.0,
                                data_ring=str(ring)))
        else:
            grid.append(element("circle", cx=cx, cy=cy, r=r, fill="none", stroke=stroke, stroke_width=1.0,
                                data_ring=str(ring)))
    for (dx, dy), gap in zip(spokes, missing, strict=True):
        grid.append(
            element(
                "line",
                x1=cx,
                y1=cy,
                x2=cx + dx * _RADIUS,
                y2=cy + dy * _RADIUS,
                stroke=MISSING_STROKE if gap else GRID,
                stroke_width=1.0,
                stroke_dasharray="3 3" if gap else None,
            )
        )
    return group(grid)


def _ring_label_markup(*, count: int, centre: tuple[float, float]) -> str:
    """Ring values between the first two spokes, where no data point ever sits.

    Drawn after the series so a filled polygon never covers them, on a translucent white backing that keeps
    the grid line from striking through them while the series line stays visible beneath.
    """
    cx, cy = centre
    if count >= 3:
        bisector = -math.pi / 2 + math.pi / count
        reach = math.cos(math.pi / count)  # polygon edge midpoint lies closer than the vertex
    else:
        bisector, reach = -math.pi / 4, 1.0
    ring_labels: list[str] = []
    for ring in RINGS:
        r = _RADIUS * ring / 100 * reach
        lx, ly = cx + math.cos(bisector) * r, cy + math.sin(bisector) * r
        w = text_width(str(ring), 9) + 4
        ring_labels.append(element("rect", x=lx - w / 2, y=ly - 6, width=w, height=11, fill="#FFFFFF",
                                   fill_opacity=0.75))
        ring_labels.append(text(lx, ly + 3.2, str(ring), size=9, anchor="middle", fill=MUTED_TEXT))
    return group(ring_labels, data_role="ring-labels")


def _series_points(
    values: list[float | None], *, spokes: list[tuple[float, float]], centre: tuple[float, float]
) -> list[tuple[float, float] | None]:
    """Where each value sits on its spoke (clamped to 0-100); ``None`` for a missing value."""
    cx, cy = centre
    pts: list[tuple[float, float] | None] = []
    for (dx, dy), value in zip(spokes, values, strict=True):
        if is_number(value):
            r = _RADIUS * max(0.0, min(100.0, float(value))) / 100
            pts.append((cx + dx * r, cy + dy * r))
        else:
            pts.append(None)
    return pts


def _series_markup(
    pts: list[tuple[float, float] | None], *, index: int, colour: str, dashed: bool, shape: str
) -> str:
    """A closed, lightly filled polygon when every value is known; otherwise lines broken at the gaps."""
    parts: list[str] = []
    dasharray = "6 4" if dashed else None
    if all(p is not None for p in pts) and len(pts) >= 3:
        parts.append(
            element(
                "polygon",
                points=points_attr(p for p in pts if p is not None),
                fill=colour,
                fill_opacity=0.0 if dashed else 0.12,
                stroke=colour,
                stroke_width=2.2,
                stroke_dasharray=dasharray,
                stroke_linejoin="round",
            )
        )
    else:
        for run in _value_runs(pts):
            if len(run) >= 2:
                parts.append(element("polyline", points=points_attr(run), fill="none", stroke=colour,
                                     stroke_width=2.2, stroke_dasharray=dasharray, stroke_linejoin="round"))
    for i, p in enumerate(pts):
        if p is not None:
            parts.append(marker(shape, p[0], p[1], 7, fill=colour if not dashed else "#FFFFFF", stroke=colour,
                                data_series=str(index), data_index=str(i)))
    return group(parts, data_series=str(index))


def _legend_items(*, series_label: str, comparison_label: str | None) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    if series_label:
        swatch = element("line", x1=0.0, y1=0.0, x2=26.0, y2=0.0, stroke=BLUE, stroke_width=2.2)
        items.append((swatch + marker("circle", 13, 0, 7, fill=BLUE, stroke=BLUE), series_label))
    if comparison_label:
        swatch = element("line", x1=0.0, y1=0.0, x2=26.0, y2=0.0, stroke=VERMILLION, stroke_width=2.2,
                         stroke_dasharray="6 4")
        items.append((swatch + marker("square", 13, 0, 7, fill="#FFFFFF", stroke=VERMILLION),
                      f"({comparison_label})"))
    return items


def radar_chart(
    *,
    axes: list[tuple[str, float | None]],
    title: str,
    desc: str,
    comparison: list[float | None] | None = None,
    comparison_label: str | None = None,
    series_label: str = "",
    missing_label: str = DEFAULT_MISSING,
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render a 0-100 radar chart as an SVG string.

    ``axes`` holds ``(label, value)`` pairs in display order (first axis at the top,
    clockwise); ``None`` means no data or suppressed and is drawn as a gap with
    ``missing_label``. ``comparison`` (same length as ``axes``) adds a dashed second
    series, e.g. the respondent's own answers or an earlier round. Axis labels show the
    main value and, in parentheses, the comparison value.
    """
    count = len(axes)
    cx = _WIDTH / 2
    if count == 0:
        body = [text(cx, 64, missing_label, size=14, anchor="middle", fill=MISSING_TEXT, data_missing="true")]
        return document(width=_WIDTH, height=120.0, title=title, desc=desc, body=body, chart_id=chart_id)

    has_comparison = comparison is not None
    comp_values: list[float | None] = list(comparison or [])
    comp_values = comp_values[:count] + [None] * (count - len(comp_values))  # tolerate a length mismatch
    spokes = [_spoke(i, count) for i in range(count)]
    values = _Values(decimals=decimals, decimal_separator=decimal_separator, missing_label=missing_label)

    def layout(cy: float) -> list[_LabelBlock]:
        return _label_blocks(axes=axes, comparison=comp_values, has_comparison=has_comparison, spokes=spokes,
                             centre=(cx, cy), values=values)

    # Place the centre so that the highest label block starts just inside the canvas.
    cy = 10 - min([-_RADIUS] + [block.top for block in layout(0.0)])
    centre = (cx, cy)
    blocks = layout(cy)

    body = [_grid_markup(spokes=spokes, missing=[not is_number(v) for _, v in axes], centre=centre)]
    if has_comparison:
        comp_points = _series_points(comp_values, spokes=spokes, centre=centre)
        body.append(_series_markup(comp_points, index=1, colour=VERMILLION, dashed=True, shape="square"))
    main_points = _series_points([v for _, v in axes], spokes=spokes, centre=centre)
    body.append(_series_markup(main_points, index=0, colour=BLUE, dashed=False, shape="circle"))
    body.append(_ring_label_markup(count=count, centre=centre))
    body.append(group(_label_markup(blocks, missing_label=missing_label)))

    lowest = max([cy + _RADIUS] + [block.value_y + 4 for block in blocks])
    legend_items = _legend_items(series_label=series_label,
                                 comparison_label=comparison_label if has_comparison else None)
    legend_top = lowest + 18
    legend_markup, legend_height = legend(legend_items, x=20, y=legend_top, max_width=_WIDTH - 40)
    height = legend_top + legend_height if legend_items else lowest + 10
    body.append(legend_markup)
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
