"""Shared SVG building blocks for the chart modules.

Everything here is deliberately small and dependency-free: the same strings end up
inline in the HTML dashboard and in the WeasyPrint PDF, so we only emit a conservative
subset of SVG (rect, line, polyline, polygon, circle, text, g) with presentation
attributes instead of stylesheets, and we format every number ourselves so that the
same input always gives byte-identical output (cacheable, diffable, testable).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, SupportsFloat, TypeGuard, cast

FONT_FAMILY = "DejaVu Sans, sans-serif"

# Okabe-Ito: distinguishable for the common forms of colour-blindness.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

#: Order in which data series get their colour (yellow is left out: too light for lines).
SERIES_COLOURS = (BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK)
#: Dash patterns paired with the colours, so series stay apart in black-and-white print.
SERIES_DASHES = (None, "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "1 2")
#: Marker shapes paired with the colours, for the same reason.
SERIES_MARKERS = ("circle", "square", "diamond", "triangle", "triangle_down", "circle", "square")

BACKGROUND = "#FFFFFF"
TEXT = "#1A1A1A"
MUTED_TEXT = "#555555"
GRID = "#D0D0D0"
AXIS = "#6B6B6B"
MISSING_FILL = "#EDEDED"
MISSING_STROKE = "#8A8A8A"
MISSING_TEXT = "#3D3D3D"

DEFAULT_MISSING = "\u2013"  # en dash
ELLIPSIS = "\u2026"

# ---------------------------------------------------------------------------
# Escaping and number formatting
# ---------------------------------------------------------------------------

# Characters XML 1.0 does not allow at all (and lone surrogates, which cannot be encoded).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(value: object) -> str:
    """Escape text for use in XML content *and* attribute values.

    Organisation names and item labels are user input; they may contain ``& < > " '``
    or even control characters, none of which may break the markup of the page.
    """
    text = _INVALID_XML.sub("", str(value))
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(value: float) -> str:
    """Format a coordinate with at most two decimals and no trailing zeros.

    Fixed rounding keeps the output deterministic across platforms and keeps files small.
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "-") else text


def plain(value: float) -> str:
    """Machine-readable number for ``data-*`` hooks: up to six decimals, no trailing zeros."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_value(value: float, *, decimals: int = 0, decimal_separator: str = ".", suffix: str = "") -> str:
    """Format a data value for a visible label (the caller picks the locale's separator).

    Rounds half away from zero on the shortest decimal representation, as people expect
    (2.5 → 3, 42.25 → 42.3), instead of Python's round-half-to-even on binary floats.
    """
    number = float(value)
    if not math.isfinite(number):
        return "?" + suffix
    decimals = max(0, int(decimals))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(number)).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:.{decimals}f}"
    return text.replace(".", decimal_separator) + suffix


def is_number(value: object) -> TypeGuard[float]:
    """True for a real, finite number; ``None`` (no data / suppressed) and NaN are missing."""
    if value is None or isinstance(value, bool):
        return False
    try:
        # Whatever float() accepts counts; what it refuses is "not a number".
        return math.isfinite(float(cast(SupportsFloat, value)))
    except (TypeError, ValueError):
        return False


def clamp(value: float, low: float, high: float) -> float:
    """Keep a value inside the drawable range so a bad number cannot escape the plot."""
    return max(low, min(high, value))


# ---------------------------------------------------------------------------
# Colour helpers (WCAG 2.x)
# ---------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{int(round(clamp(c, 0, 255))):02X}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 … 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def text_colour_on(background: str) -> str:
    """Pick black or white text, whichever contrasts more with ``background``.

    Pure black (not the softer body text colour) is needed: with it, every background
    reaches at least 4.58:1 against one of the two, so WCAG AA always holds.
    """
    return BLACK if contrast_ratio(BLACK, background) >= contrast_ratio("#FFFFFF", background) else "#FFFFFF"


def readable_on_white(colour: str, minimum: float = 4.5) -> str:
    """Darken a palette colour until text in it meets WCAG AA (4.5:1) on white.

    Okabe-Ito orange or green are fine for lines but too light for small text; this keeps
    the hue (so the label still belongs visibly to its series) while staying legible.
    """
    r, g, b = _rgb(colour)
    factor = 1.0
    candidate = colour.upper()
    while contrast_ratio(candidate, BACKGROUND) < minimum and factor > 0:
        factor = round(factor - 0.05, 2)
        candidate = _hex((r * factor, g * factor, b * factor))
    return candidate


def mix(a: str, b: str, t: float) -> str:
    """Linear mix of two colours, ``t`` = 0 gives ``a`` and 1 gives ``b``."""
    ra, ga, ba = _rgb(a)
    rb, gb, bb = _rgb(b)
    t = clamp(t, 0.0, 1.0)
    return _hex((ra + (rb - ra) * t, ga + (gb - ga) * t, ba + (bb - ba) * t))


# ---------------------------------------------------------------------------
# Text measurement (DejaVu Sans advance widths, in em)
# ---------------------------------------------------------------------------

# Advance widths of DejaVu Sans for U+0020 … U+007E. Measuring instead of guessing lets
# wrapping and truncation make good use of space without ever running off the canvas.
# fmt: off
_ASCII_WIDTHS = (
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361,
    0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337,
    0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775,
    0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611,
    0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635,
    0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
    0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337,
    0.636, 0.838,
)
_EXTRA_WIDTHS = {"\u2013": 0.5, "\u2014": 1.0, ELLIPSIS: 1.0, "\u00b7": 0.318, "\u2019": 0.318,
                 "\u2018": 0.318, "\u201c": 0.518, "\u201d": 0.518, "\u20ac": 0.636}
# fmt: on
_BOLD_FACTOR = 1.1
_FALLBACK_WIDTH = 0.65


def _char_width(ch: str) -> float:
    code = ord(ch)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if ch in _EXTRA_WIDTHS:
        return _EXTRA_WIDTHS[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) <= 126:
        return _ASCII_WIDTHS[ord(base) - 32]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    return _FALLBACK_WIDTH


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` in user units."""
    width = sum(_char_width(ch) for ch in text) * size
    return width * _BOLD_FACTOR if bold else width


def truncate(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``max_width``."""
    text = " ".join(str(text).split())
    if text_width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - text_width(ELLIPSIS, size, bold=bold)
    out = ""
    for ch in text:
        if text_width(out + ch, size, bold=bold) > budget:
            break
        out += ch
    return out.rstrip(" ,.;:-") + ELLIPSIS


def wrap(text: str, max_width: float, size: float, *, max_lines: int = 2, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; the last line gets an ellipsis.

    Returns ``[]`` for empty text so callers can skip drawing.
    """
    words = str(text).split()
    if not words:
        return []
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold=bold) <= max_width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[index:])
            break
    lines.append(current)
    lines = lines[:max_lines]
    return [truncate(line, max_width, size, bold=bold) for line in lines]


