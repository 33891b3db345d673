"""Which situations get advice (reports/advice.py): pure functions, plain values in, target codes out.

The rules and their sources are documented in docs/advice.md. No database.
"""

from dataclasses import dataclass

import pytest

from reports.advice import (
    BACKLOG,
    CHALLENGE_MIN_RESPONDENTS,
    CHALLENGE_MIN_SHARE,
    PHASE,
    PHASE_DATA,
    AdviceTarget,
    advised_challenges,
    complexity_target,
    factor_targets,
    load_advice,
    phase_targets,
    recognising_respondents,
    select_targets,
)
from scoring import Respondent, score_round
from scoring.standard import challenge_specs, success_factor_specs
from scoring.types import PhaseBacklog as Backlog


@dataclass(frozen=True)
class Factor:
    area: str
    presence: float | None
    importance: float | None
    quadrant: str | None
    precondition: bool = False


@dataclass(frozen=True)
class Challenge:
    recognised_share: float | None
    n: int


# --- the thesis's own case (004 ch. 5.4), as in tests/scoring/test_scoring_thesis_mirror.py ---------

FULL, PARTLY, NOT = 5, 3, 1
YES, NO = 5, 2
THESIS = {
    "SF.K1": ((PARTLY,) * 3, (NO,) * 3), "SF.K2": ((PARTLY, NOT, PARTLY), (NO,) * 3),
    "SF.K3": ((NOT,) * 3, (NO,) * 3), "SF.P1": ((FULL,) * 3, (NO,) * 3), "SF.P2": ((FULL,) * 3, (NO,) * 3),
    "SF.P3": ((FULL,) * 3, (YES,) * 3), "SF.N1": ((PARTLY,) * 3, (NO,) * 3), "SF.N2": ((FULL,) * 3, (YES,) * 3),
    "SF.N3": ((PARTLY,) * 3, (NO,) * 3), "SF.N4": ((FULL,) * 3, (YES,) * 3), "SF.N5": ((PARTLY,) * 3, (NO,) * 3),
    "SF.O1": ((FULL,) * 3, (NO,) * 3), "SF.O2": ((PARTLY,) * 3, (NO,) * 3), "SF.O3": ((FULL,) * 3, (NO,) * 3),
    "SF.O4": ((PARTLY,) * 3, (NO,) * 3), "SF.O5": ((FULL,) * 3, (YES,) * 3),
    "SF.O6": ((FULL, FULL, NOT), (YES, YES, NO)), "SF.C1": ((FULL,) * 3, (YES,) * 3),
    "SF.C2": ((NOT,) * 3, (YES,) * 3), "SF.C3": ((FULL,) * 3, (NO,) * 3),
}


def _thesis_scores():
    people = []
    for index in range(3):
        answers = {}
        for factor, (presence, importance) in THESIS.items():
            answers[f"{factor}.presence"] = presence[index]
            answers[f"{factor}.importance"] = importance[index]
        people.append(Respondent(id=f"r{index}", answers=answers))
    return score_round(items=success_factor_specs(), respondents=people)


def test_on_the_thesis_case_funding_is_the_priority_and_client_value_leads_the_blind_spots():
    targets = factor_targets(factors=_thesis_scores().factors)
    assert targets.priority == ("SF.C2",)
    # the five preconditions are present in all three examples (lines 2136-2146, 2206-2226, 2279-2282)
    assert targets.missing_preconditions == ()
    # client value first, the least present first: K3 (0), K2 (33.3), K1 (50); then the other blind spots
    assert targets.underexposed[:3] == ("SF.K3", "SF.K2", "SF.K1")
    assert set(targets.underexposed[3:]) == {"SF.N1", "SF.N3", "SF.N5", "SF.O2", "SF.O4"}


def test_on_the_thesis_case_the_advice_addresses_client_value_and_still_funding():
    advice = load_advice()
    factors = factor_targets(factors=_thesis_scores().factors)
    sections = dict(advice.for_report(priority_factors=factors.priority,
                                      missing_preconditions=factors.missing_preconditions,
                                      underexposed_factors=factors.underexposed, calculated_phase=None,
                                      max_per_code=3))
    shown = {r.code for items in sections.values() for r in items}
    assert {"REC.004.3", "REC.003.vraag"} <= shown  # aanbeveling 3 and 003's "vraag organiseren"
    assert {r.code for r in sections["SF.C2"]} >= {"REC.004.7"}  # aanbeveling 7: funding
    assert list(sections)[0] == "SF.C2"  # the priority stays first


