"""Dimension scores for the optional modules (KW, CX, BB, RL and any later one).

Optional modules reuse the generic item machinery; per dimension the report needs one
number to chart. The core modules (SF, MK, KO) have their own, richer scoring and are
skipped here so nothing is counted twice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from scoring.codes import CORE_MODULES
from scoring.stats import to_percent_of_scale
from scoring.types import DimensionScores, ItemSpec, ItemStats, ScoredSheet


def score_dimensions(
    *,
    items: Mapping[str, ItemSpec],
    item_stats: Mapping[str, ItemStats],
    sheets: Sequence[ScoredSheet],
) -> dict[str, dict[str, DimensionScores]]:
    """Per module and dimension: the unweighted mean of the item means.

    ``score`` averages the items' means mapped onto 0-100, so items with different scales
    can share a dimension; ``mean`` averages the raw item means and is only meaningful when
    the dimension's items share one scale. Items without answers and categorical items are
    skipped; ``n`` counts respondents with at least one numeric answer in the dimension.
    """
    members: dict[str, dict[str, list[ItemSpec]]] = {}
    for spec in items.values():
        if spec.module in CORE_MODULES or spec.dimension is None or spec.categorical:
            continue
        members.setdefault(spec.module, {}).setdefault(spec.dimension, []).append(spec)
    result: dict[str, dict[str, DimensionScores]] = {}
    for module in sorted(members):
        result[module] = {}
        for dimension in sorted(members[module]):
            specs = members[module][dimension]
            means = [(spec, mean) for spec in specs if (mean := item_stats[spec.code].mean) is not None]
            scores = [
                float(to_percent_of_scale(value=m, scale_min=s.scale_min, scale_max=s.scale_max)) for s, m in means
            ]
            codes = {spec.code for spec in specs}
            result[module][dimension] = DimensionScores(
                module=module,
                code=dimension,
                # fsum: correctly rounded, so the same on every Python version (see scoring.factors._mean_of)
                score=math.fsum(scores) / len(scores) if scores else None,
                mean=math.fsum(m for _, m in means) / len(means) if means else None,
                items=len(means),
                n=sum(1 for sheet in sheets if codes & sheet.values.keys()),
            )
    return result
