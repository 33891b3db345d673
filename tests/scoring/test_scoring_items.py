"""Per-item statistics, including "weet niet", unanswered and a single respondent."""

import math
from typing import Any

import pytest

from scoring.answers import score_answers
from scoring.items import score_items
from scoring.types import ItemSpec, Respondent

SPEC = ItemSpec(code="SF.K1.presence", module="SF", factor="SF.K1", aspect="presence")
INDEX = {SPEC.code: SPEC}


def _stats(*answers: Any):  # "absent", or any answer value, valid or not
    """Build one respondent per answer; the string "absent" leaves the item unanswered."""
    people = [Respondent(id=str(i), answers={} if a == "absent" else {SPEC.code: a}) for i, a in enumerate(answers)]
    return score_items(items=INDEX, sheets=score_answers(items=INDEX, respondents=people))[SPEC.code]


def test_item_statistics_by_hand() -> None:
    stats = _stats(4, 2, None, "absent", 5)
    assert (stats.n, stats.n_dont_know, stats.n_missing) == (3, 1, 1)
    assert stats.dont_know_share == 25.0  # 1 / (3 + 1)
    assert stats.mean == pytest.approx(11 / 3)
    assert stats.median == 4
    assert stats.sd == pytest.approx(math.sqrt(7 / 3))  # squares 1/9 + 25/9 + 16/9, / 2
    assert (stats.q1, stats.q3, stats.iqr) == (3.0, 4.5, 1.5)  # on [2, 4, 5]
    # |x - 4| = 2, 0, 1 -> mean 1 -> / half range 2 -> 50 %
    assert stats.dispersion == 50.0
    # IQR 1.5 < 2, but one of three answers (2) lies 2 points from the median: disputed
    assert stats.disputed is True
    assert stats.distribution == {2: 1, 4: 1, 5: 1}


def test_single_respondent() -> None:
    stats = _stats(4)
    assert stats.n == 1
    assert stats.mean == 4.0 and stats.median == 4.0
    assert stats.sd is None
    assert stats.iqr == 0.0
    assert stats.dispersion == 0.0
    assert stats.disputed is False
    assert stats.dont_know_share == 0.0


def test_all_dont_know() -> None:
    stats = _stats(None, None, None)
    assert (stats.n, stats.n_dont_know, stats.n_missing) == (0, 3, 0)
    assert stats.dont_know_share == 100.0
    assert stats.mean is None and stats.median is None and stats.sd is None
    assert stats.q1 is None and stats.iqr is None and stats.dispersion is None
    assert stats.disputed is False
    assert stats.distribution == {}


def test_nobody_reacted() -> None:
    stats = _stats("absent", "absent")
    assert stats.n_missing == 2
    assert stats.dont_know_share is None


def test_to_dict_rounds_and_stringifies() -> None:
    data = _stats(4, 2, None, "absent", 5).to_dict()
    assert data["mean"] == 3.7
    assert data["sd"] == 1.5
    assert data["distribution"] == {"2": 1, "4": 1, "5": 1}


def test_categorical_item_has_counts_but_no_amounts() -> None:
    # like BB.1 "alone / bilateral / network": the numbers are labels
    spec = ItemSpec(code="BB.1", module="BB", dimension="check", scale_min=1, scale_max=3, categorical=True)
    index = {spec.code: spec}
    people = [Respondent(id=str(i), answers={"BB.1": a}) for i, a in enumerate([1, 3, 3, None])]
    stats = score_items(items=index, sheets=score_answers(items=index, respondents=people))["BB.1"]
    assert (stats.n, stats.n_dont_know) == (3, 1)
    assert stats.distribution == {1: 1, 3: 2}
    assert stats.mean is None and stats.median is None and stats.iqr is None
    assert stats.dispersion is None and stats.disputed is False
    with pytest.raises(ValueError):
        ItemSpec(code="BB.1", module="BB", categorical=True, reverse=True)
