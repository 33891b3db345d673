"""Minkman phases: credit per answer, coverage, the position by weight of evidence, backlog, claims."""

from collections.abc import Mapping
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.answers import index_items, score_answers
from scoring.minkman import (
    MIN_ELEMENT_COVERAGE,
    MIN_RESPONDENT_SHARE,
    PHASE_THRESHOLD,
    answer_category,
    calculated_phase,
    claimed_phase,
    phase_shares,
    score_minkman,
)
from scoring.standard import minkman_specs
from scoring.types import PROFILE_CATEGORIES, ItemSpec, PhaseBacklog, Respondent

NEE, GEPLAND, GEDEELTELIJK, JA = 0, 1, 2, 3
INDEX = index_items(items=minkman_specs(per_phase=2))
FULL = index_items(items=minkman_specs())  # the instrument's ten elements per phase
ELEMENTS = {phase: [f"MK.{phase}.{n}" for n in range(1, 11)] for phase in (1, 2, 3, 4)}


def _people(*answer_sets: Mapping[str, int | None]) -> list[Respondent]:
    return [Respondent(id=str(i), answers=answers) for i, answers in enumerate(answer_sets)]


def _minkman(*answer_sets: Mapping[str, int | None], network: int | None = None, index=INDEX):
    sheets = score_answers(items=index, respondents=_people(*answer_sets))
    return score_minkman(items=index, sheets=sheets, network_claimed_phase=network)


def _all(value: int | None, *phases: int) -> dict[str, int | None]:
    return {code: value for phase in phases for code in ELEMENTS[phase]}


def _position(scores) -> int:
    return scores.calculated_phase or 0


# ----------------------------------------------------------------- planned and partly


def test_answer_categories_on_the_instrument_scale() -> None:
    assert [answer_category(value=v, scale_min=0, scale_max=3) for v in range(4)] == [
        "not", "planned", "partly", "realised"]


def test_planned_counts_as_no_realisation_and_partly_as_half() -> None:
    sheets = score_answers(
        items=INDEX,
        respondents=_people(
            {"MK.1.1": JA, "MK.1.2": GEPLAND, "MK.2.1": GEDEELTELIJK},
            {"MK.1.1": GEDEELTELIJK, "MK.1.2": NEE, "MK.2.1": None},  # "weet niet" is left out
            {"MK.1.1": None},
        ),
    )
    shares, counts = phase_shares(items=INDEX, sheets=sheets)
    assert shares[1] == Fraction(1 + Fraction(1, 2), 4) * 100  # ja 1, gedeeltelijk 1/2, gepland 0, nee 0
    assert shares[2] == Fraction(50)
    assert shares[3] is None and shares[4] is None
    assert counts == {1: 4, 2: 1, 3: 0, 4: 0}


def test_partly_everywhere_reaches_no_phase_and_is_not_phase_four() -> None:
    everyone = _all(GEDEELTELIJK, 1, 2, 3, 4)
    scores = _minkman(everyone, everyone, everyone, index=FULL)
    assert scores.phases == {1: 50.0, 2: 50.0, 3: 50.0, 4: 50.0}
    assert scores.reached == ()
    # every phase could be judged, none is realised: the network is at the start, in phase 1
    assert scores.calculated_phase == 1
    assert scores.insufficient_data is False
    assert all(profile.shares["partly"] == 100.0 for profile in scores.profile.values())


def test_planned_everywhere_is_phase_one_with_nothing_realised() -> None:
    everyone = _all(GEPLAND, 1, 2, 3, 4)
    scores = _minkman(everyone, everyone, index=FULL)
    assert scores.phases[4] == 0.0
    assert scores.calculated_phase == 1
    assert scores.profile[4].shares["planned"] == 100.0


# ----------------------------------------------------------------- coverage


