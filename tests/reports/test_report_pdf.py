"""The real PDF, rendered by WeasyPrint for the demo networks, read back with pypdf."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.models import Dimension
from networks.demo import DEMO_LOGINS
from networks.models import Membership, Network, PlatformRole
from reports.advice import load_advice
from reports.content.advice_sections import report_advice_targets
from reports.content.summary import priority_factor_codes
from reports.selectors import report_items, report_scores_and_history
from rounds.models import Round, RoundStatus
from scoring.serialise import round1
from tests.must import present
from tests.reports.report_testkit import flat, load_demo, make_round, members, pdf_text, respond


def _area_text(value: float) -> str:
    """As the report prints it: one decimal, half away from zero (docs/scoring.md), Dutch comma."""
    return f"{round1(value=value):.1f}".replace(".", ",")


@pytest.fixture
def demo(db):
    load_demo()


def _coordinator_of(network: Network):
    return present(Membership.objects.filter(network=network, role=PlatformRole.COORDINATOR).first()).user


@pytest.mark.parametrize("slug", ["duurzame-jeugdzorg-flevoland", "ketenconvenant-oost-gelderland", "doen-wat-werkt"])
def test_demo_network_report_pdf_holds_name_phase_area_scores_and_advice(demo, client_for, slug):
    round = Round.objects.filter(network__slug=slug, status=RoundStatus.CLOSED).latest("opens_on")
    scores, _history = report_scores_and_history(round=round)
    assert scores.reportable

    response = client_for(_coordinator_of(round.network)).get(
        reverse("reports:pdf", kwargs={"network_slug": slug, "round_slug": round.slug}))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = flat(pdf_text(response.content))

    assert round.network.name in text
    phase_title = Dimension.objects.get(module__instrument=round.instrument, module__code="MK",
                                        code=str(scores.minkman.calculated_phase)).title_nl
    assert phase_title in text
    for code, area in scores.areas.items():
        assert _area_text(present(area.presence)) in text, (code, area.presence)
    priorities = priority_factor_codes(factors=_factor_rows(scores, round))
    assert priorities, "the demo data puts combining funding streams (SF.C2) in the priority quadrant"
    (first, recommendations), *_rest = load_advice().for_targets(report_advice_targets(scores=scores), max_per_code=3)
    assert first.code == priorities[0]
    assert recommendations[0].title["nl"] in text


def _factor_rows(scores, round):
    from reports.content.rows import factor_rows
    from results.labels import labels_from_items

    return factor_rows(scores=scores, labels=labels_from_items(items=report_items(round=round)))


def test_round_with_too_few_respondents_shows_the_suppression_notice_instead_of_breakdowns(
        network, make_membership, coordinator, client_for):
    round = make_round(network=network)
    for user in members(network=network, count=2, make_membership=make_membership):
        respond(round=round, user=user, comment="Vertrouwelijke opmerking", consent=True)
    response = client_for(coordinator).get(
        reverse("reports:pdf", kwargs={"network_slug": network.slug, "round_slug": round.slug}))
    text = flat(pdf_text(response.content))
    assert "Te weinig respondenten" in text
    assert "pas getoond vanaf 3 respondenten" in text
    # ("Prioriteitenmatrix" itself does occur: as a heading of the method appendix.)
    for absent in ("Partnerorganisatie × deelgebied", "Niveau × deelgebied",
                   "Vertrouwelijke opmerking", "Samenvatting"):
        assert absent not in text
    assert "Methode en bronnen" in text  # the method appendix is always there


def test_personal_pdf_of_a_demo_member(demo, client):
    member = get_user_model().objects.exclude(email=DEMO_LOGINS["member"]).filter(
        responses__round__status=RoundStatus.CLOSED, responses__submitted_at__isnull=False).first()
    round = Round.objects.filter(responses__respondent=member, status=RoundStatus.CLOSED).earliest("pk")
    client.force_login(member)
    response = client.get(reverse("reports:personal_pdf",
                                  kwargs={"network_slug": round.network.slug, "round_slug": round.slug}))
    assert response.status_code == 200
    text = flat(pdf_text(response.content))
    assert "persoonlijk rapport" in text.lower()
    assert round.network.name in text
    assert "Uw inschatting van de fase" in text
