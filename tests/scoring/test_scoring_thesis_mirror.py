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

from scoring import Respondent, score_round
from scoring.factors import MAINTAIN, PRIORITY, STRENGTH, UNDEREXPOSED
from scoring.standard import success_factor_specs

FULL, PARTLY, NOT = 5, 3, 1
YES, NO = 5, 2
EXAMPLES = ("Duurzame Jeugdzorg Flevoland", "Ketenconvenant Oost-Gelderland", "Doen wat werkt")

# factor: (presence per example, importance per example), with the seed lines it rests on.
THESIS = {
    # 2105-2107: "komt gedeeltelijk naar voren ... niet als belangrijke succesfactor herkend"
    "SF.K1": ((PARTLY,) * 3, (NO,) * 3),
    # 2116-2120: "gedeeltelijk tot niet aanwezig ... niet benoemd als belangrijke succesfactor"
    "SF.K2": ((PARTLY, NOT, PARTLY), (NO,) * 3),
    # 2124-2127: involvement "niet expliciet vastgelegd"; "niet benoemd als belangrijke"
    "SF.K3": ((NOT,) * 3, (NO,) * 3),
    # 2136-2139: "komt naar voren binnen alle"; "niet genoemd als belangrijke succesfactor"
    "SF.P1": ((FULL,) * 3, (NO,) * 3),
    # 2144-2146: agreements made and laid down in all; "niet expliciet benoemd"
    "SF.P2": ((FULL,) * 3, (NO,) * 3),
    # 2152-2154: "veel aandacht" in all; "In alle interviews ... belangrijke succesfactor"
    "SF.P3": ((FULL,) * 3, (YES,) * 3),
    # 2162-2165: "komt gedeeltelijk aan de orde"; "niet genoemd als belangrijke"
    "SF.N1": ((PARTLY,) * 3, (NO,) * 3),
    # 2169-2171: "naar voren binnen alle"; "gezien als belangrijke succesfactor"
    "SF.N2": ((FULL,) * 3, (YES,) * 3),
    # 2175-2179: domains de facto separate, not consciously settled; not named
    "SF.N3": ((PARTLY,) * 3, (NO,) * 3),
    # 2185-2190: "In alle ... nadrukkelijk"; "gezien als een belangrijke succesfactor"
    "SF.N4": ((FULL,) * 3, (YES,) * 3),
    # 2193-2197: number of participants "slechts ten dele onderwerp"; not named
    "SF.N5": ((PARTLY,) * 3, (NO,) * 3),
    # 2206-2208: a ketenregisseur in all, agreements made; "niet ... belangrijke succesfactor"
    "SF.O1": ((FULL,) * 3, (NO,) * 3),
    # 2214-2218: "gedeeltelijk aanwezig"; "niet duidelijk ... belangrijke succesfactor"
    "SF.O2": ((PARTLY,) * 3, (NO,) * 3),
    # 2222-2226: "binnen alle praktijkvoorbeelden aanwezig"; formal consultation not named
    "SF.O3": ((FULL,) * 3, (NO,) * 3),
    # 2232-2234: results mostly at collaboration level, hardly client level; not named
    "SF.O4": ((PARTLY,) * 3, (NO,) * 3),
    # 2240-2245: vision and strategy in all; "gezien als een belangrijke succesfactor"
    "SF.O5": ((FULL,) * 3, (YES,) * 3),
    # 2249-2252: "nadrukkelijk benoemd in twee van de drie" examples, which were set up as a
    # project (the seed does not say which example is the third; we use the last one)
    "SF.O6": ((FULL, FULL, NOT), (YES, YES, NO)),
    # 2259-2262: regelruimte created "in alle"; "gezien als een belangrijke succesfactor"
    "SF.C1": ((FULL,) * 3, (YES,) * 3),
    # 2267-2275: "een hele belangrijke, waar nu nog de mogelijkheden voor ontbreken"
    "SF.C2": ((NOT,) * 3, (YES,) * 3),
    # 2279-2282: an agreement "in alle praktijkvoorbeelden"; "niet expliciet benoemd"
    "SF.C3": ((FULL,) * 3, (NO,) * 3),
}


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
    assert _by_quadrant()[STRENGTH] == {"SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1"}


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
    core = {code: scores.areas[code].presence for code in ("K", "P", "N", "O", "C")}
    assert round(core["K"], 1) == 27.8
    assert min(core, key=core.get) == "K"
    # O6 rests on two of three examples and is still a strength: 3.67 presence, 4.0 importance
    assert round(scores.factors["SF.O6"].presence_mean, 2) == 3.67
    assert scores.factors["SF.O6"].importance_mean == 4.0