def test_a_missing_precondition_gets_advice_even_when_nobody_calls_it_important():
    factors = {
        "SF.O1": Factor(area="O", presence=25.0, importance=25.0, quadrant="underexposed", precondition=True),
        "SF.P2": Factor(area="P", presence=10.0, importance=90.0, quadrant="priority", precondition=True),
        "SF.C3": Factor(area="C", presence=90.0, importance=10.0, quadrant="maintain", precondition=True),
        "SF.K1": Factor(area="K", presence=40.0, importance=20.0, quadrant="underexposed"),
        "SF.N1": Factor(area="N", presence=20.0, importance=20.0, quadrant="underexposed"),
    }
    targets = factor_targets(factors=factors)
    # lowest presence first; a present precondition (C3) needs no advice
    assert targets.missing_preconditions == ("SF.P2", "SF.O1")
    assert targets.priority == ()  # P2 is listed once, as a missing precondition
    # client value before the other blind spots, although N1 is less present
    assert targets.underexposed == ("SF.K1", "SF.N1")


def test_factors_without_data_get_no_advice():
    factors = {"SF.O1": Factor(area="O", presence=None, importance=None, quadrant=None, precondition=True)}
    assert factor_targets(factors=factors).missing_preconditions == ()


def test_priority_factors_widest_gap_first():
    factors = {
        "SF.O5": Factor(area="O", presence=40.0, importance=60.0, quadrant="priority"),
        "SF.C2": Factor(area="C", presence=0.0, importance=100.0, quadrant="priority"),
        "SF.N4": Factor(area="N", presence=30.0, importance=50.0, quadrant="priority"),
    }
    assert factor_targets(factors=factors).priority == ("SF.C2", "SF.N4", "SF.O5")


# --- challenges -----------------------------------------------------------------------------------


def _poll(answers_per_person: list[dict[str, int]]):
    people = [Respondent(id=f"r{i}", answers=answers) for i, answers in enumerate(answers_per_person)]
    scores = score_round(items=challenge_specs(), respondents=people)
    return scores.top_challenges, scores.challenges


def test_a_top_three_with_17_percent_recognition_gives_no_challenge_advice():
    # six respondents, each recognises one different challenge clearly: every top challenge is 1 in 6
    people = [{f"KO.{n}": 0 for n in range(1, 10)} for _ in range(6)]
    for index, person in enumerate(people):
        person[f"KO.{index + 1}"] = 2
    top, challenges = _poll(people)
    assert len(top) == 3 and all(round(challenges[c].recognised_share) == 17 for c in top)
    assert advised_challenges(top=top, challenges=challenges) == ()


def test_a_challenge_recognised_by_a_third_and_at_least_two_people_gets_advice():
    people = [{f"KO.{n}": 0 for n in range(1, 10)} for _ in range(6)]
    for person in people[:2]:
        person["KO.5"] = 3
    people[2]["KO.1"] = 2
    top, challenges = _poll(people)
    assert top[0] == "KO.5"
    assert advised_challenges(top=top, challenges=challenges) == ("KO.5",)


@pytest.mark.parametrize(
    ("share", "n", "advised"),
    [
        (100 / 3, 3, False),  # a third, but that is one person of three
        (2 / 3 * 100, 3, True),  # two of three
        (100 / 3, 6, True),  # two of six: exactly the threshold
        (30.0, 10, False),  # three of ten: below a third
        (None, 5, False),
    ],
)
def test_challenge_threshold(share, n, advised):
    challenges = {"KO.4": Challenge(recognised_share=share, n=n)}
    assert (advised_challenges(top=["KO.4"], challenges=challenges) == ("KO.4",)) is advised


def test_threshold_constants_are_documented_values():
    assert float(CHALLENGE_MIN_SHARE) == pytest.approx(33.333, abs=0.001)
    assert CHALLENGE_MIN_RESPONDENTS == 2
    assert recognising_respondents(challenge=Challenge(recognised_share=100 / 3, n=6)) == 2