# ---------------------------------------------------------------------------
# Element builders
# ---------------------------------------------------------------------------


def _attr_value(value: object) -> str:
    if isinstance(value, float):
        return num(value)
    return esc(value)


def attrs(**attributes: object) -> str:
    """Render attributes in the given order; ``None`` values are left out.

    Python names map to SVG names by turning ``_`` into ``-`` (``font_size`` → ``font-size``).
    """
    parts = [
        f' {name.replace("_", "-")}="{_attr_value(value)}"' for name, value in attributes.items() if value is not None
    ]
    return "".join(parts)


def element(tag: str, content: str | None = None, **attributes: object) -> str:
    """A single element; ``content`` is inserted as-is (already escaped markup)."""
    if content is None:
        return f"<{tag}{attrs(**attributes)}/>"
    return f"<{tag}{attrs(**attributes)}>{content}</{tag}>"


def group(children: Iterable[str], **attributes: object) -> str:
    """A ``<g>`` around already rendered children."""
    return element("g", "".join(children), **attributes)


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 12,
    anchor: str = "start",
    weight: str | None = None,
    fill: str = TEXT,
    **extra: Any,
) -> str:
    """A single line of text; ``content`` is plain text and gets escaped here."""
    return element(
        "text",
        esc(content),
        x=float(x),
        y=float(y),
        font_size=float(size),
        text_anchor=None if anchor == "start" else anchor,
        font_weight=weight,
        fill=fill,
        **extra,
    )


def text_lines(
    x: float,
    y: float,
    lines: list[str],
    *,
    size: float = 12,
    line_height: float | None = None,
    **kwargs: Any,
) -> str:
    """Several lines as separate ``<text>`` elements (no tspan: keeps renderers happy)."""
    step = line_height if line_height is not None else size * 1.2
    return "".join(text(x, y + i * step, line, size=size, **kwargs) for i, line in enumerate(lines))


