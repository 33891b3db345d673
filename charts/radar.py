"""Radar (spider) chart for the success-factor areas.

A radar shows at a glance which areas of a chain collaboration lag behind the others.
Because radar shapes are hard to read precisely, every axis label also carries the
value(s) as text, which keeps the chart meaningful in black-and-white print and for
people who cannot distinguish the series colours.
"""

from __future__ import annotations

import math

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
    has_comparison = comparison is not None and count > 0
    comp_values: list[float | None] = list(comparison or [])
    comp_values = comp_values[:count] + [None] * (count - len(comp_values))  # tolerate a length mismatch

    cx = _WIDTH / 2
    label_gap = 14
    body: list[str] = []

    if count == 0:
        height = 120.0
        body.append(text(cx, 64, missing_label, size=14, anchor="middle", fill=MISSING_TEXT, data_missing="true"))
        return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)

    spokes = [_spoke(i, count) for i in range(count)]
    main_text = readable_on_white(BLUE)
    comp_text = readable_on_white(VERMILLION)

    def layout_labels(cy: float) -> tuple[list[str], float, float]:
        """Axis labels with values around the outer ring; returns markup, top and bottom y."""
        label_parts: list[str] = []
        lowest = cy + _RADIUS
        highest = cy - _RADIUS
        for i, ((label, value), (dx, dy)) in enumerate(zip(axes, spokes, strict=True)):
            ax = cx + dx * (_RADIUS + label_gap)
            ay = cy + dy * (_RADIUS + label_gap)
            if dx > 0.3:
                anchor, room = "start", _WIDTH - ax - 8
            elif dx < -0.3:
                anchor, room = "end", ax - 8
            else:
                anchor, room = "middle", 2 * min(ax, _WIDTH - ax) - 16
            room = min(room, 200)
            lines = wrap(label, room, _LABEL_SIZE, max_lines=2 if anchor == "middle" else 3)
            main = (
                fmt_value(value, decimals=decimals, decimal_separator=decimal_separator)
                if is_number(value)
                else missing_label
            )
            value_line: list[tuple[str, str, str | None]] = [
                (main, main_text if is_number(value) else MISSING_TEXT, "bold")
            ]
            if has_comparison:
                comp = comp_values[i]
                comp_txt = (
                    fmt_value(comp, decimals=decimals, decimal_separator=decimal_separator)
                    if is_number(comp)
                    else missing_label
                )
                value_line.append((f"({comp_txt})", comp_text if is_number(comp) else MISSING_TEXT, None))
            block_height = (len(lines) + 1) * _LABEL_SIZE * 1.2
            if dy < -0.3:  # upper half: block ends just above the ring
                top = ay - block_height + _LABEL_SIZE * 0.5
            elif dy > 0.3:  # lower half: block starts below the ring
                top = ay + _LABEL_SIZE * 0.2
            else:
                top = ay - block_height / 2 + _LABEL_SIZE * 0.6
            y = top + _LABEL_SIZE * 0.85
            for line in lines:
                label_parts.append(text(ax, y, line, size=_LABEL_SIZE, anchor=anchor, fill=TEXT))
                y += _LABEL_SIZE * 1.2
            # The value line: pieces laid out manually so both colours can be used.
            widths = [text_width(t, _VALUE_SIZE, bold=w == "bold") for t, _, w in value_line]
            total = sum(widths) + 5 * (len(widths) - 1)
            start = {"start": ax, "end": ax - total, "middle": ax - total / 2}[anchor]
            for (piece, colour, weight), w in zip(value_line, widths, strict=True):
                label_parts.append(
                    text(
                        start,
                        y,
                        piece,
                        size=_VALUE_SIZE,
                        weight=weight,
                        fill=colour,
                        data_missing="true" if piece in (missing_label, f"({missing_label})") else None,
                    )
                )
                start += w + 5
            highest = min(highest, top)
            lowest = max(lowest, y + 4)
        return label_parts, highest, lowest

    # Place the centre so that the highest label block starts just inside the canvas.
    _, highest, _ = layout_labels(0.0)
    cy = 10 - highest

    # Grid: concentric polygons (or circles for fewer than 3 axes) and spokes.
    grid: list[str] = []
    for ring in RINGS:
        r = _RADIUS * ring / 100
        if count >= 3:
            grid.append(
                element(
                    "polygon",
                    points=points_attr((cx + dx * r, cy + dy * r) for dx, dy in spokes),
                    fill="none",
                    stroke=GRID if ring < 100 else AXIS,
                    stroke_width=1.0,
                    data_ring=str(ring),
                )
            )
        else:
            grid.append(
                element(
                    "circle",
                    cx=cx,
                    cy=cy,
                    r=r,
                    fill="none",
                    stroke=GRID if ring < 100 else AXIS,
                    stroke_width=1.0,
                    data_ring=str(ring),
                )
            )
    for i, (dx, dy) in enumerate(spokes):
        missing = not is_number(axes[i][1])
        grid.append(
            element(
                "line",
                x1=cx,
                y1=cy,
                x2=cx + dx * _RADIUS,
                y2=cy + dy * _RADIUS,
                stroke=MISSING_STROKE if missing else GRID,
                stroke_width=1.0,
                stroke_dasharray="3 3" if missing else None,
            )
        )
    body.append(group(grid))
    # Ring values between the first two spokes (data points sit on spokes, never here), drawn after the
    # series so a filled polygon never covers them, on a translucent white backing that keeps the grid
    # line from striking through them while the series line stays visible beneath.
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

    def series_points(values: list[float | None]) -> list[tuple[float, float] | None]:
        pts: list[tuple[float, float] | None] = []
        for (dx, dy), value in zip(spokes, values, strict=True):
            if is_number(value):
                r = _RADIUS * max(0.0, min(100.0, float(value))) / 100
                pts.append((cx + dx * r, cy + dy * r))
            else:
                pts.append(None)
        return pts

    def draw_series(values: list[float | None], index: int, colour: str, dashed: bool, shape: str) -> str:
        pts = series_points(values)
        parts: list[str] = []
        complete = all(p is not None for p in pts)
        if complete and count >= 3:
            parts.append(
                element(
                    "polygon",
                    points=points_attr(p for p in pts if p is not None),
                    fill=colour,
                    fill_opacity=0.0 if dashed else 0.12,
                    stroke=colour,
                    stroke_width=2.2,
                    stroke_dasharray="6 4" if dashed else None,
                    stroke_linejoin="round",
                )
            )
        else:
            for run in _value_runs(pts):
                if len(run) >= 2:
                    parts.append(
                        element(
                            "polyline",
                            points=points_attr(run),
                            fill="none",
                            stroke=colour,
                            stroke_width=2.2,
                            stroke_dasharray="6 4" if dashed else None,
                            stroke_linejoin="round",
                        )
                    )
        for i, p in enumerate(pts):
            if p is not None:
                parts.append(
                    marker(
                        shape,
                        p[0],
                        p[1],
                        7,
                        fill=colour if not dashed else "#FFFFFF",
                        stroke=colour,
                        data_series=str(index),
                        data_index=str(i),
                    )
                )
        return group(parts, data_series=str(index))

    if has_comparison:
        body.append(draw_series(comp_values, 1, VERMILLION, True, "square"))
    body.append(draw_series([v for _, v in axes], 0, BLUE, False, "circle"))
    body.append(group(ring_labels, data_role="ring-labels"))

    label_parts, _, lowest = layout_labels(cy)
    body.append(group(label_parts))

    legend_items: list[tuple[str, str]] = []
    if series_label:
        legend_items.append(
            (
                element("line", x1=0.0, y1=0.0, x2=26.0, y2=0.0, stroke=BLUE, stroke_width=2.2)
                + marker("circle", 13, 0, 7, fill=BLUE, stroke=BLUE),
                series_label,
            )
        )
    if has_comparison and comparison_label:
        legend_items.append(
            (
                element(
                    "line",
                    x1=0.0,
                    y1=0.0,
                    x2=26.0,
                    y2=0.0,
                    stroke=VERMILLION,
                    stroke_width=2.2,
                    stroke_dasharray="6 4",
                )
                + marker("square", 13, 0, 7, fill="#FFFFFF", stroke=VERMILLION),
                f"({comparison_label})",
            )
        )
    legend_top = lowest + 18
    legend_markup, legend_height = legend(legend_items, x=20, y=legend_top, max_width=_WIDTH - 40)
    height = legend_top + legend_height if legend_items else lowest + 10
    body.append(legend_markup)
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
