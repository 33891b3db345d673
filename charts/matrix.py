"""Priority matrix: presence versus importance of success factors.

Plotting each factor by how present it is (x) and how important respondents find it
(y) turns a long list of means into four actionable groups: strengths to keep,
priorities to work on, factors to maintain and factors that may be underexposed. The
codes on the chart are explained in a key below it, with both means printed, so the
matrix is complete on paper and for screen-reader users reading the table fallback.
"""

from __future__ import annotations

import math

from scoring.factors import is_high, quadrant

from ._svg import (
    AXIS,
    BLUE,
    BLUISH_GREEN,
    DEFAULT_MISSING,
    GRID,
    MISSING_TEXT,
    MUTED_TEXT,
    SKY_BLUE,
    TEXT,
    VERMILLION,
    clamp,
    document,
    element,
    esc,
    fmt_value,
    group,
    is_number,
    marker,
    mix,
    text,
    text_width,
    truncate,
    wrap,
)

_WIDTH = 640
_SCALE_MIN, _SCALE_MAX, _SPLIT = 1.0, 5.0, 3.0
#: Extra room beyond 1 and 5 so edge points stay clear of the border and the quadrant names.
_PAD = 0.35

#: Quadrant keys and their place: (is_high_presence, is_high_importance).
QUADRANTS = {
    "priority": (False, True),  # important but little present: work on this first
    "strength": (True, True),  # important and present
    "underexposed": (False, False),  # neither: may deserve attention
    "maintain": (True, False),  # present, less important: keep, do not over-invest
}
QUADRANT_TINTS = {
    "priority": mix(VERMILLION, "#FFFFFF", 0.86),
    "strength": mix(BLUISH_GREEN, "#FFFFFF", 0.86),
    "underexposed": "#F2F2F2",
    "maintain": mix(SKY_BLUE, "#FFFFFF", 0.82),
}
#: Marker per factor kind: (shape, fill, stroke); shapes carry the meaning without colour.
MARKERS = {
    "critical": ("diamond", VERMILLION, "#000000"),
    "precondition": ("square", BLUE, "#000000"),
    "": ("circle", "#333333", "#000000"),
}


def quadrant_of(presence: float, importance: float) -> str:
    """Quadrant key for a pair of 1-5 means, by the scoring engine's own rule.

    Delegating to ``scoring.factors`` keeps the marker's ``data-quadrant`` equal to the
    quadrant the report lists the factor under: a mean on the split line (exactly 3)
    counts as low there (docs/scoring.md), so it must here too.
    """
    scale = {"scale_min": int(_SCALE_MIN), "scale_max": int(_SCALE_MAX)}
    key = quadrant(present=is_high(mean=presence, **scale), important=is_high(mean=importance, **scale))
    if key is None:
        raise ValueError("quadrant_of needs both means")
    return key


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_candidates(x: float, y: float) -> list[tuple[float, float, str, int]]:
    """Label positions around a marker, nearest first, then in widening rings.

    Returns ``(x, y, text_anchor, ring)``; ring 0 is right next to the marker.
    """
    candidates: list[tuple[float, float, str, int]] = []
    for ring in range(4):
        d = ring * 13
        candidates += [
            (x + 8 + d, y + 4, "start", ring),
            (x - 8 - d, y + 4, "end", ring),
            (x, y - 9 - d, "middle", ring),
            (x, y + 17 + d, "middle", ring),
            (x + 7 + d, y - 6 - d, "start", ring),
            (x + 7 + d, y + 14 + d, "start", ring),
            (x - 7 - d, y - 6 - d, "end", ring),
            (x - 7 - d, y + 14 + d, "end", ring),
        ]
    return candidates


def _label_box(x: float, y: float, anchor: str, width: float, size: float) -> tuple[float, float, float, float]:
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return left, y - size + 1, left + width, y + 2


