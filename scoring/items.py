"""Per-item statistics: the building block every table and chart of the report reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from scoring.agreement import summary_dispersion, summary_disputed
from scoring.stats import summarise, summary_sd
from scoring.tally import Tally, tally_sheets
from scoring.types import ItemSpec, ItemStats, ScoredSheet


def describe_item(*, spec: ItemSpec, values: Sequence[int], n_dont_know: int, n_missing: int,
                  n_not_applicable: int = 0) -> ItemStats:
    """Describe one item from its scored answers (see ``describe_counts``)."""
    return describe_counts(spec=spec, counts=Counter(values), n_dont_know=n_dont_know, n_missing=n_missing,
                           n_not_applicable=n_not_applicable)


def describe_counts(*, spec: ItemSpec, counts: Mapping[int, int], n_dont_know: int, n_missing: int,
                    n_not_applicable: int = 0) -> ItemStats:
    """Describe one item from how often each scored value was given.

    ``dont_know_share`` is dk / (n + dk) * 100: the share of the people who reacted to the
    item at all, so respondents who skipped it do not dilute it. It is None when nobody
    reacted. "N.v.t." answers are in neither n nor dk: for those respondents the item does
    not apply, so they are out of every denominator and only counted as n_not_applicable.
    A categorical item keeps its counts and distribution; every statistic that treats the codes
    as amounts (mean, median, sd, quartiles, dispersion) is None.
    """
    summary = summarise(counts=counts)
    n = summary.n
    reacted = n + n_dont_know
    result: dict[str, Any] = dict(
        code=spec.code,
        module=spec.module,
        scale_min=spec.scale_min,
        scale_max=spec.scale_max,
        n=n,
        n_dont_know=n_dont_know,
        n_not_applicable=n_not_applicable,
        n_missing=n_missing,
        dont_know_share=n_dont_know * 100 / reacted if reacted else None,
        distribution=dict(summary.pairs),
    )
    if spec.categorical or not n:
        return ItemStats(**result, mean=None, median=None, sd=None, q1=None, q3=None, iqr=None, dispersion=None,
                         disputed=False)
    q1, q3 = summary.quarter_quantile_quarters(1), summary.quarter_quantile_quarters(3)
    return ItemStats(
        **result,
        mean=summary.total / n,
        median=summary.median_halves() / 2,
        sd=summary_sd(summary),
        q1=q1 / 4,
        q3=q3 / 4,
        iqr=(q3 - q1) / 4,
        dispersion=summary_dispersion(summary=summary, scale_min=spec.scale_min, scale_max=spec.scale_max),
        disputed=summary_disputed(summary=summary, scale_min=spec.scale_min, scale_max=spec.scale_max),
    )


def score_items(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet],
                tally: Tally | None = None) -> dict[str, ItemStats]:
    """Statistics for every item in the instrument, answered or not (from ``tally`` when given)."""
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    result: dict[str, ItemStats] = {}
    for code, spec in items.items():
        counts = tally.counts(code)
        n_dk = tally.dont_know[code]
        n_na = tally.not_applicable[code]
        result[code] = describe_counts(
            spec=spec,
            counts=counts,
            n_dont_know=n_dk,
            n_not_applicable=n_na,
            n_missing=tally.respondents - sum(counts.values()) - n_dk - n_na,
        )
    return result
