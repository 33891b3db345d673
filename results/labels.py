"""The instrument's words for the results: one label type for the dashboard, the personal page and both PDFs.

Scores and statistics arrive keyed by codes ("SF.K2.presence", "CX.3") and, for reverse-scored items, on the
scoring direction. ``InstrumentLabels`` turns those back into what the respondent read: the item's text,
which of a success factor's two questions it is, the answer label a value stands for (as answered, so a
reverse-scored item's reflected value is reflected back), and module names that never collide with a
success-factor area. Built from loaded ``Item`` rows; no queries here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assessments.models import Item
from core.i18n import language_code

from . import wording


@dataclass(frozen=True)
class InstrumentLabels:
    """The instrument's names in the active language, looked up by code."""

    items: Mapping[str, str] = field(default_factory=dict)
    factors: Mapping[str, str] = field(default_factory=dict)
    areas: Mapping[str, str] = field(default_factory=dict)
    phases: Mapping[int, str] = field(default_factory=dict)
    modules: Mapping[str, str] = field(default_factory=dict)
    dimensions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    options: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    scales: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    reverse: frozenset[str] = frozenset()

    def item(self, code: str) -> str:
        """The item's text; a success-factor question says whether it asks for presence or importance."""
        return wording.item_label(code, self.items.get(code, code))

    def factor(self, code: str) -> str:
        return self.factors.get(code, code)

    def area(self, code: str) -> str:
        return self.areas.get(code, code)

    def phase(self, phase: int) -> str:
        return self.phases.get(phase, str(phase))

    def module(self, code: str) -> str:
        return self.modules.get(code, code)

    def dimension(self, module: str, code: str) -> str:
        return self.dimensions.get((module, code), code)

    def page(self, key: str) -> str:
        """The heading of a questionnaire page key such as ``SF-K`` or ``KO``."""
        module, _sep, dimension = key.partition("-")
        title = self.module(module)
        if dimension and (module, dimension) in self.dimensions:
            return f"{title}: {self.dimensions[(module, dimension)]}"
        return title

    def _as_answered(self, code: str, value: float) -> float:
        options = self.options.get(code) or {}
        if code in self.reverse and options:
            return min(options) + max(options) - value
        return value

    def answer(self, code: str, value: float | None) -> str:
        """The answer a scored value stands for, as the respondent answered it: "Grotendeels aanwezig"."""
        if value is None:
            return "–"
        return wording.answer_label(self._as_answered(code, value), self.options.get(code) or {})

    def distribution(self, code: str, distribution: Mapping[int, int]) -> str:
        """"Niet aanwezig: 3 · Gedeeltelijk aanwezig: 4", in the order of the answer scale."""
        answered = [(int(self._as_answered(code, value)), count) for value, count in distribution.items()]
        return wording.distribution_text(answered, self.options.get(code) or {})


def labels_from_items(*, items: Iterable[Item]) -> InstrumentLabels:
    """Labels from items loaded with their dimension, module and scale options (see the selectors)."""
    item_labels: dict[str, str] = {}
    factors: dict[str, str] = {}
    areas: dict[str, str] = {}
    phases: dict[int, str] = {}
    modules: dict[str, str] = {}
    dimensions: dict[tuple[str, str], str] = {}
    options: dict[str, dict[int, str]] = {}
    scales: dict[str, tuple[str, list[tuple[int, str]]]] = {}
    reverse: set[str] = set()
    for item in items:
        dimension = item.dimension
        module = dimension.module
        item_labels[item.code] = item.tr("label")
        if item.factor:
            factors.setdefault(item.factor, item.tr("label"))
        if item.is_reverse:
            reverse.add(item.code)
        modules.setdefault(module.code, module.tr("title"))
        dimensions.setdefault((module.code, dimension.code), dimension.tr("title"))
        if module.code == "SF":
            areas.setdefault(dimension.code, dimension.tr("title"))
        if module.code == "MK" and dimension.code.isdigit():
            phases.setdefault(int(dimension.code), dimension.tr("title"))
        choices = [(option.value, option.tr("label")) for option in item.scale.options.all()]
        options[item.code] = dict(choices)
        scales.setdefault(item.scale.code, (item.scale.tr("name"), choices))
    modules = {code: wording.module_title(code=code, title=title, area_titles=areas.values(), language=language_code())
               for code, title in modules.items()}
    return InstrumentLabels(items=item_labels, factors=factors, areas=areas, phases=phases, modules=modules,
                            dimensions=dimensions, options=options, scales=list(scales.values()),
                            reverse=frozenset(reverse))

