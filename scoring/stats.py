"""Descriptive statistics on answer lists that may contain missing values (None).

Every function skips None, so callers can pass answers as collected. Results are exact
fractions converted to float once, which keeps threshold comparisons elsewhere honest
(0.6 * 100 is 60.00000000000001 in binary floating point; Fraction(3, 5) * 100 is 60).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

Number = int | float | Fraction


def present(*, values: Sequence[Number | None]) -> list[Fraction]:
    """Return the non-missing values as exact fractions."""
    return [Fraction(value) for value in values if value is not None]


def exact_mean(*, values: Sequence[Number | None]) -> Fraction | None:
    """Exact arithmetic mean, or None when there is nothing to average."""
    data = present(values=values)
    if not data:
        return None
    return sum(data, Fraction(0)) / len(data)


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
        return data[middle]
    return (data[middle - 1] + data[middle]) / 2


def median(*, values: Sequence[Number | None]) -> float | None:
    """Median of the non-missing values; None when all are missing."""
    result = exact_median(values=values)
    return None if result is None else float(result)


def sample_sd(*, values: Sequence[Number | None]) -> float | None:
    """Sample standard deviation (n - 1 in the denominator); None when n < 2.

    One answer has no spread to estimate, and reporting 0 would suggest full agreement.
    """
    data = present(values=values)
    if len(data) < 2:
        return None
    centre = sum(data, Fraction(0)) / len(data)
    variance = sum(((x - centre) ** 2 for x in data), Fraction(0)) / (len(data) - 1)
    return math.sqrt(variance)


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
    if not 0 <= p <= 1:
        raise ValueError("p must lie in [0, 1]")
    position = (len(data) - 1) * p
    lower = math.floor(position)
    fraction = position - lower
    if lower + 1 >= len(data):
        return data[lower]
    return data[lower] + fraction * (data[lower + 1] - data[lower])


def quartiles(*, values: Sequence[Number | None]) -> tuple[float, float] | None:
    """First and third quartile (inclusive method); None when all values are missing."""
    q1 = exact_quantile(values=values, p=Fraction(1, 4))
    q3 = exact_quantile(values=values, p=Fraction(3, 4))
    if q1 is None or q3 is None:
        return None
    return float(q1), float(q3)


def exact_iqr(*, values: Sequence[Number | None]) -> Fraction | None:
    """Exact interquartile range Q3 - Q1; None when all values are missing."""
    q1 = exact_quantile(values=values, p=Fraction(1, 4))
    q3 = exact_quantile(values=values, p=Fraction(3, 4))
    if q1 is None or q3 is None:
        return None
    return q3 - q1


def iqr(*, values: Sequence[Number | None]) -> float | None:
    """Interquartile range Q3 - Q1 (inclusive quartiles); None when all are missing."""
    result = exact_iqr(values=values)
    return None if result is None else float(result)


def share(*, part: int, whole: int) -> Fraction | None:
    """part / whole as a percentage (0-100), or None when the whole is empty."""
    if whole == 0:
        return None
    return Fraction(part * 100, whole)


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
    "iqr",
    "mean",
    "median",
    "present",
    "quartiles",
    "sample_sd",
    "share",
    "to_percent_of_scale",
]
