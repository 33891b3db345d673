"""The thesis's own reading, end to end: import_responses, then network_scores.

Seed 004 ("Sterke Schakels") ch. 5.4, lines 2089-2282, judges every success factor in its three practice
examples on two questions: is the factor present (volledig / gedeeltelijk / niet aanwezig), and do the
interviewees recognise it as an important success factor (yes / no)? We digitise that as one paper form per
example, answered on the instrument's 1-5 scales

    present fully -> 5, partly -> 3, not -> 1;   important yes -> 5, no -> 2,

import it as a past round with --create-round, and read the priority matrix from the JSON. The thesis's
conclusions (ch. 5.5) must come out: its six critical factors as strengths (conclusie 1, lines 2477-2489), its
five preconditions as "maintain" (conclusie 2, lines 2495-2507), the client-value factors as under-exposed
(line 2540, conclusie 5) and combining funding streams as the priority (lines 2267-2275, conclusie 4).
"""

import pytest
from django.core.management import call_command

from networks.models import Network, Organisation, Partnership, Sector
from tests.results.results_testkit import network_scores, write_json

pytestmark = pytest.mark.django_db

FULL, PARTLY, NOT = 5, 3, 1
YES, NO = 5, 2
EXAMPLES = ("Duurzame Jeugdzorg Flevoland", "Ketenconvenant Oost-Gelderland", "Doen wat werkt")

# factor: (presence per example, importance per example) -- seed 004 lines in the comments.
THESIS = {
    "SF.K1": ((PARTLY,) * 3, (NO,) * 3),              # 2105-2107 gedeeltelijk; niet als belangrijk herkend
    "SF.K2": ((PARTLY, NOT, PARTLY), (NO,) * 3),      # 2116-2120 gedeeltelijk tot niet; niet benoemd
    "SF.K3": ((NOT,) * 3, (NO,) * 3),                 # 2124-2127 niet vastgelegd; niet benoemd
    "SF.P1": ((FULL,) * 3, (NO,) * 3),                # 2136-2139 in alle; niet genoemd als belangrijk
    "SF.P2": ((FULL,) * 3, (NO,) * 3),                # 2144-2146 afspraken in alle; niet expliciet benoemd
    "SF.P3": ((FULL,) * 3, (YES,) * 3),               # 2152-2154 veel aandacht; belangrijke succesfactor
    "SF.N1": ((PARTLY,) * 3, (NO,) * 3),              # 2162-2165 gedeeltelijk; niet genoemd
    "SF.N2": ((FULL,) * 3, (YES,) * 3),               # 2169-2171 in alle; belangrijk
    "SF.N3": ((PARTLY,) * 3, (NO,) * 3),              # 2175-2179 de facto gescheiden; niet benoemd
    "SF.N4": ((FULL,) * 3, (YES,) * 3),               # 2185-2190 nadrukkelijk; belangrijk
    "SF.N5": ((PARTLY,) * 3, (NO,) * 3),              # 2193-2197 slechts ten dele; niet benoemd
    "SF.O1": ((FULL,) * 3, (NO,) * 3),                # 2206-2208 ketenregisseur in alle; niet belangrijk genoemd
    "SF.O2": ((PARTLY,) * 3, (NO,) * 3),              # 2214-2218 gedeeltelijk; niet duidelijk belangrijk
    "SF.O3": ((FULL,) * 3, (NO,) * 3),                # 2222-2226 in alle aanwezig; niet benoemd
    "SF.O4": ((PARTLY,) * 3, (NO,) * 3),              # 2232-2234 resultaten vooral op samenwerkingsniveau
    "SF.O5": ((FULL,) * 3, (YES,) * 3),               # 2240-2245 visie en strategie; belangrijk
    "SF.O6": ((FULL, FULL, NOT), (YES, YES, NO)),     # 2249-2252 nadrukkelijk in twee van de drie
    "SF.C1": ((FULL,) * 3, (YES,) * 3),               # 2259-2262 regelruimte in alle; belangrijk
    "SF.C2": ((NOT,) * 3, (YES,) * 3),                # 2267-2275 heel belangrijk, mogelijkheden ontbreken
    "SF.C3": ((FULL,) * 3, (NO,) * 3),                # 2279-2282 convenant in alle; niet expliciet benoemd
}


@pytest.fixture
def thesis_network(db) -> Network:
    network = Network.objects.create(name="Sterke Schakels", slug="sterke-schakels")
    for name in EXAMPLES:
        organisation = Organisation.objects.create(name=name, sector=Sector.YOUTH_CARE)
        Partnership.objects.create(network=network, organisation=organisation)
    return network


@pytest.fixture
def thesis_scores(tmp_path, thesis_network, instrument) -> dict:
    responses = []
    for index, example in enumerate(EXAMPLES):
        answers = {}
        for factor, (presence, importance) in THESIS.items():
            answers[f"{factor}.presence"] = presence[index]
            answers[f"{factor}.importance"] = importance[index]
        responses.append({"respondent": f"praktijkvoorbeeld-{index + 1}", "organisation": example,
                          "answers": answers})
    data = {"network": thesis_network.slug, "round": "sterke-schakels-2009", "name": "Sterke Schakels (2009)",
            "responses": responses}
    call_command("import_responses", str(write_json(tmp_path, data)), "--create-round")
    return network_scores(thesis_network.slug)


def _quadrant(scores: dict, name: str) -> set[str]:
    return {code for code, factor in scores["factors"].items() if factor["quadrant"] == name}


def test_six_critical_factors_are_strengths(thesis_scores):
    assert _quadrant(thesis_scores, "strength") == {"SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1"}


def test_five_preconditions_are_maintain(thesis_scores):
    assert _quadrant(thesis_scores, "maintain") == {"SF.P1", "SF.P2", "SF.O1", "SF.O3", "SF.C3"}


def test_client_value_is_underexposed_and_combining_funding_is_the_priority(thesis_scores):
    assert {"SF.K1", "SF.K2", "SF.K3"} <= _quadrant(thesis_scores, "underexposed")
    assert _quadrant(thesis_scores, "priority") == {"SF.C2"}


def test_instrument_flags_agree_with_the_thesis(thesis_scores):
    for code, factor in thesis_scores["factors"].items():
        if factor["critical"]:
            assert factor["quadrant"] == "strength", code
        if factor["precondition"]:
            assert factor["quadrant"] == "maintain", code


def test_client_value_is_the_weakest_area(thesis_scores):
    core = {code: thesis_scores["areas"][code]["presence"] for code in ("K", "P", "N", "O", "C")}
    assert core["K"] == 27.8  # K1 50, K2 33.3, K3 0
    assert min(core, key=lambda code: core[code]) == "K"
    assert thesis_scores["respondents"] == 3