def test_one_yes_among_dont_knows_does_not_reach_phase_four() -> None:
    realised = _all(JA, 1, 2, 3)
    phase4 = {**_all(None, 4), "MK.4.1": JA}
    scores = _minkman({**realised, **phase4}, {**realised, **_all(None, 4)}, {**realised, **_all(None, 4)},
                      index=FULL)
    assert scores.phases[4] == 100.0  # the one answer given is "ja" ...
    assert scores.profile[4].status == "insufficient"  # ... but nine of ten elements nobody could answer
    assert scores.profile[4].covered_elements == 0  # one of three respondents is below half
    assert scores.profile[4].shares["unknown"] == pytest.approx(29 / 30 * 100)
    assert scores.calculated_phase == 3
    assert scores.insufficient_phases == (4,)
    assert 4 not in scores.reached
    assert scores.backlog == ()


def test_an_element_needs_a_substantive_answer_from_half_of_the_respondents() -> None:
    assert Fraction(1, 2) == MIN_RESPONDENT_SHARE
    half = _minkman({"MK.1.1": JA, "MK.1.2": JA}, {"MK.1.1": JA, "MK.1.2": None})
    assert half.profile[1].covered_elements == 2
    less = _minkman({"MK.1.1": JA, "MK.1.2": JA}, {"MK.1.1": JA, "MK.1.2": None}, {"MK.1.1": JA, "MK.1.2": None})
    assert less.profile[1].covered_elements == 1
    assert less.profile[1].status == "insufficient"  # 1 of 2 elements < 70 %
    assert less.calculated_phase is None and less.insufficient_data is True


def test_a_phase_needs_seventy_percent_of_its_elements_covered() -> None:
    assert Fraction(7, 10) == MIN_ELEMENT_COVERAGE
    seven = {**_all(JA, 1), **{code: None for code in ELEMENTS[1][7:]}}
    six = {**_all(JA, 1), **{code: None for code in ELEMENTS[1][6:]}}
    assert _minkman(seven, index=FULL).profile[1].status == "reached"
    assert _minkman(six, index=FULL).profile[1].status == "insufficient"
    assert _minkman(six, index=FULL).calculated_phase is None


def test_no_minkman_answers_is_insufficient_data() -> None:
    scores = _minkman({}, network=2)
    assert scores.calculated_phase is None
    assert scores.insufficient_data is True
    assert scores.insufficient_phases == (1, 2, 3, 4)
    assert scores.mismatch_network is None and scores.mismatch is None


# ----------------------------------------------------------------- weight of evidence and backlog


def test_a_gap_in_phase_two_does_not_put_the_network_in_phase_one() -> None:
    realised = _all(JA, 1, 3, 4)
    gap = {**_all(JA, 2), **{code: NEE for code in ELEMENTS[2][5:]}}  # half of phase 2 "nee"
    scores = _minkman({**realised, **gap}, {**realised, **gap}, {**realised, **gap}, index=FULL)
    assert scores.phases[2] == 50.0 and scores.profile[2].status == "not_reached"
    assert scores.calculated_phase == 4
    assert scores.backlog == (PhaseBacklog(phase=2, open_elements=tuple(ELEMENTS[2][5:])),)


def test_position_needs_a_majority_of_the_phases_up_to_it() -> None:
    assert calculated_phase(reached={1, 3, 4}, assessable={1, 2, 3, 4}) == 4
    assert calculated_phase(reached={1, 3}, assessable={1, 2, 3, 4}) == 3
    assert calculated_phase(reached={1, 4}, assessable={1, 2, 3, 4}) == 1  # 4 alone is no majority
    assert calculated_phase(reached={2}, assessable={1, 2, 3, 4}) == 1
    assert calculated_phase(reached=set(), assessable={1}) == 1
    assert calculated_phase(reached=set(), assessable={2, 3}) is None
    assert calculated_phase(reached={2, 3}, assessable={2, 3}) == 3  # phase 1 unknown, but outweighed


