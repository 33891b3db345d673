"""Descriptive statistics on answer lists that may contain missing values (None).

Every function skips None, so callers can pass answers as collected. Results are exact
fractions converted to float once, which keeps threshold comparisons elsewhere honest
(0.6 * 100 is 60.00000000000001 in binary floating point; Fraction(3, 5) * 100 is 60).

Answers are whole numbers, and Python ints are exact too: they are kept as ints through
sorting and summing, and a Fraction is made only where a division happens. Fraction
arithmetic is some fifty times slower than int arithmetic and dominated the time to score
a round; the results are the same exact values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import overload

Number = int | float | Fraction


Exact = int | Fraction


def present(*, values: Sequence[Number | None]) -> list[Exact]:
    """Return the non-missing values as exact numbers: ints stay ints, the rest Fractions."""
    return [value if type(value) is int else Fraction(value) for value in values if value is not None]


def exact_mean(*, values: Sequence[Number | None]) -> Fraction | None:
    """Exact arithmetic mean, or None when there is nothing to average."""
    data = present(values=values)
    if not data:
        return None
    return Fraction(sum(data), len(data))


def mean(*, values: Sequence[Number | None]) -> float | None:
    """Arithmetic mean of the non-missing values; None when all are missing."""
    result = exact_mean(values=values)
    return None if result is None else float(result)


def exact_median(*, values: Sequence[Number | None]) -> Fraction | None:
    """Exact median (average of the two middle values for an even count)."""
    data = sorted(present(values=values))
    if not data:
        return None
    middle = len(data) // 2
    if len(data) % 2:
        return Fraction(data[middle])
    return Fraction(data[middle - 1] + data[middle], 2)


def median(*, values: Sequence[Number | None]) -> float | None:
    """Median of the non-missing values; None when all are missing."""
    result = exact_median(values=values)
    return None if result is None else float(result)


def sample_sd(*, values: Sequence[Number | None]) -> float | None:
    """Sample standard deviation (n - 1 in the denominator); None when n < 2.

    One answer has no spread to estimate, and reporting 0 would suggest full agreement.
    """
    data = present(values=values)
    n = len(data)
    if n < 2:
        return None
    # Σ(x - mean)² / (n - 1) rewritten as (nΣx² - (Σx)²) / (n(n - 1)): the same exact
    # fraction, computed with whole numbers and a single division.
    total = sum(data)
    variance = Fraction(n * sum(x * x for x in data) - total * total, n * (n - 1))
    return math.sqrt(variance)


def _quantile_of_sorted(data: Sequence[Exact], p: Fraction) -> Fraction:
    if not 0 <= p <= 1:
        raise ValueError("p must lie in [0, 1]")
    position = (len(data) - 1) * Fraction(p)
    lower = math.floor(position)
    fraction = position - lower
    if lower + 1 >= len(data):
        return Fraction(data[lower])
    return data[lower] + fraction * (data[lower + 1] - data[lower])


def exact_quantile(*, values: Sequence[Number | None], p: Fraction) -> Fraction | None:
    """Quantile by linear interpolation between order statistics ("inclusive" method).

    Position h = (n - 1) * p on the sorted data x[0..n-1]; the quantile is
    x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]). This is Excel's
    QUARTILE.INC and NumPy's default, so analysts can reproduce the numbers; with one value
    every quantile is that value.
    """
    data = sorted(present(values=values))
    if not data:
        return None
    return _quantile_of_sorted(data, p)


def exact_quartiles(*, values: Sequence[Number | None]) -> tuple[Fraction, Fraction] | None:
    """Exact first and third quartile (inclusive method), sorting the answers once."""
    data = sorted(present(values=values))
    if not data:
        return None
    return _quantile_of_sorted(data, Fraction(1, 4)), _quantile_of_sorted(data, Fraction(3, 4))


def quartiles(*, values: Sequence[Number | None]) -> tuple[float, float] | None:
    """First and third quartile (inclusive method); None when all values are missing."""
    bounds = exact_quartiles(values=values)
    if bounds is None:
        return None
    return float(bounds[0]), float(bounds[1])


def exact_iqr(*, values: Sequence[Number | None]) -> Fraction | None:
    """Exact interquartile range Q3 - Q1; None when all values are missing."""
    bounds = exact_quartiles(values=values)
    if bounds is None:
        return None
    return bounds[1] - bounds[0]


def iqr(*, values: Sequence[Number | None]) -> float | None:
    """Interquartile range Q3 - Q1 (inclusive quartiles); None when all are missing."""
    result = exact_iqr(values=values)
    return None if result is None else float(result)


def share(*, part: int, whole: int) -> Fraction | None:
    """part / whole as a percentage (0-100), or None when the whole is empty."""
    if whole == 0:
        return None
    return Fraction(part * 100, whole)


@overload
def to_percent_of_scale(*, value: Number, scale_min: int, scale_max: int) -> Fraction: ...
@overload
def to_percent_of_scale(*, value: Number | None, scale_min: int, scale_max: int) -> Fraction | None: ...
def to_percent_of_scale(*, value: Number | None, scale_min: int, scale_max: int) -> Fraction | None:
    """Map a value on [scale_min, scale_max] linearly onto 0-100.

    For the 1-5 success-factor items this is (mean - 1) / 4 * 100, so 1 -> 0, 3 -> 50,
    5 -> 100; it lets areas with different scales be averaged and charted together.
    """
    if value is None:
        return None
    return (Fraction(value) - scale_min) * 100 / (scale_max - scale_min)


# --------------------------------------------------------------------------- from answer counts
#
# The engine keeps each item's answers as counts per value (scoring/tally.py). The functions below give the
# same exact values as the list versions above, as whole-number numerators over a known denominator, so the
# only division is the final one (an int / int division is correctly rounded, exactly like float(Fraction)).


@dataclass(frozen=True, slots=True)
class CountSummary:
    """n, sum and sum of squares of one item's answers, and the answers as sorted (value, count) pairs."""

    n: int
    total: int
    squares: int
    pairs: tuple[tuple[int, int], ...]

    def nth(self, index: int) -> int:
        """The value at position ``index`` (0-based) of the sorted answers."""
        for value, count in self.pairs:
            if index < count:
                return value
            index -= count
        raise IndexError(index)

    def median_halves(self) -> int:
        """Twice the median (a whole number: the median is a whole or a half)."""
        middle = self.n // 2
        if self.n % 2:
            return 2 * self.nth(middle)
        return self.nth(middle - 1) + self.nth(middle)

    def quarter_quantile_quarters(self, quarters: int) -> int:
        """Four times the quantile at p = quarters / 4 (inclusive method, as ``exact_quantile``)."""
        lower, rest = divmod((self.n - 1) * quarters, 4)
        low = self.nth(lower)
        if lower + 1 >= self.n:
            return 4 * low
        return 4 * low + rest * (self.nth(lower + 1) - low)


def summarise(*, counts: Mapping[int, int]) -> CountSummary:
    """One pass over the distinct values of an item's answers."""
    pairs = tuple(sorted((value, count) for value, count in counts.items() if count))
    n = total = squares = 0
    for value, count in pairs:
        n += count
        total += value * count
        squares += value * value * count
    return CountSummary(n=n, total=total, squares=squares, pairs=pairs)


def summary_sd(summary: CountSummary) -> float | None:
    """``sample_sd`` of the summarised answers."""
    n = summary.n
    if n < 2:
        return None
    return math.sqrt((n * summary.squares - summary.total * summary.total) / (n * (n - 1)))


__all__ = [
    "exact_iqr",
    "exact_mean",
    "exact_median",
    "exact_quantile",
    "exact_quartiles",
    "CountSummary",
    "iqr",
    "mean",
    "median",
    "present",
    "quartiles",
    "sample_sd",
    "share",
    "summarise",
    "summary_sd",
    "to_percent_of_scale",
]
