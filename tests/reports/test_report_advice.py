"""The report's advice section, end to end: answers through the ORM, scores, selection, the rendered HTML.

The rules are in docs/advice.md; the pure selection is tested in test_advice_selection.py.
"""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import Item, Module
from reports.advice import BACKLOG, AdviceTarget, load_advice
from reports.content import network_report_get
from reports.content.advice_sections import advice_sections
from reports.selectors import report_items
from results.labels import labels_from_items
from rounds.models import Answer
from tests.must import present
from tests.reports.report_testkit import make_round, members, respond

pytestmark = pytest.mark.django_db

# The thesis's ch. 5.4 reading of its three practice examples (seed 004 lines 2089-2282), one respondent
# per example, as in tests/results/test_results_thesis_mirror.py: present fully 5, partly 3, not 1;
# important yes 5, no 2. Everything else is answered "weet niet".
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


def _thesis_values(index: int) -> dict[str, int]:
    values = {}
    for factor, (presence, importance) in THESIS.items():
        values[f"{factor}.presence"] = presence[index]
        values[f"{factor}.importance"] = importance[index]
    return values


def _sections(report):
    return {section.code: section for section in report.advice}


@pytest.fixture
def thesis_report(network, make_membership):
    round = make_round(network=network)
    for index, user in enumerate(members(network=network, count=3, make_membership=make_membership)):
        respond(round=round, user=user, values=_thesis_values(index), default=None)
    with translation.override("nl"):
        return network_report_get(round=round, interim=False)


def test_on_the_thesis_case_the_advice_addresses_client_value_and_still_funding(thesis_report):
    sections = _sections(thesis_report)
    # funding (SF.C2) is the priority and comes first, with aanbeveling 7
    assert thesis_report.advice[0].code == "SF.C2" and thesis_report.advice[0].kind == "priority"
    assert "REC.004.7" in [item.code for item in sections["SF.C2"].items]
    # client value is under-exposed and gets advice: aanbeveling 3 and 003's "vraag organiseren"
    client_value = [s for s in thesis_report.advice if s.code.startswith("SF.K")]
    assert {s.code for s in client_value} == {"SF.K1", "SF.K2", "SF.K3"}
    assert all(s.kind == "underexposed" and s.note for s in client_value)
    shown = {item.code for s in client_value for item in s.items}
    assert {"REC.004.3", "REC.003.vraag"} <= shown
    # client value leads the blind spots
    underexposed = [s.code for s in thesis_report.advice if s.kind == "underexposed"]
    assert underexposed[:3] == ["SF.K3", "SF.K2", "SF.K1"] and len(underexposed) == 8


def test_on_the_thesis_case_there_is_no_precondition_challenge_or_complexity_advice(thesis_report):
    kinds = {section.kind for section in thesis_report.advice}
    # the five preconditions are present in all three examples; nobody answered the poll or module CX
    assert not kinds & {"precondition", "challenge", "complexity"}
    # no phase elements were answered, so the phase advice is about gathering better data
    (phase,) = [s for s in thesis_report.advice if s.kind in ("phase", "phase_data")]
    assert phase.kind == "phase_data" and phase.code == "MK.data"
    assert phase.items[0].code == "REC.004.MKdata" and phase.items[0].practice


def test_practice_advice_is_labelled_as_such_in_both_languages(thesis_report):
    with translation.override("nl"):
        html = render_to_string("reports/_partials/advice.html", {"report": thesis_report})
    assert "Praktijkadvies van Ketenregie" in html
    assert html.count("Praktijkadvies van Ketenregie") == 1  # only REC.004.MKdata is practice advice here
    with translation.override("en"):
        html = render_to_string("reports/_partials/advice.html", {"report": thesis_report})
    assert "Ketenregie practice advice" in html


def test_a_missing_precondition_gets_advice_even_when_not_seen_as_important(network, make_membership):
    round = make_round(network=network)
    for user in members(network=network, count=3, make_membership=make_membership):
        # everything well in place and important, except the agreement on regie: absent, "onbelangrijk"
        respond(round=round, user=user, default=5, values={"SF.O1.presence": 1, "SF.O1.importance": 1})
    report = network_report_get(round=round, interim=False)
    factor = next(f for f in report.factors if f.code == "SF.O1")
    assert factor.quadrant == "underexposed"  # not important: the matrix alone would not make it a priority
    section = _sections(report)["SF.O1"]
    assert section.kind == "precondition"
    assert "ontevredenheid" in section.note
    assert section.items[0].code == "REC.004.2c.v2"
    assert [s.code for s in report.advice if s.kind == "underexposed"] == []


