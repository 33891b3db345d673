"""Who may read which report: every report URL for anonymous, outsider, member, coordinator and superuser."""

from unittest import mock

import pytest
from django.urls import reverse

from reports.pdf import RenderResult
from rounds.models import RoundStatus
from tests.reports.report_testkit import make_round, members, respond

URL_NAMES = ["reports:html", "reports:pdf", "reports:personal_html", "reports:personal_pdf"]


def _url(name: str, round) -> str:
    return reverse(name, kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


@pytest.fixture(autouse=True)
def fake_pdf():
    """Access tests do not need WeasyPrint; the PDF tests render for real."""
    with mock.patch("reports.services.render_pdf",
                    return_value=RenderResult(pdf=b"%PDF-1.7 fake", seconds=0.01, refused=[])) as fake:
        yield fake


@pytest.fixture
def closed_round(network, make_membership, member, coordinator):
    round = make_round(network=network, status=RoundStatus.CLOSED)
    for user in [member, *members(network=network, count=3, make_membership=make_membership)]:
        respond(round=round, user=user)
    return round


@pytest.fixture
def open_round(network, make_membership, member, coordinator):
    round = make_round(network=network, slug="open-ronde", status=RoundStatus.OPEN)
    for user in [member, *members(network=network, count=3, make_membership=make_membership)]:
        respond(round=round, user=user)
    return round


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_the_login_page(client, closed_round, name):
    response = client.get(_url(name, closed_round))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_member_of_another_network_gets_404(client_for, outsider, closed_round, name):
    assert client_for(outsider).get(_url(name, closed_round)).status_code == 404


@pytest.mark.parametrize("name", URL_NAMES)
def test_member_cannot_read_a_round_that_is_still_open(client_for, member, open_round, name):
    response = client_for(member).get(_url(name, open_round))
    assert response.status_code == 403
    assert "zodra de coördinator de ronde heeft gesloten" in response.content.decode()


@pytest.mark.parametrize("name", URL_NAMES)
def test_member_can_read_a_closed_round(client_for, member, closed_round, name):
    assert client_for(member).get(_url(name, closed_round)).status_code == 200


@pytest.mark.parametrize("name", ["reports:html", "reports:pdf"])
def test_coordinator_can_read_an_open_round_marked_interim(client_for, coordinator, open_round, name):
    response = client_for(coordinator).get(_url(name, open_round))
    assert response.status_code == 200
    if name == "reports:html":
        assert "Voorlopig" in response.content.decode()


@pytest.mark.parametrize("name", ["reports:html", "reports:pdf"])
def test_superuser_can_read_any_network_report(client_for, superuser, closed_round, name):
    assert client_for(superuser).get(_url(name, closed_round)).status_code == 200


def test_draft_round_is_invisible_to_members(client_for, network, member):
    draft = make_round(network=network, slug="concept", status=RoundStatus.DRAFT)
    assert client_for(member).get(_url("reports:html", draft)).status_code == 404


def test_unknown_round_is_404(client_for, coordinator, network):
    url = reverse("reports:html", kwargs={"network_slug": network.slug, "round_slug": "bestaat-niet"})
    assert client_for(coordinator).get(url).status_code == 404


def test_pdf_is_a_private_attachment(client_for, member, closed_round):
    response = client_for(member).get(_url("reports:pdf", closed_round))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


# --- the personal report belongs to the requesting user only ---------------------------------------------


@pytest.fixture
def distinct_round(network, make_membership, member):
    """Four respondents: the demo member answers everything at the top of each scale, the others at the bottom."""
    round = make_round(network=network, slug="eigen", status=RoundStatus.CLOSED)
    respond(round=round, user=member, default=5)
    others = members(network=network, count=3, make_membership=make_membership)
    for user in others:
        respond(round=round, user=user, default=0)
    return round, others


def test_personal_report_shows_the_requesting_users_own_answers(client_for, member, distinct_round):
    round, _others = distinct_round
    context = client_for(member).get(_url("reports:personal_html", round)).context["report"]
    assert context.overall.own == 100.0  # the member's own answers, all "fully present"
    assert context.overall.network == 25.0  # (100 + 0 + 0 + 0) / 4


def test_another_member_gets_their_own_personal_report_not_someone_elses(client_for, distinct_round):
    round, others = distinct_round
    context = client_for(others[0]).get(_url("reports:personal_html", round)).context["report"]
    assert context.overall.own == 0.0


def test_member_without_a_response_gets_404_for_the_personal_report(client_for, make_membership, network,
                                                                     distinct_round):
    round, _others = distinct_round
    bystander = make_membership(network=network).user
    for name in ("reports:personal_html", "reports:personal_pdf"):
        response = client_for(bystander).get(_url(name, round))
        assert response.status_code == 404
        assert "geen ingediende vragenlijst" in response.content.decode()


def test_an_unsubmitted_response_gives_no_personal_report(client_for, make_membership, network, distinct_round):
    round, _others = distinct_round
    late = make_membership(network=network).user
    respond(round=round, user=late, submitted=False)
    assert client_for(late).get(_url("reports:personal_html", round)).status_code == 404


def test_personal_pdf_is_rendered_for_the_requesting_user(client_for, member, distinct_round, fake_pdf):
    round, _others = distinct_round
    response = client_for(member).get(_url("reports:personal_pdf", round))
    assert response.status_code == 200
    html = fake_pdf.call_args.kwargs["html"]
    assert "Persoonlijk rapport" in html
    assert response["Content-Disposition"].startswith('attachment; filename="persoonlijk-rapport-')
