"""Helpers for the chart tests: parse the SVG and find elements by tag and data attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "g", "rect", "line", "polyline", "polygon", "circle", "text", "title", "desc"}
HOSTILE = "A&B <script>alert(\"x\")</script> 'q'"


def parse(svg: str) -> ET.Element:
    """Parse as XML (fails the test on malformed markup)."""
    return ET.fromstring(svg)


def tag(el: ET.Element) -> str:
    return el.tag.removeprefix(NS)


def find(root: ET.Element, name: str, **attrs: str) -> list[ET.Element]:
    """All descendants with tag ``name`` whose attributes match (``data_x`` → ``data-x``)."""
    wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
    return [el for el in root.iter(f"{NS}{name}") if all(el.get(key) == value for key, value in wanted.items())]


def texts(root: ET.Element) -> list[str]:
    """Visible text content (``<text>`` elements only, not title/desc)."""
    return [el.text or "" for el in root.iter(f"{NS}text")]


def number(el: ET.Element, name: str) -> float:
    """A numeric attribute the element must have."""
    value = el.get(name)
    if value is None:
        raise AssertionError(f"<{tag(el)}> has no {name}")
    return float(value)


def view_box(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    return width, height


def points(el: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(c) for c in pair.split(",")) for pair in el.get("points", "").split()]  # type: ignore[misc]


def centre(el: ET.Element) -> tuple[float, float]:
    """Centre of a circle, rect or polygon marker."""
    name = tag(el)
    if name == "circle":
        return number(el, "cx"), number(el, "cy")
    if name == "rect":
        return number(el, "x") + number(el, "width") / 2, number(el, "y") + number(el, "height") / 2
    pts = points(el)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