def priority_matrix(
    *,
    points: list[tuple[str, str, float | None, float | None, str]],
    title: str,
    desc: str,
    quadrant_labels: dict[str, str],
    axis_labels: dict[str, str],
    marker_labels: dict[str, str] | None = None,
    missing_label: str = DEFAULT_MISSING,
    decimals: int = 1,
    decimal_separator: str = ".",
    show_key: bool = True,
    chart_id: str | None = None,
) -> str:
    """Render a presence (x, 1-5) × importance (y, 1-5) scatter split at 3.

    ``points`` are ``(code, label, presence_mean, importance_mean, marker)`` with
    marker ``'critical'`` (filled diamond), ``'precondition'`` (square) or ``''``
    (circle). ``quadrant_labels`` names the keys ``strength``, ``priority``,
    ``maintain`` and ``underexposed``; ``axis_labels`` has ``x`` and ``y`` (plus optional
    ``x_short``/``y_short`` for the header of the key).
    ``marker_labels`` (same keys as the markers, ``''`` for "other") adds a legend.
    Points missing a mean are not plotted; the key lists them with ``missing_label``.
    Code labels are placed greedily next to their marker, avoiding earlier labels.
    """
    x0, y0 = 62.0, 12.0
    plot_width, plot_height = 420.0, 360.0
    x1, y1 = x0 + plot_width, y0 + plot_height

    low, span = _SCALE_MIN - _PAD, _SCALE_MAX - _SCALE_MIN + 2 * _PAD

    def px(value: float) -> float:
        return x0 + plot_width * (clamp(value, _SCALE_MIN, _SCALE_MAX) - low) / span

    def py(value: float) -> float:
        return y1 - plot_height * (clamp(value, _SCALE_MIN, _SCALE_MAX) - low) / span

    body: list[str] = []
    mid_x, mid_y = px(_SPLIT), py(_SPLIT)
    # Quadrant backgrounds and names.
    blocked: list[tuple[float, float, float, float]] = []
    names: list[str] = []
    name_size = 12
    for key, (high_x, high_y) in QUADRANTS.items():
        qx, qw = (mid_x, x1 - mid_x) if high_x else (x0, mid_x - x0)
        qy, qh = (y0, mid_y - y0) if high_y else (mid_y, y1 - mid_y)
        body.append(element("rect", x=qx, y=qy, width=qw, height=qh, fill=QUADRANT_TINTS[key], data_quadrant=key))
        name = truncate(quadrant_labels.get(key, ""), qw - 12, name_size, bold=True)
        if name:
            name_x = qx + qw - 6 if high_x else qx + 6
            name_y = qy + 15 if high_y else qy + qh - 6
            anchor = "end" if high_x else "start"
            w = text_width(name, name_size, bold=True)
            left = name_x - w if high_x else name_x
            # Backed by the quadrant tint so grid lines do not strike through the name.
            names.append(
                element(
                    "rect",
                    x=left - 2,
                    y=name_y - name_size + 1,
                    width=w + 4,
                    height=name_size + 2,
                    fill=QUADRANT_TINTS[key],
                )
            )
            names.append(text(name_x, name_y, name, size=name_size, anchor=anchor, weight="bold", fill=TEXT))
            blocked.append((left, name_y - name_size, left + w, name_y + 3))

    grid: list[str] = []
    for tick in range(1, 6):
        gx, gy = px(tick), py(tick)
        grid.append(element("line", x1=gx, y1=y0, x2=gx, y2=y1, stroke=GRID, stroke_width=0.8))
        grid.append(element("line", x1=x0, y1=gy, x2=x1, y2=gy, stroke=GRID, stroke_width=0.8))
        grid.append(text(gx, y1 + 15, str(tick), size=11, anchor="middle", fill=MUTED_TEXT))
        grid.append(text(x0 - 7, gy + 4, str(tick), size=11, anchor="end", fill=MUTED_TEXT))
    grid.append(
        element(
            "rect",
            x=x0,
            y=y0,
            width=plot_width,
            height=plot_height,
            fill="none",
            stroke=AXIS,
            stroke_width=1.0,
        )
    )
    grid.append(element("line", x1=mid_x, y1=y0, x2=mid_x, y2=y1, stroke=AXIS, stroke_width=1.6))
    grid.append(element("line", x1=x0, y1=mid_y, x2=x1, y2=mid_y, stroke=AXIS, stroke_width=1.6))
    body.append(group(grid))
    body.append(group(names))

    # Axis titles: x below the tick labels, y rotated along the left edge.
    x_title = truncate(axis_labels.get("x", ""), plot_width, 12)
    y_title = truncate(axis_labels.get("y", ""), plot_height, 12)
    body.append(text(x0 + plot_width / 2, y1 + 34, x_title, size=12, anchor="middle", fill=TEXT))
    body.append(
        text(
            18,
            y0 + plot_height / 2,
            y_title,
            size=12,
            anchor="middle",
            fill=TEXT,
            transform=f"rotate(-90 18 {y0 + plot_height / 2:g})",
        )
    )

    # Markers first (so every label can avoid every marker), then the labels.
    plotted: list[tuple[int, str, float, float]] = []
    marks: list[str] = []
    seen: dict[tuple[float, float], int] = {}
    for index, (code, _label, presence, importance, kind) in enumerate(points):
        if not (is_number(presence) and is_number(importance)):
            continue
        x, y = px(float(presence)), py(float(importance))
        # Identical means would hide each other: nudge repeats a few pixels around the spot.
        repeat = seen.get((round(x), round(y)), 0)
        seen[(round(x), round(y))] = repeat + 1
        if repeat:
            angle = repeat * 2.4  # golden angle in radians: a deterministic spiral
            x, y = x + 6 * math.cos(angle), y + 6 * math.sin(angle)
        shape, fill, stroke = MARKERS.get(kind, MARKERS[""])
        marks.append(
            marker(
                shape,
                x,
                y,
                10,
                fill=fill,
                stroke=stroke,
                stroke_width=0.8,
                data_index=str(index),
                data_code=str(code),
                data_quadrant=quadrant_of(float(presence), float(importance)),
            )
        )
        plotted.append((index, str(code), x, y))
        blocked.append((x - 6, y - 6, x + 6, y + 6))

    label_size = 11
    labels: list[str] = []
    leaders: list[str] = []
    for index, code, x, y in plotted:
        w = text_width(code, label_size, bold=True)
        own_marker = (x - 6, y - 6, x + 6, y + 6)
        candidates = _label_candidates(x, y)
        chosen = None
        for cx, cy, anchor, ring in candidates:
            box = _label_box(cx, cy, anchor, w, label_size)
            inside = box[0] >= x0 + 1 and box[2] <= x1 - 1 and box[1] >= y0 + 1 and box[3] <= y1 - 1
            if inside and not any(_overlaps(box, other) for other in blocked if other != own_marker):
                chosen = (cx, cy, anchor, ring, box)
                break
        if chosen is None:  # very crowded: fall back to a deterministic spread by index
            cx, cy, anchor, ring = candidates[index % 8]
            chosen = (cx, cy, anchor, ring, _label_box(cx, cy, anchor, w, label_size))
        cx, cy, anchor, ring, box = chosen
        blocked.append(box)
        if ring:  # displaced label: a thin leader line keeps it tied to its marker
            tx = clamp(x, box[0], box[2])
            ty = clamp(y, box[1], box[3])
            leaders.append(element("line", x1=x, y1=y, x2=tx, y2=ty, stroke=AXIS, stroke_width=0.7))
        # A translucent backing keeps the code legible where it crosses a grid or split line.
        labels.append(
            element(
                "rect",
                x=box[0] - 1,
                y=box[1],
                width=box[2] - box[0] + 2,
                height=box[3] - box[1],
                fill="#FFFFFF",
                fill_opacity=0.7,
            )
        )
        labels.append(text(cx, cy, code, size=label_size, anchor=anchor, weight="bold", fill=TEXT, data_label_for=code))
    body.append(group(leaders))
    body.append(group(marks))
    body.append(group(labels))

    # Marker legend in the right margin.
    legend_x = x1 + 18
    legend_y = y0 + 10
    if marker_labels:
        for kind in ("critical", "precondition", ""):
            label = marker_labels.get(kind)
            if not label:
                continue
            shape, fill, stroke = MARKERS[kind]
            body.append(marker(shape, legend_x + 6, legend_y - 4, 10, fill=fill, stroke=stroke, stroke_width=0.8))
            lines = wrap(label, _WIDTH - legend_x - 24, 11, max_lines=3)
            for line_index, line in enumerate(lines):
                body.append(text(legend_x + 18, legend_y + line_index * 13, line, size=11, fill=TEXT))
            legend_y += 13 * max(len(lines), 1) + 10

    height = y1 + 46
    if not points:
        body.append(
            text(
                x0 + plot_width / 2,
                y0 + plot_height / 2 + 5,
                missing_label,
                size=16,
                anchor="middle",
                fill=MISSING_TEXT,
                data_missing="true",
            )
        )

    # Key: code, label and both means; missing means shown as the missing label.
    if show_key and points:
        key_size = 11
        column_width = (_WIDTH - 24) / 2
        rows = (len(points) + 1) // 2
        columns = 2 if len(points) > 1 else 1
        code_width = max(text_width(str(c), key_size, bold=True) for c, *_ in points) + 6
        short_x = axis_labels.get("x_short") or axis_labels.get("x", "")
        short_y = axis_labels.get("y_short") or axis_labels.get("y", "")
        header = truncate(f"{short_x} / {short_y}", column_width * 0.6, 10)
        for column in range(columns):
            body.append(
                text(
                    12 + column * column_width + column_width - 18,
                    height + 10,
                    header,
                    size=10,
                    anchor="end",
                    fill=MUTED_TEXT,
                )
            )
        top = height + 26
        for index, (code, label, presence, importance, _kind) in enumerate(points):
            column, row = divmod(index, rows)
            kx = 12 + column * column_width
            ky = top + row * 16
            missing = not (is_number(presence) and is_number(importance))
            values = " / ".join(
                fmt_value(v, decimals=decimals, decimal_separator=decimal_separator) if is_number(v) else missing_label
                for v in (presence, importance)
            )
            values_width = text_width(values, key_size) + 8
            name = truncate(label, column_width - code_width - values_width - 18, key_size)
            row_parts = [
                text(kx, ky, str(code), size=key_size, weight="bold", fill=TEXT),
                text(kx + code_width, ky, name, size=key_size, fill=TEXT),
                text(
                    kx + column_width - 18,
                    ky,
                    values,
                    size=key_size,
                    anchor="end",
                    fill=MISSING_TEXT if missing else MUTED_TEXT,
                    data_missing="true" if missing else None,
                ),
            ]
            if name != " ".join(str(label).split()):
                row_parts.append(element("title", esc(label)))
            body.append(group(row_parts, data_key=str(code)))
        height = top + rows * 16
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
