"""Hand-computed checks of the descriptive statistics and the JSON rounding."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.agreement import dispersion_index
from scoring.serialise import round1, sort_keys
from scoring.stats import (
    exact_mean,
    exact_median,
    exact_quantile,
    exact_quartiles,
    iqr,
    mean,
    median,
    quartiles,
    sample_sd,
    share,
    to_percent_of_scale,
)


def test_missing_values_are_skipped() -> None:
    values = [1, 2, None, 4]
    assert mean(values=values) == pytest.approx(7 / 3)
    assert median(values=values) == 2
    # deviations from 7/3: -4/3, -1/3, 5/3; squares sum 42/9; / (n - 1 = 2) = 7/3
    assert sample_sd(values=values) == pytest.approx(math.sqrt(7 / 3))
    # inclusive quartiles on [1, 2, 4]: positions 0.5 and 1.5
    assert quartiles(values=values) == (1.5, 3.0)
    assert iqr(values=values) == 1.5


def test_even_count_interpolates() -> None:
    values = [4, 1, 3, 2]
    assert median(values=values) == 2.5
    # positions (n - 1) * 0.25 = 0.75 and 2.25 on [1, 2, 3, 4]
    assert quartiles(values=values) == (1.75, 3.25)
    assert iqr(values=values) == 1.5


def test_single_value_has_no_sd_and_zero_iqr() -> None:
    assert sample_sd(values=[5]) is None
    assert quartiles(values=[5]) == (5.0, 5.0)
    assert iqr(values=[5]) == 0.0
    assert mean(values=[5]) == 5.0


@pytest.mark.parametrize("values", [[], [None, None]])
def test_no_data_gives_none(values: list[int | None]) -> None:
    assert mean(values=values) is None
    assert median(values=values) is None
    assert sample_sd(values=values) is None
    assert quartiles(values=values) is None
    assert iqr(values=values) is None


def test_exact_mean_avoids_float_drift() -> None:
    mean = exact_mean(values=[3, 3, 3, 0, 0])
    assert mean is not None and mean * 100 / 3 == Fraction(60)


def test_share_and_scale_mapping() -> None:
    assert share(part=1, whole=4) == 25
    assert share(part=0, whole=0) is None
    assert to_percent_of_scale(value=1, scale_min=1, scale_max=5) == 0
    assert to_percent_of_scale(value=3, scale_min=1, scale_max=5) == 50
    assert to_percent_of_scale(value=Fraction(21, 5), scale_min=1, scale_max=5) == 80
    assert to_percent_of_scale(value=2, scale_min=0, scale_max=3) == Fraction(200, 3)
    assert to_percent_of_scale(value=None, scale_min=1, scale_max=5) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(62.25, 62.3), (2.675, 2.7), (81.25, 81.3), (-1.25, -1.3), (Fraction(200, 3), 66.7)],
)
def test_round1_is_half_up(value: float, expected: float) -> None:
    assert round1(value=value) == expected


def test_round1_keeps_none_and_normalises_negative_zero() -> None:
    assert round1(value=None) is None
    assert str(round1(value=-0.04)) == "0.0"


def test_sort_keys_sorts_nested_dicts_but_not_lists() -> None:
    data = {"b": {"z": 1, "a": 2}, "a": [3, 1, 2], 1: "x"}
    result = sort_keys(data=data)
    assert list(result) == ["1", "a", "b"]
    assert list(result["b"]) == ["a", "z"]
    assert result["a"] == [3, 1, 2]


# The engine keeps whole-number answers as ints for speed; these reference versions do
# everything in Fractions, the way the formulas in docs/scoring.md read.
def _ref_sd(data: list[Fraction]) -> float:
    centre = sum(data, Fraction(0)) / len(data)
    return math.sqrt(sum(((x - centre) ** 2 for x in data), Fraction(0)) / (len(data) - 1))


def _ref_quantile(data: list[Fraction], p: Fraction) -> Fraction:
    data = sorted(data)
    position = (len(data) - 1) * p
    lower = math.floor(position)
    if lower + 1 >= len(data):
        return data[lower]
    return data[lower] + (position - lower) * (data[lower + 1] - data[lower])


def _ref_dispersion(data: list[Fraction], scale_min: int, scale_max: int) -> Fraction:
    ordered = sorted(data)
    middle = len(ordered) // 2
    centre = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    spread = sum((abs(x - centre) for x in data), Fraction(0)) / len(data)
    return spread * 100 / (Fraction(scale_max - scale_min) / 2)


answer_lists = st.lists(
    st.one_of(st.none(), st.integers(min_value=0, max_value=5), st.fractions(min_value=0, max_value=5)),
    min_size=2,
    max_size=60,
).filter(lambda values: sum(v is not None for v in values) >= 2)


@settings(max_examples=300, deadline=None)
@given(values=answer_lists)
def test_whole_number_arithmetic_gives_the_exact_fraction_results(values: list[int | Fraction | None]) -> None:
    data = [Fraction(v) for v in values if v is not None]
    assert exact_mean(values=values) == sum(data, Fraction(0)) / len(data)
    assert isinstance(exact_mean(values=values), Fraction)
    assert exact_median(values=values) == _ref_quantile(data, Fraction(1, 2))
    assert isinstance(exact_median(values=values), Fraction)
    assert sample_sd(values=values) == _ref_sd(data)  # the same exact variance, so the same float
    assert exact_quartiles(values=values) == (_ref_quantile(data, Fraction(1, 4)), _ref_quantile(data, Fraction(3, 4)))
    assert exact_quantile(values=values, p=Fraction(1, 3)) == _ref_quantile(data, Fraction(1, 3))
    assert dispersion_index(values=values, scale_min=0, scale_max=5) == _ref_dispersion(data, 0, 5)


def test_even_median_of_whole_numbers_is_an_exact_half() -> None:
    assert exact_median(values=[2, 3]) == Fraction(5, 2)
    assert exact_quartiles(values=[1, 2]) == (Fraction(5, 4), Fraction(7, 4))
