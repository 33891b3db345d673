"""Who may register a network (KETENREGIE_NETWORK_REGISTRATION), and slugs that would hide a platform page."""

import pytest
from django.urls import reverse

from networks.models import Membership, Network, PlatformRole, reserved_network_slugs


@pytest.fixture
def approved(make_user, permission):
    user = make_user()
    user.user_permissions.add(permission("networks.add_network"))
    return user


def test_the_default_is_approved_accounts_only():
    from django.conf import settings

    assert settings.KETENREGIE_NETWORK_REGISTRATION == "approved"


def test_an_unapproved_account_cannot_register_a_network(client_for, make_user):
    client = client_for(make_user())

    assert client.get(reverse("networks:create")).status_code == 403
    refused = client.post(reverse("networks:create"), {"name": "Doen wat werkt"})
    assert refused.status_code == 403
    assert "beheerder" in refused.content.decode()
    assert not Network.objects.exists()
    assert reverse("networks:create") not in client.get(reverse("networks:list")).content.decode()


def test_an_approved_account_registers_and_sees_the_button(client_for, approved):
    client = client_for(approved)

    assert reverse("networks:create") in client.get(reverse("networks:list")).content.decode()
    response = client.post(reverse("networks:create"), {"name": "Doen wat werkt"})
    assert response.status_code == 302
    assert Membership.objects.get(network__slug="doen-wat-werkt", user=approved).role == PlatformRole.COORDINATOR


def test_approval_through_a_group_counts(client_for, make_user, permission):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Netwerkregistratie")
    group.permissions.add(permission("networks.add_network"))
    user = make_user()
    user.groups.add(group)
    assert client_for(user).get(reverse("networks:create")).status_code == 200


def test_with_anyone_every_account_may_register(client_for, make_user, settings):
    settings.KETENREGIE_NETWORK_REGISTRATION = "anyone"
    client = client_for(make_user())
    assert client.get(reverse("networks:create")).status_code == 200
    assert reverse("networks:create") in client.get(reverse("networks:list")).content.decode()


def test_every_fixed_segment_of_the_networks_urls_is_reserved():
    assert {"new", "invitations"} <= reserved_network_slugs()


@pytest.mark.parametrize("slug", ["new", "invitations", "NEW"])
def test_a_reserved_slug_is_refused(client_for, approved, slug):
    response = client_for(approved).post(reverse("networks:create"), {"name": "Iets", "slug": slug})
    assert response.status_code == 200
    assert "gereserveerd" in response.content.decode()
    assert not Network.objects.exists()


@pytest.mark.parametrize("name", ["New", "Invitations"])
def test_a_name_that_would_make_a_reserved_slug_is_refused(client_for, approved, name):
    response = client_for(approved).post(reverse("networks:create"), {"name": name})
    assert response.status_code == 200
    assert "gereserveerd" in response.content.decode()
    assert not Network.objects.exists()
