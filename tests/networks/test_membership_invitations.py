"""Membership by invitation: adding an address never makes anyone a member by force, never shows an account's
stored name and never tells the coordinator whether the address already had an account."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse

from networks.models import Level, Membership, MembershipInvitation, PlatformRole


@pytest.fixture
def existing(make_user):
    return make_user(email="bestaand@example.org", first_name="Geheime", last_name="Achternaam")


def _add(client, network, email, **extra):
    return client.post(reverse("networks:member_add", args=[network.slug]), {"email": email, "role": "member",
                                                                            **extra})


def _answer(response, email: str) -> tuple:
    """What the coordinator learns from adding: status, where it leads, the message (address blanked)."""
    texts = [str(message).replace(email, "ADDRESS") for message in get_messages(response.wsgi_request)]
    return response.status_code, response.get("Location"), texts


def _fresh(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_adding_an_existing_account_does_not_make_it_a_member(client_for, network, coordinator, existing):
    response = _add(client_for(coordinator), network, existing.email)

    assert response.status_code == 302
    assert not Membership.objects.filter(network=network, user=existing).exists()
    assert MembershipInvitation.objects.filter(network=network, user=existing).exists()
    # The network does not appear in the person's own list.
    page = client_for(existing).get(reverse("networks:list"))
    assert network.name not in page.content.decode()
    assert client_for(existing).get(network.get_absolute_url()).status_code == 404


def test_the_network_shows_only_the_typed_address_never_the_stored_name(client_for, network, coordinator, existing):
    client = client_for(coordinator)
    _add(client, network, "BESTAAND@Example.org")

    html = client.get(network.get_absolute_url()).content.decode()

    assert "bestaand@example.org" in html
    assert "Geheime" not in html and "Achternaam" not in html


def test_the_answer_is_the_same_whether_or_not_the_account_exists(client_for, network, coordinator, existing,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = _answer(_add(_fresh(coordinator), network, existing.email), existing.email)
        unknown = _answer(_add(_fresh(coordinator), network, "onbekend@example.org"), "onbekend@example.org")

    assert known == unknown
    client = client_for(coordinator)
    html = client.get(network.get_absolute_url()).content.decode()
    rows = re.findall(r'<tr data-pending-invitation="\d+">(.*?)</tr>', html, re.S)
    cleaned = {re.sub(r"\d+", "N", row.replace(existing.email, "A").replace("onbekend@example.org", "A"))
               for row in rows}
    assert len(rows) == 2 and len(cleaned) == 1


def test_a_new_address_gets_an_account_and_a_neutral_welcome_mail(client_for, network, coordinator,
                                                                 django_capture_on_commit_callbacks):
    coordinator.first_name, coordinator.last_name = "Cora", "Coördinator"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        _add(client_for(coordinator), network, "Nieuw@Example.org", first_name="Nina")

    account = MembershipInvitation.objects.get(network=network).user
    assert account.email == "nieuw@example.org" and not account.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    text = f"{message.subject}{message.body}"
    assert network.name not in text and network.slug not in text
    assert "Cora" not in text and "Coördinator" not in text
    assert "/accounts/reset/" in message.body


def test_an_existing_account_gets_a_neutral_notice(client_for, network, coordinator, existing,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _add(client_for(coordinator), network, existing.email)

    assert len(mail.outbox) == 1
    text = f"{mail.outbox[0].subject}{mail.outbox[0].body}"
    assert network.name not in text and network.slug not in text
    assert reverse("networks:invitations") in mail.outbox[0].body
    existing.refresh_from_db()
    assert existing.first_name == "Geheime"  # the typed names never overwrite an account


def test_the_invitee_sees_the_invitation_after_login_and_accepts(client_for, network, coordinator, existing):
    organisation = network.partnerships.first().organisation
    _add(client_for(coordinator), network, existing.email, organisation=organisation.pk, level=Level.TACTICAL,
         role=PlatformRole.COORDINATOR)
    invitee = client_for(existing)

    landing = invitee.get(reverse("networks:list")).content.decode()
    assert reverse("networks:invitations") in landing
    listing = invitee.get(reverse("networks:invitations")).content.decode()
    assert network.name in listing
    invitation = MembershipInvitation.objects.get(user=existing)
    assert invitee.get(reverse("networks:invitation_accept", args=[invitation.pk])).status_code == 405

    accepted = invitee.post(reverse("networks:invitation_accept", args=[invitation.pk]))

    assert accepted.status_code == 302 and accepted["Location"] == network.get_absolute_url()
    membership = Membership.objects.get(network=network, user=existing)
    assert (membership.role, membership.organisation, membership.level) == (
        PlatformRole.COORDINATOR, organisation, Level.TACTICAL)
    assert not MembershipInvitation.objects.filter(user=existing).exists()
    assert network.name in invitee.get(reverse("networks:list")).content.decode()


def test_the_invitee_may_decline(client_for, network, coordinator, existing):
    _add(client_for(coordinator), network, existing.email)
    invitation = MembershipInvitation.objects.get(user=existing)

    declined = client_for(existing).post(reverse("networks:invitation_decline", args=[invitation.pk]))

    assert declined.status_code == 302
    assert not Membership.objects.filter(network=network, user=existing).exists()
    assert not MembershipInvitation.objects.exists()


@pytest.mark.parametrize("action", ["invitation_accept", "invitation_decline"])
def test_nobody_else_can_answer_an_invitation(client_for, network, coordinator, existing, outsider, action):
    _add(client_for(coordinator), network, existing.email)
    invitation = MembershipInvitation.objects.get(user=existing)

    for intruder in (coordinator, outsider):
        assert client_for(intruder).post(reverse(f"networks:{action}", args=[invitation.pk])).status_code == 404
    assert MembershipInvitation.objects.filter(pk=invitation.pk).exists()
    assert not Membership.objects.filter(user=existing).exists()


def test_the_coordinator_can_withdraw_an_invitation_others_cannot(client_for, network, coordinator, member,
                                                                 existing, outsider):
    _add(client_for(coordinator), network, existing.email)
    invitation = MembershipInvitation.objects.get(user=existing)
    url = reverse("networks:member_invitation_withdraw", args=[network.slug, invitation.pk])

    assert client_for(outsider).post(url).status_code == 404
    assert client_for(member).post(url).status_code == 403
    assert client_for(coordinator).post(url).status_code == 302
    assert not MembershipInvitation.objects.exists()


def test_inviting_the_same_address_twice_is_refused(client_for, network, coordinator):
    client = client_for(coordinator)
    _add(client, network, "twee@example.org")
    again = _add(client, network, "Twee@Example.org")

    assert again.status_code == 200
    assert "al uitgenodigd" in again.content.decode()
    assert MembershipInvitation.objects.count() == 1


def test_the_round_form_invites_non_members_to_the_network_first(client_for, network, coordinator, existing):
    from rounds.models import Invitation
    from tests.rounds.respond_builders import build_instrument, build_round

    round_ = build_round(network=network, instrument=build_instrument(n=3))
    url = reverse("rounds:invitations", args=[network.slug, round_.slug])

    known = _fresh(coordinator).post(url, {"action": "email", "add-email": existing.email})
    unknown = _fresh(coordinator).post(url, {"action": "email", "add-email": "nieuw@example.org"})
    client = client_for(coordinator)

    assert _answer(known, existing.email) == _answer(unknown, "nieuw@example.org")
    assert not Membership.objects.filter(network=network, user=existing).exists()
    assert not Invitation.objects.filter(round=round_).exists()
    assert MembershipInvitation.objects.filter(network=network).count() == 2
    html = client.get(url).content.decode()
    assert "Geheime" not in html
