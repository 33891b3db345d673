"""Accessible, print-friendly SVG charts rendered as strings.

Pure Python (standard library only, no Django) so the same charts can be inlined in
the HTML dashboard and in the WeasyPrint PDF report, and tested without a database.

Every chart:

* is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` supplied by the caller in
  the viewer's language (this package translates nothing);
* scales with its container (``viewBox`` plus ``width="100%"``) and uses only basic SVG
  elements with presentation attributes (no CSS classes, scripts or external fonts);
* prints every value as text and uses the Okabe-Ito palette plus shapes/dashes, so it
  reads in black-and-white print and for colour-blind viewers;
* shows missing or suppressed values (``None``) as grey hatching with a label;
* is deterministic: the same input gives an identical string.

The returned strings are safe markup: all caller text is XML-escaped. In a Django
template mark them safe (``mark_safe``) and nothing else.
"""

from .bars import horizontal_bar_chart, stacked_bar
from .heatmap import heatmap
from .matrix import priority_matrix
from .phase import phase_chart
from .radar import radar_chart
from .trend import trend_chart

__all__ = [
    "heatmap",
    "horizontal_bar_chart",
    "phase_chart",
    "priority_matrix",
    "radar_chart",
    "stacked_bar",
    "trend_chart",
]
