"""Mirror of the thesis's own reading (seed 004, "Sterke Schakels", ch. 5.4 lines 2089-2282).

Chapter 5.4 judges every success factor in three practice examples (ch. 5.1: Duurzame
Jeugdzorg Flevoland, Ketenconvenant Oost-Gelderland, Doen wat werkt) on two questions:
is it present (volledig / gedeeltelijk / niet aanwezig) and is it recognised as an
important success factor (yes / no). We let one respondent per example answer the
instrument as the thesis describes that example, with

    present fully -> 5, partly -> 3, not -> 1;   important yes -> 5, no -> 2,

and check that the priority matrix reproduces the thesis's conclusions: the six critical
factors (ch. 5.5, conclusie 1, lines 2477-2489) are strengths, the five preconditions
(conclusie 2, lines 2495-2507) are present but not named as important ("maintain"), the
client-value factors are under-exposed ("onderbelicht", line 2540 and conclusie 5, line 2561)
and combining funding streams is the priority, the main obstacle (lines 2273-2275 and
conclusie 4, line 2555).
"""

from networks.thesis import FULL, NO, NOT, PARTLY, THESIS_CASES, THESIS_FACTORS, YES
from scoring import Respondent, score_round
from scoring.factors import MAINTAIN, PRIORITY, STRENGTH, UNDEREXPOSED
from scoring.standard import success_factor_specs

PRESENCE = {FULL: 5, PARTLY: 3, NOT: 1}
IMPORTANCE = {YES: 5, NO: 2}
# The thesis's reading factor by factor, with the seed lines it rests on, is networks/thesis.py (the demo
# simulates its answers from the same table).
THESIS = {
    factor: (tuple(PRESENCE[p] for p in presence), tuple(IMPORTANCE[i] for i in importance))
    for factor, (presence, importance) in THESIS_FACTORS.items()
}
EXAMPLES = THESIS_CASES


def _known(value: float | None) -> float:
    assert value is not None
    return value


def _respondents() -> list[Respondent]:
    people = []
    for index, example in enumerate(EXAMPLES):
        answers: dict[str, int | None] = {}
        for factor, (presence, importance) in THESIS.items():
            answers[f"{factor}.presence"] = presence[index]
            answers[f"{factor}.importance"] = importance[index]
        people.append(Respondent(id=f"r{index}", organisation=example, answers=answers))
    return people


def _by_quadrant() -> dict[str, set[str]]:
    scores = score_round(items=success_factor_specs(), respondents=_respondents())
    result: dict[str, set[str]] = {}
    for code, factor in scores.factors.items():
        if factor.quadrant is not None:
            result.setdefault(factor.quadrant, set()).add(code)
    return result


def test_six_critical_factors_are_strengths() -> None:
    # and durf, the factor from practice named in all interviews (lines 2394-2400)
    assert _by_quadrant()[STRENGTH] == {"SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1", "SF.X1"}


def test_five_preconditions_are_present_but_taken_for_granted() -> None:
    assert _by_quadrant()[MAINTAIN] == {"SF.P1", "SF.P2", "SF.O1", "SF.O3", "SF.C3"}


def test_client_value_is_underexposed_and_funding_is_the_priority() -> None:
    quadrants = _by_quadrant()
    assert {"SF.K1", "SF.K2", "SF.K3"} <= quadrants[UNDEREXPOSED]
    assert quadrants[PRIORITY] == {"SF.C2"}
    # the rest of the twenty: partly present and not named as important
    assert quadrants[UNDEREXPOSED] - {"SF.K1", "SF.K2", "SF.K3"} == {
        "SF.N1",
        "SF.N3",
        "SF.N5",
        "SF.O2",
        "SF.O4",
    }


def test_flags_match_the_matrix_and_client_value_scores_lowest() -> None:
    scores = score_round(items=success_factor_specs(), respondents=_respondents())
    for factor in scores.factors.values():
        if factor.critical:
            assert factor.quadrant == STRENGTH, factor.code
        if factor.precondition:
            assert factor.quadrant == MAINTAIN, factor.code
    # K: K1 50, K2 (7/3 - 1) / 4 * 100 = 33.3, K3 0 -> 27.8, the lowest core area
    core = {code: _known(scores.areas[code].presence) for code in ("K", "P", "N", "O", "C")}
    assert round(core["K"], 1) == 27.8
    assert min(core, key=lambda code: core[code]) == "K"
    # O6 rests on two of three examples and is still a strength: 3.67 presence, 4.0 importance
    assert round(_known(scores.factors["SF.O6"].presence_mean), 2) == 3.67
    assert scores.factors["SF.O6"].importance_mean == 4.0
