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
from collections.abc import Sequence
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


__all__ = [
    "exact_iqr",
    "exact_mean",
    "exact_median",
    "exact_quantile",
    "exact_quartiles",
    "iqr",
    "mean",
    "median",
    "present",
    "quartiles",
    "sample_sd",
    "share",
    "to_percent_of_scale",
]
