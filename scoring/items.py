"""Per-item statistics: the building block every table and chart of the report reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from scoring.agreement import dispersion_index, is_disputed
from scoring.answers import dont_know_count, not_applicable_count, values_of
from scoring.stats import exact_quartiles, mean, median, sample_sd, share
from scoring.types import ItemSpec, ItemStats, ScoredSheet


def describe_item(*, spec: ItemSpec, values: Sequence[int], n_dont_know: int, n_missing: int,
                  n_not_applicable: int = 0) -> ItemStats:
    """Describe one item from its scored answers.

    ``dont_know_share`` is dk / (n + dk) * 100: the share of the people who reacted to the
    item at all, so respondents who skipped it do not dilute it. It is None when nobody
    reacted. "N.v.t." answers are in neither n nor dk: for those respondents the item does
    not apply, so they are out of every denominator and only counted as n_not_applicable.
    A categorical item keeps its counts and distribution; every statistic that treats the codes
    as amounts (mean, median, sd, quartiles, dispersion) is None.
    """
    dk_share = share(part=n_dont_know, whole=len(values) + n_dont_know)
    amounts: Sequence[int] = [] if spec.categorical else values
    bounds = exact_quartiles(values=amounts)
    dispersion = dispersion_index(values=amounts, scale_min=spec.scale_min, scale_max=spec.scale_max)
    return ItemStats(
        code=spec.code,
        module=spec.module,
        scale_min=spec.scale_min,
        scale_max=spec.scale_max,
        n=len(values),
        n_dont_know=n_dont_know,
        n_not_applicable=n_not_applicable,
        n_missing=n_missing,
        dont_know_share=None if dk_share is None else float(dk_share),
        mean=mean(values=amounts),
        median=median(values=amounts),
        sd=sample_sd(values=amounts),
        q1=None if bounds is None else float(bounds[0]),
        q3=None if bounds is None else float(bounds[1]),
        iqr=None if bounds is None else float(bounds[1] - bounds[0]),
        dispersion=None if dispersion is None else float(dispersion),
        disputed=is_disputed(values=amounts, scale_min=spec.scale_min, scale_max=spec.scale_max),
        distribution=dict(sorted(Counter(values).items())),
    )


def score_items(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet]) -> dict[str, ItemStats]:
    """Statistics for every item in the instrument, answered or not."""
    result: dict[str, ItemStats] = {}
    for code, spec in items.items():
        values = values_of(sheets=sheets, code=code)
        n_dk = dont_know_count(sheets=sheets, code=code)
        n_na = not_applicable_count(sheets=sheets, code=code)
        result[code] = describe_item(
            spec=spec,
            values=values,
            n_dont_know=n_dk,
            n_not_applicable=n_na,
            n_missing=len(sheets) - len(values) - n_dk - n_na,
        )
    return result
