"""Answer counts per item: the sufficient statistics every score is computed from.

Answers are small whole numbers on a scale of at most a dozen points, so the multiset of one item's answers
is fully described by how often each value occurs. Counting once and computing means, medians, quartiles,
spreads, shares and phase realisations from those counts replaces a scan of every respondent per
statistic, item, factor and group. Counts also add up: a breakdown group's tally is the sum of the tallies
of the respondent cells (organisation x level x role) it consists of, so the respondents are read once
for the whole round and its breakdowns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar

from scoring.codes import PRESENCE, SF_MODULE, factor_area
from scoring.types import ItemSpec, ScoredSheet

KeyT = TypeVar("KeyT", bound=Hashable)


@dataclass(slots=True)
class Tally:
    """What a set of respondents answered, per item code.

    ``values``: scored value -> how many gave it; ``dont_know`` / ``not_applicable``: how many answered
    "weet niet" / "n.v.t."; ``area_respondents``: how many have at least one success-factor presence answer
    in an area (the area's ``n``).
    """

    respondents: int = 0
    values: dict[str, dict[int, int]] = field(default_factory=dict)
    dont_know: Counter[str] = field(default_factory=Counter)
    not_applicable: Counter[str] = field(default_factory=Counter)
    area_respondents: Counter[str] = field(default_factory=Counter)

    def counts(self, code: str) -> Mapping[int, int]:
        return self.values.get(code, _EMPTY)


_EMPTY: Mapping[int, int] = {}


def presence_codes_by_area(*, items: Mapping[str, ItemSpec]) -> dict[str, frozenset[str]]:
    """The presence item codes of the success factors, per area."""
    codes: dict[str, set[str]] = {}
    for spec in items.values():
        if spec.module == SF_MODULE and spec.factor is not None and spec.aspect == PRESENCE:
            codes.setdefault(factor_area(factor=spec.factor), set()).add(spec.code)
    return {area: frozenset(members) for area, members in codes.items()}


def _finish(*, respondents: int, pairs: Counter, dont_know: Counter, not_applicable: Counter,
            areas: Counter) -> Tally:
    values: dict[str, dict[int, int]] = {}
    for (code, value), count in pairs.items():
        values.setdefault(code, {})[value] = count
    return Tally(respondents=respondents, values=values, dont_know=dont_know, not_applicable=not_applicable,
                 area_respondents=areas)


def tally_sheets(*, items: Mapping[str, ItemSpec], sheets: Iterable[ScoredSheet]) -> Tally:
    """Count the answers of a set of respondents (one pass)."""
    return tally_cells(items=items, sheets=sheets, key=lambda sheet: None).get(None) or Tally()


def tally_cells(*, items: Mapping[str, ItemSpec], sheets: Iterable[ScoredSheet],
                key: Callable[[ScoredSheet], KeyT]) -> dict[KeyT, Tally]:
    """One tally per value of ``key(sheet)``."""
    area_codes = presence_codes_by_area(items=items)
    members: dict[KeyT, list[ScoredSheet]] = {}
    for sheet in sheets:
        members.setdefault(key(sheet), []).append(sheet)
    cells: dict[KeyT, Tally] = {}
    for name, group in members.items():
        given = [sheet.values for sheet in group]
        # Counter() over one chained iterable counts in C: no Python step per answer.
        pairs = Counter(chain.from_iterable(values.items() for values in given))
        dont_know = Counter(chain.from_iterable(sheet.dont_know for sheet in group))
        not_applicable = Counter(chain.from_iterable(sheet.not_applicable for sheet in group))
        areas = Counter({area: len(given) - sum(map(codes.isdisjoint, given)) for area, codes in area_codes.items()})
        cells[name] = _finish(respondents=len(group), pairs=pairs, dont_know=dont_know,
                              not_applicable=not_applicable, areas=areas)
    return cells


def tally_sum(*, tallies: Sequence[Tally]) -> Tally:
    """The tally of the union of disjoint sets of respondents."""
    if len(tallies) == 1:
        return tallies[0]
    values: dict[str, dict[int, int]] = {}
    dont_know: Counter[str] = Counter()
    not_applicable: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    for tally in tallies:
        for code, counts in tally.values.items():
            target = values.get(code)
            if target is None:
                values[code] = dict(counts)
                continue
            for value, count in counts.items():
                target[value] = target.get(value, 0) + count
        dont_know.update(tally.dont_know)
        not_applicable.update(tally.not_applicable)
        areas.update(tally.area_respondents)
    return Tally(respondents=sum(tally.respondents for tally in tallies), values=values, dont_know=dont_know,
                 not_applicable=not_applicable, area_respondents=areas)
