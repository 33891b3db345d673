"""Success factors (Sterke Schakels, seed 004 ch. 4.6): factors, areas, overall, matrix.

Each factor is asked twice: how far it is present in the network and how important the
respondent finds it. Presence drives the scores; the pair places the factor in a priority
matrix that mirrors the thesis's own reading (ch. 5.4-5.5): critical factors that are in
place, preconditions that are in place but taken for granted, and gaps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

from scoring.codes import AREAS, CORE_AREAS, IMPORTANCE, PRESENCE, SF_MODULE, factor_area, natural_key
from scoring.stats import CountSummary, Number, summarise, summary_sd
from scoring.tally import Tally, tally_sheets
from scoring.types import AreaScores, FactorScores, ItemSpec, OverallScores, ScoredSheet

STRENGTH = "strength"
PRIORITY = "priority"
MAINTAIN = "maintain"
UNDEREXPOSED = "underexposed"
QUADRANTS = (STRENGTH, PRIORITY, MAINTAIN, UNDEREXPOSED)


def factor_items(*, items: Mapping[str, ItemSpec]) -> dict[str, dict[str, ItemSpec]]:
    """Group the success-factor items by factor code and aspect (presence/importance).

    Raises ValueError when a factor has two items for the same aspect or an SF item has a
    factor but no aspect, because the scores would then depend on dictionary order.
    """
    grouped: dict[str, dict[str, ItemSpec]] = {}
    for spec in items.values():
        if spec.module != SF_MODULE or spec.factor is None:
            continue
        if spec.aspect is None:
            raise ValueError(f"{spec.code}: success-factor item without aspect")
        factor_area(factor=spec.factor)
        aspects = grouped.setdefault(spec.factor, {})
        if spec.aspect in aspects:
            raise ValueError(f"{spec.factor}: two {spec.aspect} items")
        aspects[spec.aspect] = spec
    return dict(sorted(grouped.items(), key=lambda pair: natural_key(code=pair[0])))


def is_high(*, mean: Number | None, scale_min: int, scale_max: int) -> bool | None:
    """True when a mean lies strictly above the scale midpoint (3.0 on 1-5).

    The midpoint itself counts as low: 3 is "gedeeltelijk / partly", and a factor that is on
    average only partly present is not yet an asset (thesis 004 treats partly present
    client-value factors as under-exposed, line 2540 and conclusie 5, line 2561). None stays None.
    """
    if mean is None:
        return None
    return Fraction(mean) * 2 > scale_min + scale_max


def quadrant(*, present: bool | None, important: bool | None) -> str | None:
    """Place a factor in the priority matrix; None when either axis has no data.

    strength = important and present; priority = important, not present;
    maintain = less important, present; underexposed = less important, not present.
    """
    if present is None or important is None:
        return None
    if important:
        return STRENGTH if present else PRIORITY
    return MAINTAIN if present else UNDEREXPOSED


def _aspect_stats(
    *, spec: ItemSpec | None, tally: Tally
) -> tuple[CountSummary | None, float | None, float | None, bool | None]:
    """Summary, mean, 0-100 score and "high" of one aspect, from whole-number sums (one division each)."""
    if spec is None:
        return None, None, None, None
    summary = summarise(counts=tally.counts(spec.code))
    n, total = summary.n, summary.total
    if not n:
        return summary, None, None, None
    low, high = spec.scale_min, spec.scale_max
    # (mean - min) / (max - min) * 100 with mean = total / n; "high": mean * 2 > min + max.
    percent = (total - low * n) * 100 / (n * (high - low))
    return summary, total / n, percent, 2 * total > (low + high) * n


def score_factors(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet],
                  tally: Tally | None = None) -> dict[str, FactorScores]:
    """Score every success factor in the instrument (from ``tally`` when given, else from ``sheets``).

    presence = (mean presence - min) / (max - min) * 100, likewise importance; ``sd`` is the
    sample standard deviation of presence on the item's own scale; ``n`` counts numeric
    presence answers. A factor is critical/precondition/extra when one of its items is
    flagged so.
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    result: dict[str, FactorScores] = {}
    for code, aspects in factor_items(items=items).items():
        presence_spec = aspects.get(PRESENCE)
        importance_spec = aspects.get(IMPORTANCE)
        p_summary, p_mean, p_percent, present = _aspect_stats(spec=presence_spec, tally=tally)
        i_summary, i_mean, i_percent, important = _aspect_stats(spec=importance_spec, tally=tally)
        specs = list(aspects.values())
        result[code] = FactorScores(
            code=code,
            area=factor_area(factor=code),
            presence=p_percent,
            importance=i_percent,
            presence_mean=p_mean,
            importance_mean=i_mean,
            sd=None if p_summary is None else summary_sd(p_summary),
            n=0 if p_summary is None else p_summary.n,
            n_importance=0 if i_summary is None else i_summary.n,
            quadrant=quadrant(present=present, important=important),
            critical=any(spec.critical for spec in specs),
            precondition=any(spec.precondition for spec in specs),
            extra=any(spec.extra for spec in specs),
        )
    return result


def _mean_of(values: Sequence[float | None]) -> float | None:
    # fsum: the correctly rounded sum, the same on every Python (3.12 changed what plain sum() of floats gives)
    data = [value for value in values if value is not None]
    return math.fsum(data) / len(data) if data else None


def score_areas(
    *,
    items: Mapping[str, ItemSpec],
    sheets: Sequence[ScoredSheet],
    factors: Mapping[str, FactorScores],
    tally: Tally | None = None,
) -> dict[str, AreaScores]:
    """Area score = unweighted mean of its factors' 0-100 scores, over factors with data.

    Averaging factor means (not respondent means) lets every factor weigh equally, whoever
    skipped what. ``n`` is the number of respondents with at least one presence answer in
    the area.
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    by_area: dict[str, list[FactorScores]] = {}
    for factor in factors.values():
        by_area.setdefault(factor.area, []).append(factor)
    factor_items(items=items)  # the same checks as score_factors, whoever calls this alone
    order = [area for area in AREAS if area in by_area] + sorted(area for area in by_area if area not in AREAS)
    result: dict[str, AreaScores] = {}
    for area in order:
        members = by_area[area]
        result[area] = AreaScores(
            code=area,
            presence=_mean_of([factor.presence for factor in members]),
            importance=_mean_of([factor.importance for factor in members]),
            n=tally.area_respondents[area],
            factors=sum(1 for factor in members if factor.presence is not None),
        )
    return result


def score_overall(*, areas: Mapping[str, AreaScores]) -> OverallScores:
    """Overall = unweighted mean of the core areas K, P, N, O, C that have data.

    Every area weighs equally (so a Klantwaarde factor weighs twice an Organiseren one);
    the extra area X (durf) is reported separately and left out, so that overall scores stay
    comparable with the thesis's twenty-factor model.
    """
    core = [areas[code] for code in CORE_AREAS if code in areas]
    return OverallScores(
        presence=_mean_of([area.presence for area in core]),
        importance=_mean_of([area.importance for area in core]),
        areas=sum(1 for area in core if area.presence is not None),
    )
