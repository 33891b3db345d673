"""Minkman phases: pooled shares, the 60 % threshold, cumulative placement, claims."""

from fractions import Fraction

import pytest

from scoring.answers import index_items, score_answers
from scoring.minkman import (
    PHASE_THRESHOLD,
    calculated_phase,
    claimed_phase,
    phase_shares,
    score_minkman,
)
from scoring.standard import minkman_specs
from scoring.types import ItemSpec, Respondent

INDEX = index_items(items=minkman_specs(per_phase=2))


def _people(*answer_sets: dict[str, int | None]) -> list[Respondent]:
    return [Respondent(id=str(i), answers=answers) for i, answers in enumerate(answer_sets)]


def _minkman(*answer_sets: dict[str, int | None], network: int | None = None):
    sheets = score_answers(items=INDEX, respondents=_people(*answer_sets))
    return score_minkman(items=INDEX, sheets=sheets, network_claimed_phase=network)


def test_shares_pool_all_answered_elements() -> None:
    sheets = score_answers(
        items=INDEX,
        respondents=_people(
            {"MK.1.1": 3, "MK.1.2": 3, "MK.2.1": 1},
            {"MK.1.1": 3, "MK.1.2": 0, "MK.2.1": None},  # "weet niet" is left out
            {"MK.1.1": None},
        ),
    )
    shares, counts = phase_shares(items=INDEX, sheets=sheets)
    assert shares[1] == Fraction(75)  # 9 / (3 * 4) * 100
    assert shares[2] == Fraction(100, 3)  # 1 / (3 * 1) * 100
    assert shares[3] is None and shares[4] is None
    assert counts == {1: 4, 2: 1, 3: 0, 4: 0}


def test_exactly_at_threshold_counts_as_reached() -> None:
    # phase 1: 3+3+3+0+0 = 9 of 15 -> exactly 60 % (0.6 * 100 would be 60.000...01 in floats)
    # phase 2: 3+3+3+3 = 12 of 12 -> 100 %
    scores = _minkman(
        {"MK.1.1": 3, "MK.2.1": 3},
        {"MK.1.1": 3, "MK.2.1": 3},
        {"MK.1.1": 3, "MK.2.2": 3},
        {"MK.1.1": 0, "MK.2.2": 3},
        {"MK.1.1": 0},
    )
    assert scores.phases[1] == 60.0
    assert scores.calculated_phase == 2
    assert scores.reached == (1, 2)


def test_just_below_threshold_is_not_reached() -> None:
    shares = {1: Fraction(100), 2: Fraction(5999, 100), 3: Fraction(100), 4: None}
    assert calculated_phase(shares=shares) == 1


def test_nobody_reaching_phase_one_is_placed_in_phase_one() -> None:
    scores = _minkman({"MK.1.1": 0, "MK.1.2": 1}, {"MK.1.1": 1, "MK.2.1": 3})
    assert scores.phases[1] == pytest.approx(2 / 9 * 100)
    assert scores.phases[2] == 100.0
    assert scores.calculated_phase == 1
    assert scores.reached == (2,)


def test_a_skipped_phase_stops_the_climb() -> None:
    shares = {1: Fraction(100), 2: Fraction(0), 3: Fraction(100), 4: Fraction(100)}
    assert calculated_phase(shares=shares) == 1
    # a phase without any answers also stops it
    assert calculated_phase(shares={1: Fraction(80), 2: None, 3: Fraction(90), 4: None}) == 1
    assert calculated_phase(shares={1: Fraction(80), 2: Fraction(70), 3: Fraction(90), 4: Fraction(61)}) == 4


def test_no_minkman_answers() -> None:
    scores = _minkman({}, network=2)
    assert scores.calculated_phase is None
    assert scores.mismatch_network is None and scores.mismatch is None


def test_threshold_must_stay_in_range() -> None:
    assert Fraction(50) <= PHASE_THRESHOLD <= Fraction(75)
    with pytest.raises(ValueError):
        calculated_phase(shares={1: Fraction(100)}, threshold=Fraction(40))


def test_claimed_phase_is_the_lower_median() -> None:
    assert claimed_phase(answers=[1, 2, 3, 4]) == 2
    assert claimed_phase(answers=[3, 2, 3]) == 3
    assert claimed_phase(answers=[4]) == 4
    assert claimed_phase(answers=[]) is None


def test_claims_distribution_and_mismatch_flags() -> None:
    full = {"MK.1.1": 3, "MK.1.2": 3, "MK.2.1": 3, "MK.2.2": 2}  # phase 1 100 %, phase 2 83 %
    scores = _minkman(
        {**full, "MK.phase": 2},
        {**full, "MK.phase": 3},
        {**full, "MK.phase": 2},
        {**full, "MK.phase": None},
        network=3,
    )
    assert scores.calculated_phase == 2
    assert scores.claimed_phase == 2
    assert scores.claimed_distribution == {1: 0, 2: 2, 3: 1, 4: 0}
    assert scores.claimed_n == 3
    assert scores.network_claimed_phase == 3
    assert scores.mismatch_respondents is False
    assert scores.mismatch_network is True
    assert scores.mismatch is True

    agreeing = _minkman({**full, "MK.phase": 2})
    assert agreeing.mismatch_network is None
    assert agreeing.mismatch is False

    nothing_to_compare = _minkman(full)
    assert nothing_to_compare.claimed_phase is None
    assert nothing_to_compare.mismatch is None


def test_invalid_claims_are_refused() -> None:
    with pytest.raises(ValueError):
        _minkman({"MK.phase": 5})
    with pytest.raises(ValueError):
        _minkman({}, network=0)


def test_to_dict_uses_string_phase_keys() -> None:
    data = _minkman({"MK.1.1": 2}).to_dict()
    assert data["phases"] == {"1": 66.7, "2": None, "3": None, "4": None}
    assert data["threshold"] == 60.0
    assert data["reached"] == [1]


def test_elements_on_different_scales_in_one_phase_pool_their_exact_fractions() -> None:
    index = index_items(
        items=[
            ItemSpec(code="MK.1.1", module="MK", dimension="1", scale_min=0, scale_max=3),
            ItemSpec(code="MK.1.2", module="MK", dimension="1", scale_min=1, scale_max=5),
        ]
    )
    sheets = score_answers(
        items=index,
        respondents=_people({"MK.1.1": 2, "MK.1.2": 4}, {"MK.1.1": 1, "MK.1.2": None}, {"MK.1.2": 5}),
    )
    shares, counts = phase_shares(items=index, sheets=sheets)
    # (2/3 + 1/3 + 3/4 + 4/4) / 4 answers * 100
    assert shares[1] == (Fraction(2, 3) + Fraction(1, 3) + Fraction(3, 4) + 1) * 100 / 4
    assert counts[1] == 4
    assert shares[2] is None and counts[2] == 0
