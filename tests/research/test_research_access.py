"""Who may open the research area, the benchmark page and the consent history."""

import pytest
from django.urls import reverse

from networks.models import PlatformRole
from rounds.models import RoundStatus
from tests.research.research_testkit import download

RESEARCH_URLS = ["research:index", "research:download"]


@pytest.mark.parametrize("name", RESEARCH_URLS)
def test_anonymous_is_sent_to_login_for_research_pages(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("name", RESEARCH_URLS)
def test_coordinator_without_research_permission_gets_403(client_for, coordinator, name):
    assert client_for(coordinator).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", RESEARCH_URLS)
def test_member_and_outsider_get_403(client, member, outsider, name):
    for user in (member, outsider):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_researcher_opens_research_area(client_for, researcher):
    response = client_for(researcher).get(reverse("research:index"))
    assert response.status_code == 200
    assert b"research-counts" in response.content


def test_superuser_opens_research_area(client_for, superuser):
    assert client_for(superuser).get(reverse("research:index")).status_code == 200


def test_researcher_may_download(client_for, researcher):
    assert download(client_for(researcher), layout="long", format="csv").status_code == 200


def test_researcher_cannot_reach_any_network_page(client_for, researcher, network, other_network):
    client = client_for(researcher)
    for net in (network, other_network):
        assert client.get(reverse("networks:detail", args=[net.slug])).status_code == 404
        assert client.get(reverse("networks:research_consent", args=[net.slug])).status_code == 404
        assert client.get(reverse("research:consent_history", args=[net.slug])).status_code == 404


# --- benchmark page: the results rules (coordinators always, members after close, others 404) ---


def _benchmark_url(round_):
    return reverse("research:benchmark", args=[round_.network.slug, round_.slug])


@pytest.fixture
def open_round(make_round, network):
    return make_round(network=network, status=RoundStatus.OPEN)


@pytest.fixture
def closed_round(make_round, network):
    return make_round(network=network)


def test_benchmark_anonymous_to_login(client, closed_round):
    response = client.get(_benchmark_url(closed_round))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_benchmark_outsider_gets_404(client_for, outsider, closed_round):
    assert client_for(outsider).get(_benchmark_url(closed_round)).status_code == 404


def test_benchmark_researcher_gets_404(client_for, researcher, closed_round):
    assert client_for(researcher).get(_benchmark_url(closed_round)).status_code == 404


def test_benchmark_member_sees_closed_round(client_for, member, closed_round):
    assert client_for(member).get(_benchmark_url(closed_round)).status_code == 200


def test_benchmark_member_refused_for_open_round(client_for, member, open_round):
    assert client_for(member).get(_benchmark_url(open_round)).status_code == 403


def test_benchmark_coordinator_sees_open_round(client_for, coordinator, open_round):
    assert client_for(coordinator).get(_benchmark_url(open_round)).status_code == 200


def test_benchmark_superuser_sees_round(client_for, superuser, closed_round):
    assert client_for(superuser).get(_benchmark_url(closed_round)).status_code == 200


def test_benchmark_unknown_round_is_404(client_for, coordinator, network):
    url = reverse("research:benchmark", args=[network.slug, "bestaat-niet"])
    assert client_for(coordinator).get(url).status_code == 404


def test_benchmark_bad_filter_is_400_with_message(client_for, coordinator, closed_round):
    response = client_for(coordinator).get(_benchmark_url(closed_round), {"phase": "9"})
    assert response.status_code == 400
    assert "Onbekende fase" in response.content.decode()


# --- consent history: coordinators of the network ---


def test_consent_history_for_coordinator(client_for, coordinator, network):
    assert client_for(coordinator).get(reverse("research:consent_history", args=[network.slug])).status_code == 200


def test_consent_history_refused_to_member(client_for, member, network):
    assert client_for(member).get(reverse("research:consent_history", args=[network.slug])).status_code == 403


def test_consent_history_outsider_404_and_anonymous_login(client, outsider, network):
    url = reverse("research:consent_history", args=[network.slug])
    response = client.get(url)
    assert response.status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_consent_history_superuser(client_for, superuser, network, make_membership):
    make_membership(network=network, role=PlatformRole.COORDINATOR)
    assert client_for(superuser).get(reverse("research:consent_history", args=[network.slug])).status_code == 200


def test_research_page_groups_choices_in_fieldsets_and_links_errors(client_for, researcher):
    response = client_for(researcher).get(reverse("research:index"), {"date_from": "2024-02-30"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("<fieldset") >= 2 and "Indeling" in html and "Bestandsformaat" in html
    assert 'aria-describedby="id_date_from_error"' in html and 'id="id_date_from_error"' in html
    assert "<script>" not in html  # scripts only from static files (Content-Security-Policy)
