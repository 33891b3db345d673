"""Breakdowns by organisation, level and role, protected against small-group disclosure.

Members compare their organisation or level with the rest of the network, but a result for
two people from one organisation is as good as their individual answers. Groups below the
minimum size are therefore never shown on their own, and the engine also makes sure the
network total minus the shown groups cannot be used to work one out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scoring.challenges import score_challenges
from scoring.factors import score_areas, score_factors, score_overall
from scoring.minkman import phase_shares
from scoring.tally import Tally, tally_cells, tally_sheets, tally_sum
from scoring.types import Breakdown, GroupPartition, GroupScores, ItemSpec, ScoredSheet

BREAKDOWN_ATTRIBUTES = ("organisation", "level", "role")
DEFAULT_MIN_GROUP_SIZE = 3


def _group_value(*, sheet: ScoredSheet, attribute: str) -> str | None:
    value = getattr(sheet.respondent, attribute)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def partition_groups(*, sheets: Sequence[ScoredSheet], attribute: str, min_group_size: int) -> GroupPartition:
    """Split respondents by an attribute and apply the minimum-group-size rules.

    1. If the whole round has fewer than m respondents, every group is suppressed.
    2. Groups with at least m respondents are shown.
    3. Groups below m are pooled. If the pool has at least m respondents it is shown as one
       "overig / other" group (it always holds two or more groups).
    4. Otherwise the pool is suppressed, and because total minus shown groups would then
       reveal it, the smallest shown group is suppressed as well (repeated until the
       suppressed remainder has at least m respondents; ties by group name).
    Respondents without the attribute form their own group (``None``) under the same rules.
    """
    if attribute not in BREAKDOWN_ATTRIBUTES:
        raise ValueError(f"attribute must be one of {BREAKDOWN_ATTRIBUTES}")
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1")
    groups: dict[str | None, list[ScoredSheet]] = {}
    for sheet in sheets:
        groups.setdefault(_group_value(sheet=sheet, attribute=attribute), []).append(sheet)
    if len(sheets) < min_group_size:
        return GroupPartition(shown={}, other=None, merged_groups=0, suppressed_groups=len(groups))
    shown = {key: tuple(members) for key, members in groups.items() if len(members) >= min_group_size}
    small = [key for key, members in groups.items() if len(members) < min_group_size]
    pooled = sum(len(groups[key]) for key in small)
    if not small:
        return GroupPartition(shown=shown, other=None, merged_groups=0, suppressed_groups=0)
    if pooled >= min_group_size:
        other = tuple(sheet for key in small for sheet in groups[key])
        return GroupPartition(shown=shown, other=other, merged_groups=len(small), suppressed_groups=0)
    suppressed = len(small)
    while pooled < min_group_size:
        smallest = min(shown, key=lambda key: (len(shown[key]), key is not None, key or ""))
        pooled += len(shown.pop(smallest))
        suppressed += 1
    return GroupPartition(shown=shown, other=None, merged_groups=0, suppressed_groups=suppressed)


def score_group(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet],
                tally: Tally | None = None) -> GroupScores:
    """Area scores, overall, Minkman phase shares and challenge recognition of one group.

    The same formulas as for the whole network, applied to the group's respondents (or their ``tally``).
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    factors = score_factors(items=items, sheets=sheets, tally=tally)
    areas = score_areas(items=items, sheets=sheets, factors=factors, tally=tally)
    shares, _ = phase_shares(items=items, sheets=sheets, tally=tally)
    challenges = score_challenges(items=items, sheets=sheets, tally=tally)
    return GroupScores(
        n=tally.respondents,
        areas=areas,
        overall=score_overall(areas=areas),
        minkman_phases={p: None if s is None else float(s) for p, s in shares.items()},
        challenges={code: ch.recognised_share for code, ch in challenges.items()},
    )


def _cell(sheet: ScoredSheet) -> tuple[str | None, ...]:
    return tuple(_group_value(sheet=sheet, attribute=attribute) for attribute in BREAKDOWN_ATTRIBUTES)


def respondent_cells(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet]) -> dict[tuple, Tally]:
    """One tally per combination of organisation, level and role: every group of every breakdown is a sum of
    them, so the answers are counted once for all breakdowns."""
    return tally_cells(items=items, sheets=sheets, key=_cell)


def score_breakdowns(
    *,
    items: Mapping[str, ItemSpec],
    sheets: Sequence[ScoredSheet],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    cells: Mapping[tuple, Tally] | None = None,
) -> dict[str, Breakdown]:
    """Breakdowns by organisation, level and role, each after ``partition_groups``."""
    if cells is None:
        cells = respondent_cells(items=items, sheets=sheets)
    result: dict[str, Breakdown] = {}
    for position, attribute in enumerate(BREAKDOWN_ATTRIBUTES):
        partition = partition_groups(sheets=sheets, attribute=attribute, min_group_size=min_group_size)

        def group(keys: Iterable[str | None], position: int = position) -> GroupScores:
            wanted = set(keys)
            tally = tally_sum(tallies=[tally for cell, tally in cells.items() if cell[position] in wanted])
            return score_group(items=items, sheets=(), tally=tally)

        named = {
            key: group([key])
            for key in sorted(partition.shown, key=lambda key: key or "")
            if key is not None
        }
        # The pooled "other" group holds exactly the groups below the minimum: all groups not shown.
        pooled = {cell[position] for cell in cells} - partition.shown.keys()
        result[attribute] = Breakdown(
            dimension=attribute,
            groups=named,
            unspecified=group([None]) if None in partition.shown else None,
            other=None if partition.other is None else group(pooled),
            merged_groups=partition.merged_groups,
            suppressed_groups=partition.suppressed_groups,
        )
    return result
