"""Layout checks read from a finished PDF (pdfplumber character boxes), shared by the layout tests.

Each check returns a list of human-readable problems, empty when the layout holds:

* :func:`overlaps`: two characters whose boxes overlap (text printed over text), also in charts and table
  headers; neighbours in the content stream are skipped because kerning lets them touch;
* :func:`run_ins`: two words on one line closer than a space, i.e. text of one table cell running into
  the next (``SpreidingsindexVerdeling``);
* :func:`crowded_headings`: a section heading sharing its line with other text (a heading floating beside a
  float);
* :func:`sparse_pages`: a page less than a third full that is not the last page of its section.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
# The page box of print.css: 20 mm top and 18 mm bottom margin hold the running header and footer.
CONTENT_TOP = 20 * MM
CONTENT_BOTTOM_MARGIN = 18 * MM
SECTION_HEADING_SIZE = 15.0  # h2 in print.css: every report section opens with one on a new page
TOLERANCE = 0.6  # points of overlap that rounding and anti-aliasing may cause
MIN_FILL = 1 / 3


@dataclass(frozen=True)
class Page:
    number: int
    height: float
    chars: list[dict]
    words: list[dict]


def pages(pdf: bytes) -> list[Page]:
    result = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            words = page.extract_words(x_tolerance=1, y_tolerance=1, keep_blank_chars=False,
                                       extra_attrs=["size"])
            result.append(Page(number=page.page_number, height=float(page.height), chars=chars, words=words))
    return result


def _intersection(a: dict, b: dict) -> tuple[float, float]:
    width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width, height


def _in_body(page: Page, box: dict) -> bool:
    return box["top"] >= CONTENT_TOP - 2 and box["bottom"] <= page.height - CONTENT_BOTTOM_MARGIN + 2


def overlaps(page: Page) -> list[str]:
    problems = []
    chars = page.chars
    # Sort by left edge and sweep: only characters whose x-ranges meet are compared.
    order = sorted(range(len(chars)), key=lambda i: chars[i]["x0"])
    for position, i in enumerate(order):
        a = chars[i]
        for j in order[position + 1:]:
            b = chars[j]
            if b["x0"] >= a["x1"] - TOLERANCE:
                break
            if abs(i - j) == 1:
                continue  # neighbours in one text run: kerning may let them touch
            width, height = _intersection(a, b)
            # Lines of one paragraph: a line box is the font size and the line height larger, so the boxes
            # of two lines never meet; characters of different lines that do meet are printed over each other.
            if width > TOLERANCE and height > max(TOLERANCE, 0.25 * min(a["size"], b["size"])):
                problems.append(f"page {page.number}: {a['text']!r} and {b['text']!r} overlap at "
                                f"({a['x0']:.0f}, {a['top']:.0f})")
    return problems


def run_ins(page: Page) -> list[str]:
    problems = []
    words = sorted((w for w in page.words if w["text"].strip(".")), key=lambda w: (round(w["top"]), w["x0"]))
    for a, b in zip(words, words[1:], strict=False):  # (dot leaders of the table of contents left out)
        same_line = abs(a["top"] - b["top"]) < 0.5 and abs(a["bottom"] - b["bottom"]) < 0.5
        if same_line and 0 < b["x0"] - a["x1"] < 0.12 * a["size"] and a["size"] >= 7:
            problems.append(f"page {page.number}: {a['text']!r} runs into {b['text']!r}")
    return problems


def section_heading_lines(page: Page) -> list[tuple[float, float]]:
    lines: list[tuple[float, float]] = []
    for c in page.chars:
        heading = abs(c["size"] - SECTION_HEADING_SIZE) < 0.2 and "Bold" in c["fontname"]
        if heading and not any(abs(top - c["top"]) < 1 for top, _bottom in lines):
            lines.append((c["top"], c["bottom"]))
    return lines


def crowded_headings(page: Page) -> list[str]:
    problems = []
    for top, bottom in section_heading_lines(page):
        beside = [c for c in page.chars if abs(c["size"] - SECTION_HEADING_SIZE) >= 0.2
                  and c["bottom"] > top + 1 and c["top"] < bottom - 1]
        if beside:
            text = "".join(c["text"] for c in beside[:20])
            problems.append(f"page {page.number}: section heading shares its line with {text!r}")
    return problems


def starts_section(page: Page) -> bool:
    lines = section_heading_lines(page)
    return bool(lines) and min(top for top, _ in lines) < CONTENT_TOP + 30


def fill(page: Page) -> float:
    body = [w for w in page.words if _in_body(page, w)]
    if not body:
        return 0.0
    height = page.height - CONTENT_BOTTOM_MARGIN - CONTENT_TOP
    return (max(w["bottom"] for w in body) - CONTENT_TOP) / height


def sparse_pages(all_pages: list[Page]) -> list[str]:
    problems = []
    for index, page in enumerate(all_pages):
        last_of_section = index == len(all_pages) - 1 or starts_section(all_pages[index + 1])
        if not last_of_section and fill(page) < MIN_FILL:
            problems.append(f"page {page.number}: only {fill(page):.0%} full, and not the end of a section")
    return problems


def problems(pdf: bytes) -> list[str]:
    found: list[str] = []
    all_pages = pages(pdf)
    for page in all_pages:
        found += overlaps(page) + run_ins(page) + crowded_headings(page)
    return found + sparse_pages(all_pages)
