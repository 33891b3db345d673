"""Priority matrix: presence versus importance of success factors.

Plotting each factor by how present it is (x) and how important respondents find it
(y) turns a long list of means into four actionable groups: strengths to keep,
priorities to work on, factors to maintain and factors that may be underexposed. The
codes on the chart are explained in a key below it, with both means printed, so the
matrix is complete on paper and for screen-reader users reading the table fallback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class _Frame:
    """The plot area and the 1-5 scale mapped onto it (padded so edge points stay clear of the border)."""

    x0: float = 62.0
    y0: float = 12.0
    width: float = 420.0
    height: float = 360.0

    @property
    def x1(self) -> float:
        return self.x0 + self.width

    @property
    def y1(self) -> float:
        return self.y0 + self.height

    def px(self, value: float) -> float:
        low, span = _SCALE_MIN - _PAD, _SCALE_MAX - _SCALE_MIN + 2 * _PAD
        return self.x0 + self.width * (clamp(value, _SCALE_MIN, _SCALE_MAX) - low) / span

    def py(self, value: float) -> float:
        low, span = _SCALE_MIN - _PAD, _SCALE_MAX - _SCALE_MIN + 2 * _PAD
        return self.y1 - self.height * (clamp(value, _SCALE_MIN, _SCALE_MAX) - low) / span

    def holds(self, box: Box) -> bool:
        return box[0] >= self.x0 + 1 and box[2] <= self.x1 - 1 and box[1] >= self.y0 + 1 and box[3] <= self.y1 - 1


@dataclass(frozen=True)
class _Plotted:
    index: int
    code: str
    x: float
    y: float
    kind: str
    quadrant: str


@dataclass(frozen=True)
class _CodeLabel:
    x: float
    y: float
    anchor: str
    ring: int
    box: Box
    point: _Plotted


_LABEL_SIZE = 11
_NAME_SIZE = 12


def _quadrants(frame: _Frame, quadrant_labels: dict[str, str]) -> tuple[list[str], list[str], list[Box]]:
    """Quadrant backgrounds, their names (in the outer corner) and the boxes those names occupy."""
    mid_x, mid_y = frame.px(_SPLIT), frame.py(_SPLIT)
    backgrounds: list[str] = []
    names: list[str] = []
    blocked: list[Box] = []
    for key, (high_x, high_y) in QUADRANTS.items():
        qx, qw = (mid_x, frame.x1 - mid_x) if high_x else (frame.x0, mid_x - frame.x0)
        qy, qh = (frame.y0, mid_y - frame.y0) if high_y else (mid_y, frame.y1 - mid_y)
        backgrounds.append(element("rect", x=qx, y=qy, width=qw, height=qh, fill=QUADRANT_TINTS[key],
                                   data_quadrant=key))
        name = truncate(quadrant_labels.get(key, ""), qw - 12, _NAME_SIZE, bold=True)
        if not name:
            continue
        name_x = qx + qw - 6 if high_x else qx + 6
        name_y = qy + 15 if high_y else qy + qh - 6
        anchor = "end" if high_x else "start"
        w = text_width(name, _NAME_SIZE, bold=True)
        left = name_x - w if high_x else name_x
        # Backed by the quadrant tint so grid lines do not strike through the name.
        names.append(element("rect", x=left - 2, y=name_y - _NAME_SIZE + 1, width=w + 4, height=_NAME_SIZE + 2,
                             fill=QUADRANT_TINTS[key]))
        names.append(text(name_x, name_y, name, size=_NAME_SIZE, anchor=anchor, weight="bold", fill=TEXT))
        blocked.append((left, name_y - _NAME_SIZE, left + w, name_y + 3))
    return backgrounds, names, blocked


def _grid(frame: _Frame) -> str:
    """Tick lines and labels at 1-5, the plot border and the heavier split lines at 3."""
    x0, y0, x1, y1 = frame.x0, frame.y0, frame.x1, frame.y1
    mid_x, mid_y = frame.px(_SPLIT), frame.py(_SPLIT)
    grid: list[str] = []
    for tick in range(1, 6):
        gx, gy = frame.px(tick), frame.py(tick)
        grid.append(element("line", x1=gx, y1=y0, x2=gx, y2=y1, stroke=GRID, stroke_width=0.8))
        grid.append(element("line", x1=x0, y1=gy, x2=x1, y2=gy, stroke=GRID, stroke_width=0.8))
        grid.append(text(gx, y1 + 15, str(tick), size=11, anchor="middle", fill=MUTED_TEXT))
        grid.append(text(x0 - 7, gy + 4, str(tick), size=11, anchor="end", fill=MUTED_TEXT))
    grid.append(element("rect", x=x0, y=y0, width=frame.width, height=frame.height, fill="none", stroke=AXIS,
                        stroke_width=1.0))
    grid.append(element("line", x1=mid_x, y1=y0, x2=mid_x, y2=y1, stroke=AXIS, stroke_width=1.6))
    grid.append(element("line", x1=x0, y1=mid_y, x2=x1, y2=mid_y, stroke=AXIS, stroke_width=1.6))
    return group(grid)


def _axis_titles(frame: _Frame, axis_labels: dict[str, str]) -> list[str]:
    """The x title below the tick labels, the y title rotated along the left edge."""
    x_title = truncate(axis_labels.get("x", ""), frame.width, 12)
    y_title = truncate(axis_labels.get("y", ""), frame.height, 12)
    middle = frame.y0 + frame.height / 2
    return [
        text(frame.x0 + frame.width / 2, frame.y1 + 34, x_title, size=12, anchor="middle", fill=TEXT),
        text(18, middle, y_title, size=12, anchor="middle", fill=TEXT, transform=f"rotate(-90 18 {middle:g})"),
    ]


def _plot_points(points: Sequence[tuple[str, str, float | None, float | None, str]], frame: _Frame) -> list[_Plotted]:
    """Marker positions of the points with both means; repeats of one spot spiral around it."""
    plotted: list[_Plotted] = []
    seen: dict[tuple[float, float], int] = {}
    for index, (code, _label, presence, importance, kind) in enumerate(points):
        if not (is_number(presence) and is_number(importance)):
            continue
        x, y = frame.px(float(presence)), frame.py(float(importance))
        # Identical means would hide each other: nudge repeats a few pixels around the spot.
        repeat = seen.get((round(x), round(y)), 0)
        seen[(round(x), round(y))] = repeat + 1
        if repeat:
            angle = repeat * 2.4  # golden angle in radians: a deterministic spiral
            x, y = x + 6 * math.cos(angle), y + 6 * math.sin(angle)
        plotted.append(_Plotted(index=index, code=str(code), x=x, y=y, kind=kind,
                                quadrant=quadrant_of(float(presence), float(importance))))
    return plotted


def _marker_box(point: _Plotted) -> Box:
    return point.x - 6, point.y - 6, point.x + 6, point.y + 6


def _marker_markup(plotted: list[_Plotted]) -> str:
    marks: list[str] = []
    for point in plotted:
        shape, fill, stroke = MARKERS.get(point.kind, MARKERS[""])
        marks.append(marker(shape, point.x, point.y, 10, fill=fill, stroke=stroke, stroke_width=0.8,
                            data_index=str(point.index), data_code=point.code, data_quadrant=point.quadrant))
    return group(marks)


def _place_labels(plotted: list[_Plotted], *, frame: _Frame, blocked: list[Box]) -> list[_CodeLabel]:
    """Greedy label placement: the first candidate inside the plot that overlaps nothing placed so far.

    ``blocked`` (quadrant names and every marker) grows with each placed label.
    """
    placed: list[_CodeLabel] = []
    for point in plotted:
        w = text_width(point.code, _LABEL_SIZE, bold=True)
        own_marker = _marker_box(point)
        candidates = _label_candidates(point.x, point.y)
        chosen = None
        for cx, cy, anchor, ring in candidates:
            box = _label_box(cx, cy, anchor, w, _LABEL_SIZE)
            if frame.holds(box) and not any(_overlaps(box, other) for other in blocked if other != own_marker):
                chosen = _CodeLabel(x=cx, y=cy, anchor=anchor, ring=ring, box=box, point=point)
                break
        if chosen is None:  # very crowded: fall back to a deterministic spread by index
            cx, cy, anchor, ring = candidates[point.index % 8]
            chosen = _CodeLabel(x=cx, y=cy, anchor=anchor, ring=ring, box=_label_box(cx, cy, anchor, w, _LABEL_SIZE),
                                point=point)
        blocked.append(chosen.box)
        placed.append(chosen)
    return placed


def _label_markup(placed: list[_CodeLabel]) -> tuple[str, str]:
    """Leader lines (for displaced labels) and the code labels on a translucent backing."""
    leaders: list[str] = []
    labels: list[str] = []
    for label in placed:
        box, point = label.box, label.point
        if label.ring:  # displaced label: a thin leader line keeps it tied to its marker
            tx = clamp(point.x, box[0], box[2])
            ty = clamp(point.y, box[1], box[3])
            leaders.append(element("line", x1=point.x, y1=point.y, x2=tx, y2=ty, stroke=AXIS, stroke_width=0.7))
        # A translucent backing keeps the code legible where it crosses a grid or split line.
        labels.append(element("rect", x=box[0] - 1, y=box[1], width=box[2] - box[0] + 2, height=box[3] - box[1],
                              fill="#FFFFFF", fill_opacity=0.7))
        labels.append(text(label.x, label.y, point.code, size=_LABEL_SIZE, anchor=label.anchor, weight="bold",
                           fill=TEXT, data_label_for=point.code))
    return group(leaders), group(labels)


def _marker_legend(marker_labels: dict[str, str] | None, frame: _Frame) -> list[str]:
    """Marker legend in the right margin."""
    parts: list[str] = []
    legend_x = frame.x1 + 18
    legend_y = frame.y0 + 10
    for kind in ("critical", "precondition", ""):
        label = (marker_labels or {}).get(kind)
        if not label:
            continue
        shape, fill, stroke = MARKERS[kind]
        parts.append(marker(shape, legend_x + 6, legend_y - 4, 10, fill=fill, stroke=stroke, stroke_width=0.8))
        lines = wrap(label, _WIDTH - legend_x - 24, 11, max_lines=3)
        for line_index, line in enumerate(lines):
            parts.append(text(legend_x + 18, legend_y + line_index * 13, line, size=11, fill=TEXT))
        legend_y += 13 * max(len(lines), 1) + 10
    return parts


def _key(
    points: Sequence[tuple[str, str, float | None, float | None, str]],
    *,
    top: float,
    axis_labels: dict[str, str],
    missing_label: str,
    decimals: int,
    decimal_separator: str,
) -> tuple[list[str], float]:
    """Key in two columns: code, label and both means (missing means as the missing label); returns its bottom."""
    key_size = 11
    column_width = (_WIDTH - 24) / 2
    rows = (len(points) + 1) // 2
    columns = 2 if len(points) > 1 else 1
    code_width = max(text_width(str(c), key_size, bold=True) for c, *_ in points) + 6
    short_x = axis_labels.get("x_short") or axis_labels.get("x", "")
    short_y = axis_labels.get("y_short") or axis_labels.get("y", "")
    header = truncate(f"{short_x} / {short_y}", column_width * 0.6, 10)
    parts = [
        text(12 + column * column_width + column_width - 18, top + 10, header, size=10, anchor="end", fill=MUTED_TEXT)
        for column in range(columns)
    ]
    first_row = top + 26
    for index, (code, label, presence, importance, _kind) in enumerate(points):
        column, row = divmod(index, rows)
        kx = 12 + column * column_width
        ky = first_row + row * 16
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
            text(kx + column_width - 18, ky, values, size=key_size, anchor="end",
                 fill=MISSING_TEXT if missing else MUTED_TEXT, data_missing="true" if missing else None),
        ]
        if name != " ".join(str(label).split()):
            row_parts.append(element("title", esc(label)))
        parts.append(group(row_parts, data_key=str(code)))
    return parts, first_row + rows * 16


def priority_matrix(
    *,
    points: Sequence[tuple[str, str, float | None, float | None, str]],
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
    frame = _Frame()
    backgrounds, names, blocked = _quadrants(frame, quadrant_labels)
    body = [*backgrounds, _grid(frame), group(names), *_axis_titles(frame, axis_labels)]

    # Markers first (so every label can avoid every marker), then the labels.
    plotted = _plot_points(points, frame)
    blocked += [_marker_box(point) for point in plotted]
    leaders, labels = _label_markup(_place_labels(plotted, frame=frame, blocked=blocked))
    body += [leaders, _marker_markup(plotted), labels]
    body += _marker_legend(marker_labels, frame)

    height = frame.y1 + 46
    if not points:
        body.append(text(frame.x0 + frame.width / 2, frame.y0 + frame.height / 2 + 5, missing_label, size=16,
                         anchor="middle", fill=MISSING_TEXT, data_missing="true"))
    if show_key and points:
        key_parts, height = _key(points, top=height, axis_labels=axis_labels, missing_label=missing_label,
                                 decimals=decimals, decimal_separator=decimal_separator)
        body += key_parts
    return document(width=_WIDTH, height=height, title=title, desc=desc, body=body, chart_id=chart_id)
