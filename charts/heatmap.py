"""Heatmap: one coloured, numbered cell per row × column (partner × area, level × area).

A grid of numbers is exact but slow to scan; colouring the cells lets weak spots jump
out while the printed number keeps the cell exact. The single-hue sequential ramp is
safe for colour-blind readers and stays ordered in greyscale. Cells without data or
suppressed for privacy (too few respondents) are grey, hatched and labelled.
"""

from __future__ import annotations

from ._svg import (
    AXIS,
    DEFAULT_MISSING,
    MUTED_TEXT,
    TEXT,
    clamp,
    document,
    element,
    empty_chart,
    esc,
    fmt_value,
    group,
    is_number,
    missing_box,
    missing_text,
    mix,
    text,
    text_colour_on,
    text_lines,
    text_width,
    truncate,
    wrap,
)

#: Sequential light-to-dark blue ramp (ColorBrewer "Blues"), single hue → colour-blind safe.
RAMP = ("#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")

_MIN_WIDTH = 640
_CELL_HEIGHT = 32.0
_MIN_CELL_WIDTH = 62.0
_MAX_CELL_WIDTH = 140.0
_MIN_HEADER_SIZE = 9.0
_MAX_LABEL_COLUMN = 210.0


def ramp_colour(value: float, min_value: float, max_value: float) -> str:
    """Colour for ``value`` on :data:`RAMP`, linearly interpolated and clamped."""
    span = max_value - min_value
    t = clamp((value - min_value) / span, 0.0, 1.0) if span else 0.0
    position = t * (len(RAMP) - 1)
    low = min(int(position), len(RAMP) - 2)
    return mix(RAMP[low], RAMP[low + 1], position - low)


def _fit_cell_label(label: str, room: float, size: float) -> tuple[float, list[str]]:
    """Font size and lines for the suppressed-cell label so it stays inside a cell.

    Shrinks a little first (one line reads best), then wraps onto two lines.
    """
    width = text_width(label, size)
    if width <= room:
        return size, [label]
    shrunk = size * room / width
    if shrunk >= 10:
        return shrunk, [label]
    return 10.0, wrap(label, room, 10, max_lines=2) or [label]


