"""The small-cell rule for item-level exports: no published attribute combination singles out a few people.

Within one round, each respondent carries (level, chain role, partner sector). A combination held by fewer
than the minimum group size m would let anyone who knows the network tell who answered what, so it is
coarsened step by step, dropping the least informative attribute first:

1. combinations below m lose the chain role (``coarsened``), and are pooled with others that did;
2. pools still below m lose the partner sector as well;
3. pools still below m lose the level: all three attributes read ``coarsened``;
4. if that last pool holds fewer than m people (but some), the smallest published group is added to it,
   repeatedly, until it reaches m: otherwise the round's known composition minus the published groups would
   reveal the few in it (complementary disclosure, as in docs/scoring.md).

Rounds with fewer than m respondents in total are not coarsened but suppressed: they never reach an
item-level file (see research.selectors). The rule is pure: counts in, a mapping out.
"""

from collections import Counter
from dataclasses import dataclass

COARSENED = "coarsened"

Combo = tuple[str, str, str]  # (level, chain_role, partner_sector); "" means "not stated"


@dataclass(frozen=True)
class Coarsening:
    """Published combination per original combination, and how much was hidden."""

    mapping: dict[Combo, Combo]
    coarsened_respondents: int
    coarsened_attributes: int

    def publish(self, combo: Combo) -> Combo:
        # A combination the counts did not see (data changed between two queries) is hidden entirely.
        return self.mapping.get(combo, (COARSENED, COARSENED, COARSENED))


def _drop(combo: Combo, step: int) -> Combo:
    level, role, sector = combo
    if step == 1:
        return (level, COARSENED, sector)
    if step == 2:
        return (level, COARSENED, COARSENED)
    return (COARSENED, COARSENED, COARSENED)


def coarsen(*, counts: dict[Combo, int], min_group_size: int) -> Coarsening:
    """Apply the rule to the respondents of one round, given as counts per original combination."""
    assigned: dict[Combo, Combo] = {combo: combo for combo in counts}
    for step in (1, 2, 3):
        sizes: Counter[Combo] = Counter()
        for combo, published in assigned.items():
            sizes[published] += counts[combo]
        for combo, published in assigned.items():
            if sizes[published] < min_group_size:
                assigned[combo] = _drop(published, step)

    hidden = (COARSENED, COARSENED, COARSENED)
    sizes = Counter()
    for combo, published in assigned.items():
        sizes[published] += counts[combo]
    while 0 < sizes[hidden] < min_group_size:
        shown = [group for group in sizes if group != hidden and sizes[group] > 0]
        if not shown:
            break
        # Smallest group first; ties broken by the combination itself so the outcome is reproducible.
        smallest = min(shown, key=lambda group: (sizes[group], group))
        for combo, published in assigned.items():
            if published == smallest:
                assigned[combo] = hidden
        sizes[hidden] += sizes.pop(smallest)

    respondents = attributes = 0
    for combo, published in assigned.items():
        changed = sum(1 for before, after in zip(combo, published, strict=True) if before != after)
        if changed:
            respondents += counts[combo]
            attributes += changed * counts[combo]
    return Coarsening(mapping=assigned, coarsened_respondents=respondents, coarsened_attributes=attributes)


def sparse_items(*, answers: list[list[tuple[int, int | None]]], min_group_size: int) -> set[int]:
    """Items of one round that fewer than m respondents answered substantively (with a value on the scale).

    ``answers`` holds, per response, its (item id, value) pairs; value None is a missing-value answer
    ("weet niet"). Such an item is suppressed for the whole round in item-level exports: an item only one
    role answers (RL.6, coordinators only) would otherwise single out that person's whole row however
    coarsened their attributes are. Items nobody answered at all are not counted (there is nothing to hide).
    """
    substantive: Counter[int] = Counter()
    seen: set[int] = set()
    for response in answers:
        for item_id, value in response:
            seen.add(item_id)
            if value is not None:
                substantive[item_id] += 1
    return {item_id for item_id in seen if substantive[item_id] < min_group_size}