# --- phase ----------------------------------------------------------------------------------------


def test_the_backlog_picks_its_advice_before_the_position():
    targets = phase_targets(position=3, backlog=[Backlog(phase=2, open_elements=("MK.2.3", "MK.2.5"))])
    assert targets == (
        AdviceTarget(kind=BACKLOG, code="MK.2.open", elements=("MK.2.3", "MK.2.5")),
        AdviceTarget(kind=PHASE, code="MK.3"),
    )
    sections = load_advice().for_targets(targets)
    assert [(t.code, [r.code for r in items]) for t, items in sections][0] == ("MK.2.open", ["REC.004.MK2.open"])


def test_several_backlog_phases_lowest_first_and_empty_or_later_ones_left_out():
    backlog = [
        Backlog(phase=2, open_elements=("MK.2.1",)),
        Backlog(phase=1, open_elements=("MK.1.9",)),
        Backlog(phase=3, open_elements=()),  # nothing open
        Backlog(phase=4, open_elements=("MK.4.1",)),  # the position's own phase or later: MK.4 covers it
    ]
    assert [t.code for t in phase_targets(position=4, backlog=backlog)] == ["MK.1.open", "MK.2.open", "MK.4"]


def test_too_few_answers_give_data_advice_instead_of_a_phase():
    targets = phase_targets(position=None, backlog=[Backlog(phase=1, open_elements=("MK.1.2",))])
    assert [t.code for t in targets] == ["MK.1.open", "MK.data"]
    assert targets[-1].kind == PHASE_DATA
    ((target, items),) = [s for s in load_advice().for_targets(targets) if s[0].kind == PHASE_DATA]
    assert [r.code for r in items] == ["REC.004.MKdata"] and items[0].practice


def test_without_backlog_only_the_position():
    assert [t.code for t in phase_targets(position=1)] == ["MK.1"]


@pytest.mark.parametrize("position", [0, 5, True, "2"])
def test_a_position_outside_1_to_4_is_refused(position):
    with pytest.raises(ValueError):
        phase_targets(position=position)


def test_an_older_advice_file_gives_no_section_for_targets_it_does_not_know():
    old = load_advice(version=1)
    targets = phase_targets(position=None, backlog=[Backlog(phase=2, open_elements=("MK.2.1",))])
    assert old.for_targets(targets) == []


# --- complexity -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "code"),
    [(None, None), (0.0, "CX.simple"), (37.5, "CX.simple"), (37.6, "CX.mixed"), (50.0, "CX.mixed"),
     (62.4, "CX.mixed"), (62.5, "CX.complex"), (100.0, "CX.complex")],
)
def test_complexity_selects_the_strategy_of_seed_003(score, code):
    assert complexity_target(score=score) == code


def test_complexity_advice_is_the_matching_strategy():
    advice = load_advice()
    for code, expected in (("CX.simple", "REC.003.cx.simple"), ("CX.complex", "REC.003.cx.complex"),
                           ("CX.mixed", "REC.003.complexiteit")):
        assert [r.code for r in advice.for_code(code)] == [expected]


# --- the whole selection --------------------------------------------------------------------------


def test_select_targets_orders_the_situations_and_keeps_each_code_once():
    targets = select_targets(
        priority_factors=["SF.C2"], missing_preconditions=["SF.O1"], underexposed_factors=["SF.K1", "SF.C2"],
        top_challenges=["KO.5"], calculated_phase=3, phase_backlog=[Backlog(phase=2, open_elements=("MK.2.1",))],
        complexity="CX.complex",
    )
    assert [(t.kind, t.code) for t in targets] == [
        ("priority", "SF.C2"), ("precondition", "SF.O1"), ("underexposed", "SF.K1"), ("challenge", "KO.5"),
        ("backlog", "MK.2.open"), ("phase", "MK.3"), ("complexity", "CX.complex"),
    ]


@pytest.mark.parametrize(
    "kwargs",
    [{"missing_preconditions": ["KO.1"]}, {"underexposed_factors": "SF.K1"}, {"complexity": "CX.hard"},
     {"top_challenges": ["SF.K1"]}],
)
def test_select_targets_refuses_wrong_codes(kwargs):
    with pytest.raises(ValueError):
        select_targets(calculated_phase=1, **kwargs)
