"""Who may see which results page: anonymous, member of another network, member, coordinator, superuser."""

import pytest
from django.urls import reverse

from networks.models import PlatformRole
from rounds.models import RoundStatus
from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db

SCORES = {"SF.K1.presence": 4, "SF.K1.importance": 5, "KO.3": 2, "MK.1.1": 3}


def _round_urls(network, round) -> list[str]:
    args = [network.slug, round.slug]
    return [
        reverse("results:dashboard", args=args),
        reverse("results:mine", args=args),
        reverse("results:json", args=args),
    ]


def _all_urls(network, round) -> list[str]:
    return [*_round_urls(network, round), reverse("results:latest", args=[network.slug]),
            reverse("results:import", args=[network.slug, round.slug])]


@pytest.fixture
def closed_round(network, instrument):
    round = make_round(network=network, slug="gesloten")
    for _ in range(3):
        add_response(round=round, answers=SCORES)
    return round


@pytest.fixture
def open_round(network, instrument):
    round = make_round(network=network, slug="loopt", status=RoundStatus.OPEN)
    for _ in range(3):
        add_response(round=round, answers=SCORES)
    return round


def test_anonymous_is_sent_to_login(client, network, closed_round):
    for url in _all_urls(network, closed_round):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


def test_member_of_another_network_gets_404_everywhere(client_for, network, closed_round, open_round, outsider):
    client = client_for(outsider)
    for round in (closed_round, open_round):
        for url in _all_urls(network, round):
            assert client.get(url).status_code == 404, url
    assert client.post(reverse("results:import", args=[network.slug, open_round.slug])).status_code == 404


def test_unknown_round_is_404(client_for, network, coordinator, instrument):
    client = client_for(coordinator)
    assert client.get(reverse("results:dashboard", args=[network.slug, "nope"])).status_code == 404
    assert client.get(reverse("results:json", args=[network.slug, "nope"])).status_code == 404


def test_member_sees_closed_round(client_for, network, closed_round, member):
    client = client_for(member)
    for url in _round_urls(network, closed_round):
        assert client.get(url).status_code == 200, url


def test_member_before_close_gets_a_clear_403(client_for, network, open_round, member):
    client = client_for(member)
    for url in _round_urls(network, open_round):
        response = client.get(url)
        assert response.status_code == 403, url
    page = client.get(reverse("results:dashboard", args=[network.slug, open_round.slug]))
    assert "zodra de coördinator de ronde heeft gesloten" in page.content.decode()
    assert "zodra de ronde gesloten is" in client.get(
        reverse("results:json", args=[network.slug, open_round.slug])).json()["error"]


def test_member_does_not_see_draft_rounds(client_for, network, member, instrument):
    draft = make_round(network=network, slug="concept", status=RoundStatus.DRAFT)
    client = client_for(member)
    for url in _round_urls(network, draft):
        assert client.get(url).status_code == 404, url


def test_member_may_not_import(client_for, network, open_round, member):
    client = client_for(member)
    url = reverse("results:import", args=[network.slug, open_round.slug])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_coordinator_and_superuser_see_everything_also_during_the_round(request, client_for, network, closed_round,
                                                                       open_round, who):
    client = client_for(request.getfixturevalue(who))
    for round in (closed_round, open_round):
        for url in _all_urls(network, round):
            assert client.get(url).status_code in (200, 302), url
        page = client.get(reverse("results:dashboard", args=[network.slug, round.slug]))
        assert page.status_code == 200
        assert ("Voorlopig." in page.content.decode()) == (round is open_round)
        data = client.get(reverse("results:json", args=[network.slug, round.slug])).json()
        assert data["provisional"] == (round is open_round)
        assert data["respondents"] == 3


def test_latest_redirects_to_the_latest_visible_round(client_for, network, closed_round, open_round, member,
                                                      coordinator):
    url = reverse("results:latest", args=[network.slug])
    assert client_for(member).get(url)["Location"].endswith(f"/rounds/{closed_round.slug}/results/")
    assert client_for(coordinator).get(url)["Location"].endswith(f"/rounds/{open_round.slug}/results/")


def test_latest_without_any_round_explains(client_for, network, member):
    response = client_for(member).get(reverse("results:latest", args=[network.slug]))
    assert response.status_code == 200
    assert "nog geen gesloten ronde" in response.content.decode()


def test_personal_page_shows_only_the_users_own_answers(client_for, make_membership, network, closed_round):
    me = make_membership(network=network, role=PlatformRole.MEMBER).user
    other = make_membership(network=network, role=PlatformRole.MEMBER).user
    add_response(round=closed_round, user=me, answers={"KO.3": 3, "KO.5": 1})
    add_response(round=closed_round, user=other, answers={"KO.3": 0, "KO.7": 2})
    page = client_for(me).get(reverse("results:mine", args=[network.slug, closed_round.slug])).content.decode()
    assert 'data-item="KO.5"' in page
    assert 'data-item="KO.7"' not in page  # the other member's item never appears
    other_page = client_for(other).get(reverse("results:mine", args=[network.slug, closed_round.slug]))
    assert 'data-item="KO.7"' in other_page.content.decode()
    assert 'data-item="KO.5"' not in other_page.content.decode()


def test_personal_page_without_own_response(client_for, network, closed_round, member):
    page = client_for(member).get(reverse("results:mine", args=[network.slug, closed_round.slug]))
    assert 'id="no-own-response"' in page.content.decode()


def test_network_page_links_to_the_results(client_for, network, member):
    page = client_for(member).get(network.get_absolute_url()).content.decode()
    assert reverse("results:latest", args=[network.slug]) in page


def test_open_round_dashboard_offers_the_import_to_coordinators_only(client_for, network, open_round, coordinator,
                                                                    superuser):
    url = reverse("results:dashboard", args=[network.slug, open_round.slug])
    upload = reverse("results:import", args=[network.slug, open_round.slug])
    assert upload in client_for(coordinator).get(url).content.decode()