def points_attr(points: Iterable[tuple[float, float]]) -> str:
    """Coordinates for ``points=""`` of polyline/polygon."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def marker(
    shape: str,
    x: float,
    y: float,
    size: float,
    *,
    fill: str,
    stroke: str | None = None,
    stroke_width: float = 1.2,
    **extra: Any,
) -> str:
    """A data marker; shapes differ so series stay apart without colour."""
    half = size / 2
    outline = stroke_width if stroke else None
    if shape == "square":
        return element(
            "rect",
            x=x - half * 0.9,
            y=y - half * 0.9,
            width=size * 0.9,
            height=size * 0.9,
            fill=fill,
            stroke=stroke,
            stroke_width=outline,
            **extra,
        )
    if shape == "diamond":
        pts = [(x, y - half * 1.25), (x + half * 1.25, y), (x, y + half * 1.25), (x - half * 1.25, y)]
        return element("polygon", points=points_attr(pts), fill=fill, stroke=stroke, stroke_width=outline, **extra)
    if shape == "triangle":
        pts = [(x, y - half * 1.2), (x + half * 1.1, y + half * 0.8), (x - half * 1.1, y + half * 0.8)]
        return element("polygon", points=points_attr(pts), fill=fill, stroke=stroke, stroke_width=outline, **extra)
    if shape == "triangle_down":
        pts = [(x, y + half * 1.2), (x + half * 1.1, y - half * 0.8), (x - half * 1.1, y - half * 0.8)]
        return element("polygon", points=points_attr(pts), fill=fill, stroke=stroke, stroke_width=outline, **extra)
    return element("circle", cx=x, cy=y, r=half, fill=fill, stroke=stroke, stroke_width=outline, **extra)


def hatch(x: float, y: float, width: float, height: float, *, spacing: float = 6, stroke: str = MISSING_STROKE) -> str:
    """Diagonal hatching inside a rectangle, drawn with plain lines.

    Patterns would need document-wide ids (clashing when several charts share a page), so
    the lines are clipped to the rectangle by calculation instead.
    """
    lines = []
    if width <= 0 or height <= 0:
        return ""
    k = 1
    while True:
        c = x + y + k * spacing  # line: px + py = c  ("/" direction on screen)
        if c >= x + width + y + height:
            break
        x1 = max(x, c - (y + height))
        x2 = min(x + width, c - y)
        if x2 > x1:
            lines.append(element("line", x1=x1, y1=c - x1, x2=x2, y2=c - x2))
        k += 1
    return group(lines, stroke=stroke, stroke_width=0.8)


def missing_box(x: float, y: float, width: float, height: float, **extra: object) -> str:
    """Grey, hatched, dash-outlined box: unmistakably 'no data' in colour and in print."""
    return group(
        [
            element(
                "rect",
                x=x,
                y=y,
                width=width,
                height=height,
                fill=MISSING_FILL,
                stroke=MISSING_STROKE,
                stroke_width=0.8,
                stroke_dasharray="3 2",
            ),
            hatch(x, y, width, height),
        ],
        data_missing="true",
        **extra,
    )


def missing_text(x: float, y: float, label: str, *, size: float = 12, anchor: str = "middle") -> str:
    """The missing/suppressed label on a white backing, readable on top of hatching."""
    width = text_width(label, size) + 6
    left = {"start": x - 3, "end": x - width + 3, "middle": x - width / 2}[anchor]
    return group(
        [
            element("rect", x=left, y=y - size * 0.95, width=width, height=size * 1.25, fill=BACKGROUND),
            text(x, y, label, size=size, anchor=anchor, fill=MISSING_TEXT),
        ],
        data_missing="true",
    )


def document(
    *, width: float, height: float, title: str, desc: str, body: Iterable[str], chart_id: str | None = None
) -> str:
    """Wrap chart content into an accessible, scalable ``<svg>`` root.

    ``role="img"`` plus ``<title>``/``<desc>`` referenced by aria attributes makes screen
    readers announce the caller's (translated) text instead of the individual shapes. The
    default id is derived from the content, so output stays deterministic.
    """
    body_text = "".join(body)
    if not chart_id:
        digest = hashlib.sha1(f"{title}\x00{desc}\x00{width}x{height}\x00{body_text}".encode()).hexdigest()
        chart_id = f"chart-{digest[:10]}"
    cid = esc(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" width="100%"'
        f' preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{cid}-title"'
        f' aria-describedby="{cid}-desc" font-family="{esc(FONT_FAMILY)}" id="{cid}">'
        f'<title id="{cid}-title">{esc(title)}</title><desc id="{cid}-desc">{esc(desc)}</desc>'
        f"{element('rect', x=0.0, y=0.0, width=float(width), height=float(height), fill=BACKGROUND)}"
        f"{body_text}</svg>"
    )


def legend(
    items: list[tuple[str, str]],
    *,
    x: float,
    y: float,
    max_width: float,
    size: float = 11,
    swatch_width: float = 26,
) -> tuple[str, float]:
    """Lay out legend entries left-to-right, wrapping into rows.

    ``items`` are ``(swatch_markup, label)``; the swatch markup is drawn
    relative to (0, 0) inside a translated group. Returns the markup and the height used.
    """
    parts: list[str] = []
    cursor_x, cursor_y = x, y
    row_height = size * 1.7
    for swatch, label in items:
        label = truncate(label, max_width - swatch_width - 6, size)
        needed = swatch_width + 6 + text_width(label, size) + 18
        if cursor_x > x and cursor_x + needed > x + max_width:
            cursor_x = x
            cursor_y += row_height
        parts.append(element("g", swatch, transform=f"translate({num(cursor_x)},{num(cursor_y)})"))
        parts.append(text(cursor_x + swatch_width + 6, cursor_y + size * 0.36, label, size=size))
        cursor_x += needed
    used = (cursor_y - y) + row_height if items else 0.0
    return "".join(parts), used


def empty_chart(*, width: float, title: str, desc: str, missing_label: str, chart_id: str | None,
                body: list[str] | None = None) -> str:
    """A chart with nothing to draw: the missing-data label in place of the plot, still titled and described."""
    body = list(body or [])
    body.append(text(width / 2, 40, missing_label, size=14, anchor="middle", fill=MISSING_TEXT, data_missing="true"))
    return document(width=width, height=70, title=title, desc=desc, body=body, chart_id=chart_id)
