"""Inviting members and people by e-mail: who gets an invitation, when the mail goes out, what it says."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from networks.models import Membership
from rounds.models import Invitation, RoundStatus
from rounds.services import invitations as services
from tests.must import html_part
from tests.rounds.manage_helpers import invite, make_instrument, make_round


@pytest.fixture
def instrument(db):
    return make_instrument()


def _url(round) -> str:
    return reverse("rounds:invitations", kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


def _membership_pks(network, users) -> list[int]:
    return list(Membership.objects.filter(network=network, user__in=users).values_list("pk", flat=True))


def test_inviting_selected_members_of_open_round_mails_each_a_personal_link(
        client_for, coordinator, member, make_membership, network, instrument, django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    left_out = make_membership(network=network).user
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(_url(round), {
            "action": "members", "members-scope": "selected",
            "members-memberships": _membership_pks(network, [member]),
        })
    assert response.status_code == 302
    invitation = Invitation.objects.get(round=round)
    assert invitation.user == member
    assert invitation.sent_at is not None
    assert not Invitation.objects.filter(user=left_out).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    link = settings.SITE_URL.rstrip("/") + invitation.get_absolute_url()  # mailed after the request (on commit)
    assert message.to == [member.email]
    assert link in message.body
    html, mimetype = html_part(message)
    assert mimetype == "text/html" and link in html
    assert network.name in message.subject and round.name in message.subject


def test_invite_all_invites_every_member_not_yet_invited(client_for, coordinator, member, make_membership, network,
                                                         instrument):
    round = make_round(network=network, instrument=instrument)
    third = make_membership(network=network).user
    invite(round=round, users=[member], sent=False)
    response = client_for(coordinator).post(_url(round), {"action": "members", "members-scope": "all"})
    assert response.status_code == 302
    assert set(Invitation.objects.filter(round=round).values_list("user", flat=True)) == {
        coordinator.pk, member.pk, third.pk}


def test_draft_round_invitations_are_created_but_not_mailed(client_for, coordinator, member, network, instrument,
                                                            django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=instrument)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(_url(round), {
            "action": "members", "members-scope": "selected",
            "members-memberships": _membership_pks(network, [member]),
        })
    invitation = Invitation.objects.get(round=round)
    assert invitation.sent_at is None
    assert mail.outbox == []


def test_already_invited_or_foreign_membership_is_refused_clearly(client_for, coordinator, member, network,
                                                                 other_network, outsider, instrument):
    round = make_round(network=network, instrument=instrument)
    invite(round=round, users=[member])
    for tampered in (_membership_pks(network, [member]), _membership_pks(other_network, [outsider]), ["x"]):
        response = client_for(coordinator).post(_url(round), {
            "action": "members", "members-scope": "selected", "members-memberships": tampered})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Een van de gekozen leden is al uitgenodigd" in html or "is geen geldig lid" in html
    assert Invitation.objects.filter(round=round).count() == 1


def test_selecting_nobody_asks_to_choose(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument)
    response = client_for(coordinator).post(_url(round), {"action": "members", "members-scope": "selected"})
    assert response.status_code == 400
    assert "Kies minstens één lid" in response.content.decode()


def test_unknown_action_is_answered_with_a_message(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument)
    response = client_for(coordinator).post(_url(round), {"action": "hack"}, follow=True)
    assert "Onbekende actie" in response.content.decode()


def test_add_by_email_of_a_non_member_sends_a_network_invitation_first(client_for, coordinator, network, instrument,
                                                                       django_capture_on_commit_callbacks):
    from networks.models import MembershipInvitation

    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    organisation = network.partnerships.first().organisation
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(_url(round), {
            "action": "email", "add-email": "Nieuw@Example.org", "add-first_name": "Nina", "add-last_name": "Nieuw",
            "add-organisation": organisation.pk, "add-level": "tactisch"})
    assert response.status_code == 302
    pending = MembershipInvitation.objects.get(network=network, email="nieuw@example.org")
    assert (pending.organisation, pending.level) == (organisation, "tactisch")
    assert not Membership.objects.filter(network=network, user=pending.user).exists()
    assert not Invitation.objects.filter(round=round).exists()
    # One neutral welcome mail (choose a password, then accept the network invitation); no questionnaire link yet.
    assert [message.to for message in mail.outbox] == [["nieuw@example.org"]]
    assert network.name not in mail.outbox[0].body

    # Accepted: now a member, and invited to the round like any member.
    client_for(pending.user).post(reverse("networks:invitation_accept", args=[pending.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(_url(round), {"action": "email", "add-email": "nieuw@example.org"})
    invitation = Invitation.objects.get(round=round, user=pending.user)
    assert any(invitation.token in message.body for message in mail.outbox)


def test_add_by_email_of_an_existing_member_just_invites(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument)
    response = client_for(coordinator).post(_url(round), {"action": "email", "add-email": member.email.upper()})
    assert response.status_code == 302
    assert Invitation.objects.filter(round=round, user=member).exists()
    assert Membership.objects.filter(network=network, user=member).count() == 1


def test_add_by_email_of_someone_already_invited_is_refused(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument)
    invite(round=round, users=[member])
    response = client_for(coordinator).post(_url(round), {"action": "email", "add-email": member.email})
    assert response.status_code == 400
    assert "is al uitgenodigd voor deze ronde" in response.content.decode()


@pytest.mark.parametrize("email", ["", "geen-adres", "a@b"])
def test_add_by_invalid_email_is_refused(client_for, coordinator, network, instrument, email):
    round = make_round(network=network, instrument=instrument)
    response = client_for(coordinator).post(_url(round), {"action": "email", "add-email": email})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_add_by_email_with_organisation_outside_the_network_is_refused(client_for, coordinator, network,
                                                                      other_network, instrument):
    round = make_round(network=network, instrument=instrument)
    foreign = other_network.partnerships.first().organisation
    response = client_for(coordinator).post(_url(round), {
        "action": "email", "add-email": "x@example.org", "add-organisation": foreign.pk})
    assert response.status_code == 400
    assert "geen partner in dit netwerk" in response.content.decode()
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_closed_round_takes_no_new_invitations(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.CLOSED)
    response = client_for(coordinator).post(_url(round), {"action": "email", "add-email": "x@example.org"})
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_service_skips_people_already_invited_and_refuses_non_members(network, member, outsider, instrument):
    round = make_round(network=network, instrument=instrument)
    invite(round=round, users=[member])
    assert services.invitations_create(round=round, users=[member]) == []
    with pytest.raises(Exception, match="Alleen leden"):
        services.invitations_create(round=round, users=[outsider])


def test_tokens_are_long_unique_and_not_guessable(network, make_membership, instrument):
    round = make_round(network=network, instrument=instrument)
    users = [make_membership(network=network).user for _ in range(20)]
    tokens = [invitation.token for invitation in services.invitations_create(round=round, users=users)]
    assert len(set(tokens)) == 20
    assert all(len(token) >= 40 for token in tokens)


def test_invitations_page_shows_full_link_and_copy_button(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invitation = invite(round=round, users=[member], sent=False)[0]  # when the link is hidden: test_invitation_links
    html = client_for(coordinator).get(_url(round)).content.decode()
    assert "http://testserver" + invitation.get_absolute_url() in html  # the address of the request
    assert f'data-copy-target="link-{invitation.pk}"' in html
    assert "js/copy-link.js" in html
    assert "<script>" not in html


def test_odd_scope_value_means_the_selected_members(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument)
    response = client_for(coordinator).post(_url(round), {
        "action": "members", "members-scope": "everyone!", "members-memberships": _membership_pks(network, [member])})
    assert response.status_code == 302
    assert list(Invitation.objects.filter(round=round).values_list("user", flat=True)) == [member.pk]


def test_invitations_beyond_the_hourly_budget_are_refused_with_429(
        client_for, coordinator, member, make_membership, network, instrument, settings):
    settings.KETENREGIE_INVITATION_LIMIT = {"limit": 2, "window": 3600}
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    people = [member] + [make_membership(network=network).user for _ in range(2)]
    client = client_for(coordinator)
    first = client.post(_url(round), {"action": "members", "members-scope": "selected",
                                      "members-memberships": _membership_pks(network, people[:2])})
    assert first.status_code == 302
    second = client.post(_url(round), {"action": "members", "members-scope": "selected",
                                       "members-memberships": _membership_pks(network, people[2:])})
    assert second.status_code == 429
    assert "te veel uitnodigingen" in second.content.decode()
    assert Invitation.objects.filter(round=round).count() == 2


def test_reminders_count_against_the_same_budget(client_for, coordinator, member, network, instrument, settings):
    settings.KETENREGIE_INVITATION_LIMIT = {"limit": 1, "window": 3600}
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invite(round=round, users=[member])
    url = reverse("rounds:invitation_remind", kwargs={"network_slug": network.slug, "round_slug": round.slug})
    client = client_for(coordinator)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 429
