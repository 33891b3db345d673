"""The dispute rule, the dispersion index and the "most disputed" ranking."""

import pytest

from scoring.agreement import dispersion_index, is_disputed, rank_disputed
from scoring.items import describe_item
from scoring.types import ItemSpec


@pytest.mark.parametrize(
    ("values", "expected", "why"),
    [
        ([1, 1, 5, 5], True, "IQR 4"),
        ([1, 3, 5], True, "IQR exactly 2 (positions 0.5/1.5 -> 2 and 4)"),
        ([3, 3, 3], False, "full agreement"),
        ([2, 3, 3, 4], False, "IQR 0.5, nobody 2 points from the median"),
        ([1, 3, 3, 3, 3, 5], True, "IQR 1.5, but exactly 2/6 = 1/3 far from median 3"),
        ([3, 3, 3, 3, 3, 3, 5], False, "one of seven far: 1/7 < 1/3"),
        ([1, 1, 1, 1, 5], False, "a lone outlier: IQR 0, 1/5 far"),
        ([1, 5], False, "below three answers"),
        ([1, None, 5, None], False, "missing values do not count towards n"),
    ],
)
def test_dispute_rule_on_1_to_5(values: list[int | None], expected: bool, why: str) -> None:
    assert is_disputed(values=values, scale_min=1, scale_max=5) is expected, why


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 0, 3, 3], True),  # IQR 3 >= 1.5
        ([1, 2, 2], False),  # IQR 0.5, nobody 1.5 from median 2
        ([0, 2, 2], True),  # IQR 1 < 1.5, but |0 - 2| = 2 >= 1.5 for 1/3
    ],
)
def test_dispute_rule_scales_to_range(values: list[int], expected: bool) -> None:
    assert is_disputed(values=values, scale_min=0, scale_max=3) is expected


def test_dispersion_index() -> None:
    assert dispersion_index(values=[1, 1, 5, 5], scale_min=1, scale_max=5) == 100
    assert dispersion_index(values=[3, 3, 3], scale_min=1, scale_max=5) == 0
    # median 5, deviations 4, 0, 0 -> 4/3, / half range 2 -> 2/3
    dispersion = dispersion_index(values=[1, 5, 5], scale_min=1, scale_max=5)
    assert dispersion is not None and float(dispersion) == pytest.approx(200 / 3)
    assert dispersion_index(values=[None], scale_min=1, scale_max=5) is None


def _item(code: str, values: list[int]):
    spec = ItemSpec(code=code, module="KW", dimension="d")
    return describe_item(spec=spec, values=values, n_dont_know=0, n_missing=0)


def test_ranking_most_disputed_first_then_natural_code_order() -> None:
    items = {
        stats.code: stats
        for stats in (
            _item("KW.10", [1, 1, 5, 5]),  # dispersion 100
            _item("KW.2", [1, 1, 5, 5]),  # dispersion 100, ties with KW.10
            _item("KW.3", [1, 3, 5]),  # dispersion (2 + 0 + 2) / 3 / 2 = 66.7
            _item("KW.1", [3, 3, 3]),  # not disputed
        )
    }
    assert rank_disputed(items=items) == ("KW.2", "KW.10", "KW.3")