def _poll_round(network, make_membership, recognisers: dict[str, int]):
    """Six respondents; ``recognisers`` says for a challenge how many of them recognise it clearly."""
    round = make_round(network=network)
    people = members(network=network, count=6, make_membership=make_membership)
    for index, user in enumerate(people):
        values = {f"KO.{n}": 0 for n in range(1, 10)}
        for code, count in recognisers.items():
            if index < count:
                values[code] = 2
        respond(round=round, user=user, default=3, values=values)
    return network_report_get(round=round, interim=False)


def test_low_recognised_challenges_give_no_challenge_advice(network, make_membership):
    # the top three is recognised by one respondent in six each (17 %)
    report = _poll_round(network, make_membership, {"KO.3": 1, "KO.5": 1, "KO.6": 1})
    assert len([row for row in report.challenges if row.top]) == 3
    assert [s for s in report.advice if s.kind == "challenge"] == []


def test_a_challenge_recognised_by_half_gets_advice(network, make_membership):
    report = _poll_round(network, make_membership, {"KO.5": 3, "KO.6": 1})
    assert [s.code for s in report.advice if s.kind == "challenge"] == ["KO.5"]
    assert _sections(report)["KO.5"].items[0].code == "REC.002.KO5"


def test_the_backlog_section_names_its_open_elements(network):
    round = make_round(network=network)
    labels = labels_from_items(items=report_items(round=round))
    target = AdviceTarget(kind=BACKLOG, code="MK.2.open", elements=("MK.2.1", "MK.2.6"))
    with translation.override("nl"):
        (section,) = advice_sections(advice=load_advice(), targets=[target], labels=labels)
    assert section.kind == "backlog" and section.heading.startswith("Achterstand in fase 2")
    assert section.elements == [labels.item("MK.2.1"), labels.item("MK.2.6")]
    assert [item.code for item in section.items] == ["REC.004.MK2.open"]
    html = render_to_string("reports/_partials/advice.html", {"report": type("R", (), {"advice": [section]})})
    assert labels.item("MK.2.6") in html


def test_the_complexity_module_selects_its_strategy(network, make_membership):
    round = make_round(network=network)
    round.optional_modules.add(Module.objects.get(instrument=round.instrument, code="CX"))
    cx_items = list(Item.objects.filter(instrument=round.instrument, dimension__module__code="CX"))
    assert len(cx_items) == 5
    for user in members(network=network, count=3, make_membership=make_membership):
        response = respond(round=round, user=user)
        Answer.objects.bulk_create([Answer(response=response, item=item, value=5) for item in cx_items])
    report = network_report_get(round=round, interim=False)
    (section,) = [s for s in report.advice if s.kind == "complexity"]
    assert section.code == "CX.complex"
    assert [item.code for item in section.items] == ["REC.003.cx.complex"]


def test_a_gap_in_phase_2_is_advised_as_a_backlog_before_the_position(network, make_membership):
    # phases 1, 3 and 4 fully realised, "nee" on half of phase 2 (the first cliff edge of issue 11)
    round = make_round(network=network)
    gap = {f"MK.2.{n}": 0 for n in range(1, 6)}
    for user in members(network=network, count=3, make_membership=make_membership):
        respond(round=round, user=user, default=3, values=gap)
    with translation.override("nl"):
        report = network_report_get(round=round, interim=False)
    phase_sections = [s for s in report.advice if s.kind in ("backlog", "phase", "phase_data")]
    position = present(report.summary).calculated_phase
    assert position is not None and position > 2
    assert [(s.kind, s.code) for s in phase_sections] == [("backlog", "MK.2.open"), ("phase", f"MK.{position}")]
    backlog = phase_sections[0]
    assert backlog.items[0].code == "REC.004.MK2.open"
    labels = labels_from_items(items=report_items(round=round))
    assert backlog.elements == [labels.item(f"MK.2.{n}") for n in range(1, 6)]
    # the network is not told to sign a collaboration agreement (phase 1 advice)
    assert "MK.1" not in {s.code for s in report.advice}