def test_exactly_at_threshold_counts_as_reached() -> None:
    # phase 1: 6 "ja" and 4 "nee" of ten elements -> exactly 60 % (0.6 * 100 is not exact in floats)
    answers = {**_all(JA, 1), **{code: NEE for code in ELEMENTS[1][6:]}}
    scores = _minkman(answers, index=FULL)
    assert scores.phases[1] == 60.0
    assert scores.reached == (1,)
    assert scores.profile[1].open_elements == tuple(ELEMENTS[1][6:])
    below = {**answers, ELEMENTS[1][5]: GEDEELTELIJK}
    assert _minkman(below, index=FULL).reached == ()


def test_threshold_must_stay_in_range() -> None:
    assert Fraction(50) <= PHASE_THRESHOLD <= Fraction(75)
    with pytest.raises(ValueError):
        score_minkman(items=INDEX, sheets=[], network_claimed_phase=None, threshold=Fraction(40))


# ----------------------------------------------------------------- general properties (hypothesis)

ANSWER = st.one_of(st.none(), st.integers(min_value=0, max_value=3), st.just("absent"))


def _answer_sets(draw_sets) -> list[dict[str, int | None]]:
    people = []
    for row in draw_sets:
        people.append({code: value for code, value in row.items() if value != "absent"})
    return people


CODES = [code for phase in (1, 2, 3, 4) for code in ELEMENTS[phase]]
SHEETS = st.lists(st.fixed_dictionaries({code: ANSWER for code in CODES}), min_size=1, max_size=5)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(rows=SHEETS, data=st.data())
def test_raising_any_answer_never_lowers_the_position(rows, data) -> None:
    people = _answer_sets(rows)
    candidates = [(i, code) for i, person in enumerate(people) for code, value in person.items()
                  if value is not None and value < JA]
    if not candidates:
        return
    i, code = data.draw(st.sampled_from(candidates))
    raised = [dict(person) for person in people]
    raised[i][code] = data.draw(st.integers(min_value=people[i][code] + 1, max_value=JA))
    before, after = _minkman(*people, index=FULL), _minkman(*raised, index=FULL)
    assert _position(after) >= _position(before)
    assert set(before.reached) <= set(after.reached)


@PROPERTY
@given(rows=SHEETS)
def test_planned_is_read_as_no_realisation(rows) -> None:
    people = _answer_sets(rows)
    as_no = [{code: NEE if value == GEPLAND else value for code, value in person.items()} for person in people]
    planned, no = _minkman(*people, index=FULL), _minkman(*as_no, index=FULL)
    assert planned.phases == no.phases
    assert planned.calculated_phase == no.calculated_phase
    assert planned.backlog == no.backlog


@PROPERTY
@given(rows=SHEETS)
def test_partly_counts_at_most_half(rows) -> None:
    # without any "ja" no phase can exceed 50 %, so none is reached and the position is at most 1
    people = [{code: min(value, GEDEELTELIJK) if isinstance(value, int) else value
               for code, value in person.items()} for person in _answer_sets(rows)]
    scores = _minkman(*people, index=FULL)
    assert all(share is None or share <= 50 for share in scores.phases.values())
    assert scores.reached == ()
    assert _position(scores) <= 1


@PROPERTY
@given(rows=SHEETS)
def test_a_phase_without_coverage_is_never_reached(rows) -> None:
    people = _answer_sets(rows)
    scores = _minkman(*people, index=FULL)
    for phase, profile in scores.profile.items():
        covered = sum(
            1 for code in ELEMENTS[phase]
            if sum(1 for person in people if person.get(code) is not None) * 2 >= len(people)
            and any(person.get(code) is not None for person in people))
        assert profile.covered_elements == covered
        if covered * 10 < 7 * len(ELEMENTS[phase]):
            assert profile.status == "insufficient" and phase not in scores.reached
    if scores.calculated_phase is None:
        assert scores.insufficient_data


@PROPERTY
@given(weak=st.sampled_from([1, 2, 3]), rows=st.lists(
    st.fixed_dictionaries({n: st.integers(min_value=0, max_value=3) for n in range(10)}), min_size=1, max_size=4))
