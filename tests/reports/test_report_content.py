"""What the report says: sections, comments with consent only, phase explanations, language, trend."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reports.content import network_report_get
from reports.content.rows import UNREALISED_MEDIAN
from rounds.models import RoundStatus
from tests.must import present
from tests.reports.report_testkit import make_round, members, respond


def _html(client, round):
    return client.get(reverse("reports:html", kwargs={"network_slug": round.network.slug, "round_slug": round.slug}))


@pytest.fixture
def people(network, make_membership):
    return members(network=network, count=4, make_membership=make_membership)


def test_html_report_has_all_ten_sections(client_for, coordinator, network, people):
    round = make_round(network=network)
    for user in people:
        respond(round=round, user=user)
    page = _html(client_for(coordinator), round).content.decode()
    for heading in ("Respons per partnerorganisatie", "Samenvatting", "Succesfactoren", "Ontwikkelingsfase",
                    "Samenwerkingsuitdagingen", "Verschillen", "Ontwikkeling over de rondes", "Advies",
                    "Open opmerkingen", "Methode en bronnen"):
        assert heading in page, heading
    assert 'role="img"' in page  # the charts are inline SVG
    assert "Prioriteitenmatrix" in page  # the method appendix is docs/scoring.nl.md for Dutch viewers
    assert "Publieke API (Python)" not in page  # its developer sections are left out


def test_comments_only_from_submitted_responses_with_consent(network, people):
    round = make_round(network=network)
    respond(round=round, user=people[0], comment="Mag in het rapport", consent=True)
    respond(round=round, user=people[1], comment="Geen toestemming gegeven", consent=False)
    respond(round=round, user=people[2], comment="Nog niet ingediend", consent=True, submitted=False)
    respond(round=round, user=people[3])
    report = network_report_get(round=round, interim=False)
    texts = [text for group in report.comments for text in group.texts]
    assert texts == ["Mag in het rapport"]
    assert report.comments[0].heading.startswith("Succesfactoren")


def test_no_comments_below_the_minimum_group_size(network, people):
    round = make_round(network=network)
    respond(round=round, user=people[0], comment="Te herleiden", consent=True)
    respond(round=round, user=people[1], comment="Ook te herleiden", consent=True)
    report = network_report_get(round=round, interim=False)
    assert not report.reportable
    assert report.comments == []
    assert report.heatmaps == []


def test_suppressed_html_report_says_why(client_for, coordinator, network, people):
    round = make_round(network=network)
    respond(round=round, user=people[0])
    page = _html(client_for(coordinator), round).content.decode()
    assert "Te weinig respondenten" in page
    assert "Partnerorganisatie × deelgebied" not in page


def test_elements_with_a_median_below_partly_are_listed_as_not_yet_realised(network, people):
    round = make_round(network=network)
    for user in people[:3]:
        respond(round=round, user=user, default=3, values={"MK.2.1": 1})  # "gepland"
    report = network_report_get(round=round, interim=False)
    phase2 = report.phases[1]
    assert [e.code for e in phase2.unrealised] == ["MK.2.1"]
    assert present(phase2.unrealised[0].median) < UNREALISED_MEDIAN
    assert all(not p.unrealised for p in report.phases if p.phase != 2)


def test_phase_mismatch_is_explained(network, people):
    network.claimed_phase = 4
    network.save()
    round = make_round(network=network)
    for user in people[:3]:
        # Phases 1 and 2 fully realised, 3 and 4 not at all; respondents also claim phase 4.
        values = {f"MK.{p}.{n}": (3 if p <= 2 else 0) for p in range(1, 5) for n in range(1, 11)}
        respond(round=round, user=user, values={**values, "MK.phase": 4})
    report = network_report_get(round=round, interim=False)
    summary = present(report.summary)
    assert summary.calculated_phase == 2
    (note,) = summary.phase_notes  # respondents and network agree, so one explanation
    assert "fase 4" in note and "fase 2" in note and "fase 3 is voor 0,0%" in note


def test_interim_report_warns_that_results_can_change(network, people):
    round = make_round(network=network, status=RoundStatus.OPEN)
    for user in people[:3]:
        respond(round=round, user=user)
    report = network_report_get(round=round, interim=True)
    assert any("Voorlopig" in warning for warning in report.warnings)


def test_priority_factor_gets_source_based_advice(network, people):
    round = make_round(network=network)
    for user in people[:3]:
        respond(round=round, user=user, default=3, values={"SF.C2.presence": 1, "SF.C2.importance": 5})
    report = network_report_get(round=round, interim=False)
    first = report.advice[0]
    assert (first.code, first.kind) == ("SF.C2", "priority")
    assert first.items and all(item.source for item in first.items)
    assert report.advice[-1].kind == "phase"


def test_report_follows_the_viewers_language(network, people):
    round = make_round(network=network)
    for user in people[:3]:
        respond(round=round, user=user, default=3, values={"SF.C2.presence": 1, "SF.C2.importance": 5})
    with translation.override("en"):
        report = network_report_get(round=round, interim=False)
    assert report.language == "en"
    assert report.areas[0].label == "Client value"
    assert report.advice[0].items[0].title == "Work on structural funding from the start"


def test_trend_appears_when_an_earlier_round_exists(network, people):
    import datetime as dt

    earlier = make_round(network=network, slug="vorig-jaar", opens_on=dt.date(2025, 3, 1))
    for user in people[:3]:
        respond(round=earlier, user=user, default=2)
    current = make_round(network=network, slug="dit-jaar", opens_on=dt.date(2026, 3, 1))
    for user in people[:3]:
        respond(round=current, user=user, default=4)
    report = network_report_get(round=current, interim=False)
    assert report.trend is not None
    assert report.trend.rounds == [earlier.name, current.name]
    overall = report.trend.deltas[0]
    assert overall.delta == 50.0  # presence 2 → 4 on 1-5 is 25 → 75 on 0-100
    assert network_report_get(round=earlier, interim=False).trend is None


def test_round_links_partial_shows_report_links_to_members_only_after_close(network, people, rf):
    round = make_round(network=network, status=RoundStatus.OPEN)
    member_access = type("Access", (), {"is_coordinator": False})()
    coordinator_access = type("Access", (), {"is_coordinator": True})()
    context = {"network": network, "round": round}
    hidden = render_to_string("reports/_partials/round_links.html", {**context, "access": member_access})
    assert "report.pdf" not in hidden
    shown = render_to_string("reports/_partials/round_links.html", {**context, "access": coordinator_access})
    assert reverse("reports:pdf", kwargs={"network_slug": network.slug, "round_slug": round.slug}) in shown
    assert "Voorlopig" in shown