def heatmap(
    *,
    row_labels: list[str],
    col_labels: list[str],
    values: list[list[float | None]],
    title: str,
    desc: str,
    min_value: float = 0,
    max_value: float = 100,
    suppressed_label: str = DEFAULT_MISSING,
    suppressed_legend: str | None = None,
    value_suffix: str = "",
    decimals: int = 0,
    decimal_separator: str = ".",
    chart_id: str | None = None,
) -> str:
    """Render a value grid with a colour per cell and the value printed in it.

    ``values[r][c]`` belongs to ``row_labels[r]`` and ``col_labels[c]``; short rows
    are padded with ``None``. ``None`` cells are grey, hatched and show
    ``suppressed_label``; ``suppressed_legend`` (optional) explains them in the legend.
    Text colour in each cell is chosen for the best contrast with the cell colour.
    """
    rows = max(len(row_labels), len(values))
    cols = max([len(col_labels), *(len(r) for r in values)] if values or col_labels else [0])
    grid = [
        [(values[r][c] if r < len(values) and c < len(values[r]) else None) for c in range(cols)] for r in range(rows)
    ]
    rlabels = [row_labels[r] if r < len(row_labels) else "" for r in range(rows)]
    clabels = [col_labels[c] if c < len(col_labels) else "" for c in range(cols)]
    low = float(min_value) if is_number(min_value) else 0.0
    high = float(max_value) if is_number(max_value) else 100.0

    body: list[str] = []
    if rows == 0 or cols == 0:
        return empty_chart(width=_MIN_WIDTH, title=title, desc=desc, missing_label=suppressed_label,
                           chart_id=chart_id, body=body)

    label_size, header_size, value_size = 12, 11, 12
    widest = max([text_width(" ".join(str(label).split()), label_size) for label in rlabels] + [20.0])
    label_column = min(widest, _MAX_LABEL_COLUMN)
    x0 = 12 + label_column + 10
    # Cells share the available width but stay between a legible minimum and a sensible
    # maximum; the canvas never gets narrower than the other charts so text sizes match.
    cell_width = min(_MAX_CELL_WIDTH, max(_MIN_CELL_WIDTH, (_MIN_WIDTH - x0 - 12) / cols))
    # ... and wide enough that the longest single header word fits at the smallest size.
    longest_word = max(
        [text_width(w, _MIN_HEADER_SIZE, bold=True) for label in clabels for w in str(label).split()] + [0.0]
    )
    cell_width = max(cell_width, min(longest_word + 10, _MAX_CELL_WIDTH))
    width = max(_MIN_WIDTH, x0 + cell_width * cols + 12)

    # A single long word ("Organisatie") cannot wrap: shrink that header a little instead.
    room = cell_width - 10
    header_sizes = [
        max(
            8.0,
            min(
                float(header_size),
                0.99
                * header_size
                * room
                / max([text_width(w, header_size, bold=True) for w in str(label).split()] + [1.0]),
            ),
        )
        for label in clabels
    ]
    header_lines = [
        wrap(label, room, size, max_lines=3, bold=True) for label, size in zip(clabels, header_sizes, strict=True)
    ]
    header_height = max(len(lines) * size * 1.2 for lines, size in zip(header_lines, header_sizes, strict=True))
    y0 = 8 + header_height + 6

    for c, lines in enumerate(header_lines):
        cx = x0 + cell_width * (c + 0.5)
        size = header_sizes[c]
        top = y0 - 6 - len(lines) * size * 1.2 + size
        parts = [text_lines(cx, top, lines, size=size, anchor="middle", weight="bold", fill=TEXT)]
        if " ".join(lines) != " ".join(str(clabels[c]).split()):
            parts.append(element("title", esc(clabels[c])))
        body.append(group(parts))

    missing_size, missing_label_lines = _fit_cell_label(suppressed_label, cell_width - 10, value_size)
    for r in range(rows):
        cy = y0 + r * _CELL_HEIGHT
        lines = wrap(rlabels[r], label_column, label_size, max_lines=2)
        first = cy + _CELL_HEIGHT / 2 - (len(lines) - 1) * label_size * 0.6 + label_size * 0.35
        parts = [text_lines(12, first, lines, size=label_size, fill=TEXT)]
        if " ".join(lines) != " ".join(str(rlabels[r]).split()):
            parts.append(element("title", esc(rlabels[r])))
        body.append(group(parts))
        for c in range(cols):
            cx = x0 + c * cell_width
            value = grid[r][c]
            if is_number(value):
                colour = ramp_colour(float(value), low, high)
                label = fmt_value(value, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix)
                body.append(
                    group(
                        [
                            element(
                                "rect",
                                x=cx,
                                y=cy,
                                width=cell_width,
                                height=_CELL_HEIGHT,
                                fill=colour,
                                stroke="#FFFFFF",
                                stroke_width=1.5,
                            ),
                            text(
                                cx + cell_width / 2,
                                cy + _CELL_HEIGHT / 2 + value_size * 0.36,
                                label,
                                size=value_size,
                                anchor="middle",
                                weight="bold",
                                fill=text_colour_on(colour),
                            ),
                        ],
                        data_row=str(r),
                        data_col=str(c),
                    )
                )
            else:
                step = missing_size * 1.15
                first = cy + _CELL_HEIGHT / 2 + missing_size * 0.36 - (len(missing_label_lines) - 1) * step / 2
                missing_lines = [
                    missing_text(cx + cell_width / 2, first + i * step, line, size=missing_size)
                    for i, line in enumerate(missing_label_lines)
                ]
                body.append(
                    group(
                        [
                            missing_box(cx + 0.75, cy + 0.75, cell_width - 1.5, _CELL_HEIGHT - 1.5),
                            *missing_lines,
                        ],
                        data_row=str(r),
                        data_col=str(c),
                    )
                )
    grid_bottom = y0 + rows * _CELL_HEIGHT

    # Legend: five sample swatches of the ramp with their values, plus the missing swatch.
    legend_y = grid_bottom + 16
    legend_parts: list[str] = []
    samples = [low + (high - low) * step / 4 for step in range(5)]
    ticks = [fmt_value(v, decimals=decimals, decimal_separator=decimal_separator, suffix=value_suffix) for v in samples]
    # Swatches widen with their tick labels ("100,0%") so neighbouring values never touch.
    swatch = max([34.0] + [text_width(tick, 10) + 6 for tick in ticks])
    lx = x0
    for sample, tick in zip(samples, ticks, strict=True):
        colour = ramp_colour(sample, low, high)
        legend_parts.append(
            element("rect", x=lx, y=legend_y, width=swatch, height=14.0, fill=colour, stroke=AXIS, stroke_width=0.5)
        )
        legend_parts.append(text(lx + swatch / 2, legend_y + 27, tick, size=10, anchor="middle", fill=MUTED_TEXT))
        lx += swatch + 2
    # A label wider than the swatch ("geen gegevens") cannot sit centred on it without
    # spilling onto the ramp, where it reads as the name of the darkest swatch: only a
    # short mark ("–") goes inside; anything longer is written beside the swatch.
    inside = text_width(suppressed_label, 10) <= 34 - 6
    note = ": ".join(
        part for part in ((None if inside else suppressed_label), suppressed_legend) if part and part.strip()
    )
    lx += 18
    bottom = legend_y + 34
    if note and lx + 42 + text_width(note, 10) > width - 12:
        # Not enough room after the ramp: the missing swatch gets a line of its own.
        lx, legend_y = x0, legend_y + 36
        bottom = legend_y + 20
    missing_parts = [missing_box(lx, legend_y, 34.0, 14.0)]
    if inside:
        missing_parts.append(missing_text(lx + 17, legend_y + 11, suppressed_label, size=10))
    if note:
        note = truncate(note, width - lx - 42 - 12, 10)
        missing_parts.append(text(lx + 42, legend_y + 11, note, size=10, fill=MUTED_TEXT))
    body.append(group(legend_parts, data_legend="ramp"))
    body.append(group(missing_parts, data_legend="missing"))
    return document(width=width, height=bottom, title=title, desc=desc, body=body, chart_id=chart_id)