def test_one_weak_earlier_phase_does_not_erase_later_phases(weak, rows) -> None:
    others = _all(JA, *(p for p in (1, 2, 3, 4) if p != weak))
    people = [{**others, **{ELEMENTS[weak][n]: value for n, value in row.items()}} for row in rows]
    scores = _minkman(*people, index=FULL)
    assert scores.calculated_phase == 4
    if weak in scores.reached:
        assert scores.backlog == ()
    else:
        (item,) = scores.backlog
        assert item.phase == weak and item.open_elements
        assert set(item.open_elements) <= set(ELEMENTS[weak])


@PROPERTY
@given(rows=SHEETS)
def test_profile_shares_add_up_and_the_backlog_lies_below_the_position(rows) -> None:
    scores = _minkman(*_answer_sets(rows), index=FULL)
    for profile in scores.profile.values():
        total = sum(profile.counts[c] for c in PROFILE_CATEGORIES)
        if total:
            assert sum(profile.shares.values()) == pytest.approx(100.0)
    for item in scores.backlog:
        assert item.phase < scores.calculated_phase
        assert item.phase not in scores.reached


# ----------------------------------------------------------------- claims and JSON


def test_claimed_phase_is_the_lower_median() -> None:
    assert claimed_phase(answers=[1, 2, 3, 4]) == 2
    assert claimed_phase(answers=[3, 2, 3]) == 3
    assert claimed_phase(answers=[4]) == 4
    assert claimed_phase(answers=[]) is None


def test_claims_distribution_and_mismatch_flags() -> None:
    full = {"MK.1.1": 3, "MK.1.2": 3, "MK.2.1": 3, "MK.2.2": 2}  # phase 1 100 %, phase 2 75 %
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


def test_to_dict_carries_profile_coverage_and_backlog() -> None:
    data = _minkman({"MK.1.1": 2, "MK.1.2": 3, "MK.2.1": 0, "MK.2.2": None, "MK.3.1": 3, "MK.3.2": 3}).to_dict()
    assert data["phases"] == {"1": 75.0, "2": 0.0, "3": 100.0, "4": None}
    assert data["threshold"] == 60.0
    assert data["reached"] == [1, 3]
    # phase 2 cannot be judged (1 of 2 elements covered), phases 1 and 3 are reached: two of three support 3
    assert data["calculated_phase"] == 3
    assert data["insufficient_data"] is False
    assert data["insufficient_phases"] == [2, 4]
    assert data["min_element_coverage"] == 70.0 and data["min_respondent_share"] == 50.0
    assert data["profile"]["1"] == {
        "elements": 2, "covered_elements": 2, "coverage": 100.0,
        "counts": {"realised": 1, "partly": 1, "planned": 0, "not": 0, "unknown": 0},
        "shares": {"realised": 50.0, "partly": 50.0, "planned": 0.0, "not": 0.0, "unknown": 0.0},
        "realisation": 75.0, "assessable": True, "reached": True, "status": "reached", "open_elements": ["MK.1.1"],
    }
    assert data["profile"]["2"]["status"] == "insufficient"
    assert data["backlog"] == [{"phase": 2, "open_elements": ["MK.2.1", "MK.2.2"]}]


def test_elements_on_different_scales_in_one_phase_pool_their_credits() -> None:
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
    # 0-3: 2 partly (1/2), 1 planned (0); 1-5: 4 partly (above the middle, 1/2), 5 realised (1)
    assert shares[1] == Fraction(1, 2 + 2) * 2 * 100
    assert counts[1] == 4
    assert shares[2] is None and counts[2] == 0


@given(low=st.integers(-3, 3), width=st.integers(1, 6), a=st.integers(0, 6), b=st.integers(0, 6))
def test_answer_category_never_falls_when_the_answer_rises(low, width, a, b) -> None:
    order = ["not", "planned", "partly", "realised"]
    lo, hi = sorted((min(a, width), min(b, width)))
    assert order.index(answer_category(value=low + lo, scale_min=low, scale_max=low + width)) <= order.index(
        answer_category(value=low + hi, scale_min=low, scale_max=low + width))
