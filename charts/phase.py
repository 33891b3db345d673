"""Phase chart for the development phases of a chain collaboration (Minkman).

The instrument calculates a phase from the share of characteristics met per phase,
while respondents also state which phase they think the network is in. Showing both
side by side makes the difference between the calculated and the perceived phase a
topic for the conversation, which is the point of the self-evaluation.
"""

from __future__ import annotations

from ._svg import (
    AXIS,
    BLACK,
    BLUE,
    DEFAULT_MISSING,
    GRID,
    MUTED_TEXT,
    REDDISH_PURPLE,
    TEXT,
    VERMILLION,
    clamp,
    document,
    element,
    empty_chart,
    fmt_value,
    group,
    is_number,
    legend,
    marker,
    missing_box,
    missing_text,
    plain,
    text,
    text_lines,
    wrap,
)
from .bars import BAR_FILL, HIGHLIGHT_FILL

_WIDTH = 640
_PLOT_HEIGHT = 200.0

#: Legend keys understood by :func:`phase_chart`.
LEGEND_KEYS = ("threshold", "calculated", "claimed", "network_claimed")

_MARKER_STYLE = {
    # key: (shape, fill, stroke) – shapes differ so the markers also work in greyscale.
    "calculated": ("triangle", BLACK, BLACK),
    "claimed": ("circle", "#FFFFFF", VERMILLION),
    "network_claimed": ("diamond", REDDISH_PURPLE, "#5E2A4A"),
}


def phase_chart(
    *,
    phases: list[tuple[str, float | None]],
    threshold: float,
    calculated_phase: int,
    claimed_phase: int | None,
    network_claimed_phase: int | None,
    labels: dict[str, str],
    title: str,
    desc: str,
    missing_label: str = DEFAULT_MISSING,
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render phase bars (percent of characteristics met) with threshold and phase markers.

    Phases are numbered from 1 in the given order. ``calculated_phase`` 0 means no phase
    reached (no marker). ``labels`` supplies the legend texts for the keys in
    :data:`LEGEND_KEYS`; a missing key leaves that legend entry without text. Markers for
    the calculated, the respondent's claimed and the network's claimed phase appear
    below the phase names; the calculated phase bar is also drawn solid.
    """
    body: list[str] = []
    count = len(phases)
    if count == 0:
        return empty_chart(width=_WIDTH, title=title, desc=desc, missing_label=missing_label,
                           chart_id=chart_id, body=body)

    x0, y0 = 52.0, 14.0
    plot_width = _WIDTH - x0 - 58
    y1 = y0 + _PLOT_HEIGHT

    def y_for(percent: float) -> float:
        return y1 - _PLOT_HEIGHT * clamp(percent, 0.0, 100.0) / 100

    grid: list[str] = []
    for step in range(5):
        value = step * 25
        gy = y_for(value)
        grid.append(
            element(
                "line",
                x1=x0,
                y1=gy,
                x2=x0 + plot_width,
                y2=gy,
                stroke=GRID if step else AXIS,
                stroke_width=1.0,
            )
        )
        grid.append(text(x0 - 6, gy + 4, f"{value}%", size=10, anchor="end", fill=MUTED_TEXT))
    body.append(group(grid))

    slot = plot_width / count
    bar_width = min(slot * 0.55, 90)
    label_size = 12
    label_lines = [wrap(label, slot - 8, label_size, max_lines=2) for label, _ in phases]
    label_block = max((len(lines) for lines in label_lines), default=1) * label_size * 1.2
    marker_y = y1 + 8 + label_block + 12
    bars: list[str] = []
    markers: list[str] = []
    for index, (_label, percent) in enumerate(phases):
        number = index + 1
        centre = x0 + slot * (index + 0.5)
        left = centre - bar_width / 2
        if is_number(percent):
            top = y_for(float(percent))
            is_calculated = number == calculated_phase
            bars.append(
                element(
                    "rect",
                    x=left,
                    y=top,
                    width=bar_width,
                    height=y1 - top,
                    fill=HIGHLIGHT_FILL if is_calculated else BAR_FILL,
                    stroke=BLUE,
                    stroke_width=1.0,
                    data_phase=str(number),
                    data_value=plain(percent),
                )
            )
            bars.append(
                text(
                    centre,
                    top - 5,
                    fmt_value(percent, decimals=decimals, decimal_separator=decimal_separator, suffix="%"),
                    size=12,
                    anchor="middle",
                    weight="bold" if is_calculated else None,
                    fill=TEXT,
                )
            )
        else:
            # Full height and hatched: "no value" must not look like a low value.
            bars.append(missing_box(left, y0, bar_width, _PLOT_HEIGHT, data_phase=str(number)))
            bars.append(missing_text(centre, y0 + _PLOT_HEIGHT / 2, missing_label))
        bars.append(
            text_lines(centre, y1 + 8 + label_size, label_lines[index], size=label_size, anchor="middle", fill=TEXT)
        )
        present = [
            key
            for key, phase in (
                ("calculated", calculated_phase),
                ("claimed", claimed_phase),
                ("network_claimed", network_claimed_phase),
            )
            if phase == number
        ]
        spacing = 18
        start = centre - spacing * (len(present) - 1) / 2
        for offset, key in enumerate(present):
            shape, fill, stroke = _MARKER_STYLE[key]
            markers.append(
                marker(
                    shape,
                    start + offset * spacing,
                    marker_y,
                    12,
                    fill=fill,
                    stroke=stroke,
                    stroke_width=2.0 if key == "claimed" else 1.2,
                    data_marker=key,
                    data_phase=str(number),
                )
            )
    body.append(group(bars))

    # Threshold: dashed line across the plot plus its value in the right margin.
    if is_number(threshold):
        ty = y_for(float(threshold))
        body.append(
            element(
                "line",
                x1=x0,
                y1=ty,
                x2=x0 + plot_width,
                y2=ty,
                stroke=BLACK,
                stroke_width=1.6,
                stroke_dasharray="6 4",
                data_threshold=plain(threshold),
            )
        )
        body.append(
            text(
                x0 + plot_width + 5,
                ty + 4,
                fmt_value(threshold, decimals=decimals, decimal_separator=decimal_separator, suffix="%"),
                size=11,
                weight="bold",
                fill=TEXT,
            )
        )
    body.append(group(markers))

    legend_items: list[tuple[str, str]] = []
    if is_number(threshold):
        legend_items.append(
            (
                element(
                    "line",
                    x1=0.0,
                    y1=0.0,
                    x2=24.0,
                    y2=0.0,
                    stroke=BLACK,
                    stroke_width=1.6,
                    stroke_dasharray="6 4",
                ),
                labels.get("threshold", ""),
            )
        )
    for key in ("calculated", "claimed", "network_claimed"):
        shape, fill, stroke = _MARKER_STYLE[key]
        legend_items.append(
            (
                marker(shape, 12, 0, 12, fill=fill, stroke=stroke, stroke_width=2.0 if key == "claimed" else 1.2),
                labels.get(key, ""),
            )
        )
    legend_top = marker_y + 28
    legend_markup, legend_height = legend(
        legend_items, x=x0 - 40, y=legend_top, max_width=_WIDTH - x0 + 20, swatch_width=24
    )
    body.append(legend_markup)
    return document(
        width=_WIDTH, height=legend_top + legend_height, title=title, desc=desc, body=body, chart_id=chart_id
    )
