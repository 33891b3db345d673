"""How results are put into words, the same on the dashboard, the personal page and in the PDF report.

One presentation layer: answer values become their answer labels ("Gedeeltelijk aanwezig: 7"), a median
becomes the answer it stands for (or "tussen X en Y"), the two questions of a success factor say which is
presence and which importance, and module names never collide with a success-factor area. Pure: labels
come in as mappings, text goes out in the active language.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

# Modules whose score does not mean "higher is better": shown on their own scale with this reading.
HIGHER_MEANS = {"CX": "complexer"}
# Display names for modules whose own title is also the name of a success-factor area (instrument v1's
# optional module KW is called "Klantwaarde", like area K). Used only when the titles really collide, so a
# later instrument version that renames the module shows its own title.
COLLISION_TITLES = {"KW": ("Klantwaarde van de dienstverlening", "Client value of the services")}


def answer_label(value: float | None, options: Mapping[int, str]) -> str:
    """The answer a value stands for: 3 → "Gedeeltelijk aanwezig"; 2.5 → "tussen Weinig en Gedeeltelijk"."""
    if value is None:
        return "–"
    if float(value).is_integer() and int(value) in options:
        return options[int(value)]
    low, high = math.floor(value), math.ceil(value)
    if low in options and high in options:
        return _("tussen %(low)s en %(high)s") % {"low": options[low], "high": options[high].lower()}
    return options.get(round(value), "–")


def distribution_text(distribution: Mapping[int, int] | Iterable[tuple[int, int]], options: Mapping[int, str]) -> str:
    """"Niet: 7 · Een beetje: 9 · Duidelijk: 8", in scale order; unlabelled values keep their number."""
    pairs = distribution.items() if isinstance(distribution, Mapping) else distribution
    return " · ".join(f"{options.get(int(value), value)}: {count}"
                      for value, count in sorted(pairs, key=lambda pair: int(pair[0])))


def aspect_suffix(code: str) -> str:
    """"aanwezigheid" / "belang" for the two questions of a success factor, else ""."""
    if code.startswith("SF.") and code.endswith(".presence"):
        return _("aanwezigheid")
    if code.startswith("SF.") and code.endswith(".importance"):
        return _("belang")
    return ""


def item_label(code: str, label: str) -> str:
    """An item's text for a results table: a success-factor question says which of its two questions it is."""
    aspect = aspect_suffix(code)
    return f"{label} ({aspect})" if aspect else label


def module_title(*, code: str, title: str, area_titles: Iterable[str], language: str) -> str:
    """The module's name, unless it is also the name of a success-factor area: then a name that is not."""
    if code in COLLISION_TITLES and title.strip().lower() in {t.strip().lower() for t in area_titles}:
        dutch, english = COLLISION_TITLES[code]
        return english if (language or "nl").startswith("en") else dutch
    return title


def higher_means(code: str) -> str:
    """"hoger = complexer" for a module whose score is not a "higher is better" score, else ""."""
    if code in HIGHER_MEANS:
        return _("hoger = complexer")
    return ""
