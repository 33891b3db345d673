"""Agreement between respondents: which items are disputed, and how strongly.

A network mean of 3 can hide half the members answering 1 and half 5; such items deserve a
conversation more than a number. The rule below is deliberately simple so a coordinator can
explain it: an item is disputed when the middle half of the answers is spread widely, or
when a sizeable minority sits far from the median.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from scoring.codes import natural_key
from scoring.stats import CountSummary, Number, exact_iqr, exact_median, present
from scoring.types import ItemStats

MIN_N_FOR_DISPUTE = 3
"""Below three answers "disagreement" is two people, not a pattern."""

IQR_FRACTION = Fraction(1, 2)
"""IQR at or above half the scale range (2 points on 1-5, 1.5 on 0-3) flags a dispute."""

FAR_FRACTION = Fraction(1, 2)
"""An answer is "far" from the median at half the scale range or more (2 points on 1-5)."""

FAR_SHARE = Fraction(1, 3)
"""A third or more of the answers being far from the median flags a dispute."""


def dispersion_index(*, values: Sequence[Number | None], scale_min: int, scale_max: int) -> Fraction | None:
    """Mean absolute deviation from the median, as a percentage of half the scale range.

    0 means everyone gave the same answer; 100 means the answers are split evenly between
    the two ends of the scale. Dividing by half the range makes items with different
    scales comparable, and using the median keeps one outlier from dominating.
    """
    data = present(values=values)
    if not data:
        return None
    centre = exact_median(values=data)
    assert centre is not None
    # Σ|x - c| scaled by c's denominator (1 or 2 for whole answers) stays in whole numbers.
    scale = centre.denominator
    deviations = sum((abs(Fraction(x) * scale - centre.numerator) for x in data), Fraction(0))
    spread = Fraction(deviations, scale * len(data))
    return spread * 100 / (Fraction(scale_max - scale_min) / 2)


def is_disputed(*, values: Sequence[Number | None], scale_min: int, scale_max: int) -> bool:
    """Apply the dispute rule: n >= 3 and (IQR >= range/2 or share far >= 1/3)."""
    data = present(values=values)
    if len(data) < MIN_N_FOR_DISPUTE:
        return False
    scale_range = Fraction(scale_max - scale_min)
    spread = exact_iqr(values=data)
    assert spread is not None
    if spread >= IQR_FRACTION * scale_range:
        return True
    centre = exact_median(values=data)
    assert centre is not None
    limit = FAR_FRACTION * scale_range
    far = sum(1 for x in data if abs(x - centre) >= limit)
    return Fraction(far, len(data)) >= FAR_SHARE


def summary_dispersion(*, summary: CountSummary, scale_min: int, scale_max: int) -> float | None:
    """``dispersion_index`` of summarised answers, in whole numbers until the one division.

    With the median as m/2 (m = twice the median): mean |x - m/2| = Σ|2x - m| / 2n, and dividing by half the
    range gives Σ|2x - m| * 100 / (n * range).
    """
    if not summary.n:
        return None
    centre = summary.median_halves()
    deviations = sum(abs(2 * value - centre) * count for value, count in summary.pairs)
    return deviations * 100 / (summary.n * (scale_max - scale_min))


def summary_disputed(*, summary: CountSummary, scale_min: int, scale_max: int) -> bool:
    """``is_disputed`` on summarised answers: the same rule, compared in whole numbers."""
    n = summary.n
    if n < MIN_N_FOR_DISPUTE:
        return False
    scale_range = scale_max - scale_min
    # IQR = (4·Q3 - 4·Q1) / 4, so IQR >= f · range  <=>  4·Q3 - 4·Q1 >= 4 · f · range
    spread_quarters = summary.quarter_quantile_quarters(3) - summary.quarter_quantile_quarters(1)
    if spread_quarters >= 4 * IQR_FRACTION * scale_range:
        return True
    centre = summary.median_halves()
    # |x - m/2| >= f · range  <=>  |2x - m| >= 2 · f · range
    limit = 2 * FAR_FRACTION * scale_range
    far = sum(count for value, count in summary.pairs if abs(2 * value - centre) >= limit)
    return Fraction(far, n) >= FAR_SHARE


def rank_disputed(*, items: Mapping[str, ItemStats]) -> tuple[str, ...]:
    """Codes of disputed items, most disputed first.

    Order: dispersion index descending, then code in natural order, so the list is stable
    between runs and ties resolve the way the questionnaire is read.
    """
    disputed = [stats for stats in items.values() if stats.disputed]
    disputed.sort(key=lambda stats: natural_key(code=stats.code))
    disputed.sort(key=lambda stats: -(stats.dispersion or 0.0))
    return tuple(stats.code for stats in disputed)
