"""Permission matrix for every networks URL: anonymous, outsider, member, coordinator, superuser."""

import pytest
from django.urls import reverse

from networks.models import Membership, Partnership


def _urls(network) -> list[tuple[str, str, bool]]:
    """(method, url, coordinator_only) for every page of one network."""
    partnership = Partnership.objects.filter(network=network).earliest("pk")
    membership = Membership.objects.filter(network=network).earliest("pk")
    slug = network.slug
    return [
        ("get", reverse("networks:detail", args=[slug]), False),
        ("get", reverse("networks:edit", args=[slug]), True),
        ("get", reverse("networks:research_consent", args=[slug]), True),
        ("get", reverse("networks:partner_add", args=[slug]), True),
        ("get", reverse("networks:partner_edit", args=[slug, partnership.pk]), True),
        ("post", reverse("networks:partner_remove", args=[slug, partnership.pk]), True),
        ("get", reverse("networks:member_add", args=[slug]), True),
        ("get", reverse("networks:member_edit", args=[slug, membership.pk]), True),
        ("post", reverse("networks:member_remove", args=[slug, membership.pk]), True),
    ]


@pytest.fixture
def populated(network, coordinator, member):
    return network


def test_anonymous_is_sent_to_login_on_every_network_page(client, populated):
    for method, url, _ in _urls(populated):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


def test_member_of_another_network_gets_404_on_every_page(client_for, populated, outsider):
    client = client_for(outsider)
    for method, url, _ in _urls(populated):
        assert getattr(client, method)(url).status_code == 404, url


def test_member_reads_network_but_may_not_change_it(client_for, populated, member):
    client = client_for(member)
    for method, url, coordinator_only in _urls(populated):
        status = getattr(client, method)(url).status_code
        assert status == (403 if coordinator_only else 200), url


def test_coordinator_reaches_every_page(client_for, populated, coordinator):
    client = client_for(coordinator)
    for method, url, _ in _urls(populated):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_superuser_reaches_every_page(client_for, populated, superuser):
    client = client_for(superuser)
    for method, url, _ in _urls(populated):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_network_list_shows_only_own_networks(client_for, populated, other_network, member):
    response = client_for(member).get(reverse("networks:list"))
    assert populated.name in response.content.decode()
    assert other_network.name not in response.content.decode()


def test_unknown_slug_and_existing_foreign_slug_look_the_same(client_for, populated, outsider):
    client = client_for(outsider)
    foreign = client.get(reverse("networks:detail", args=[populated.slug]))
    unknown = client.get(reverse("networks:detail", args=["does-not-exist"]))
    assert foreign.status_code == unknown.status_code == 404
    assert populated.name not in foreign.content.decode()


def test_member_cannot_remove_partner_by_post(client_for, populated, member):
    partnership = Partnership.objects.filter(network=populated).earliest("pk")
    client_for(member).post(reverse("networks:partner_remove", args=[populated.slug, partnership.pk]))
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_coordinator_cannot_touch_partner_of_other_network_through_own_slug(
    client_for, populated, other_network, coordinator
):
    foreign = Partnership.objects.filter(network=other_network).earliest("pk")
    response = client_for(coordinator).post(
        reverse("networks:partner_remove", args=[populated.slug, foreign.pk]))
    assert response.status_code == 404
    assert Partnership.objects.filter(pk=foreign.pk).exists()
