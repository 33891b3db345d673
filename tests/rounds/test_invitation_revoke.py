"""Revoking and reissuing invitations: the old token stops working, answers stay with the invitation."""

import pytest
from django.core import mail
from django.urls import reverse

from rounds.models import Invitation, RoundStatus
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


@pytest.fixture
def open_round(network, db):
    return make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN)


def _url(name: str, invitation) -> str:
    round = invitation.round
    return reverse(name, kwargs={"network_slug": round.network.slug, "round_slug": round.slug,
                                 "pk": invitation.pk})


def test_revoke_marks_the_invitation_revoked(client_for, coordinator, member, open_round):
    invitation = invite(round=open_round, users=[member])[0]
    response = client_for(coordinator).post(_url("rounds:invitation_revoke", invitation))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_revoked
    assert not Invitation.objects.active().filter(pk=invitation.pk).exists()


def test_revoking_twice_is_a_409_with_a_message(client_for, coordinator, member, open_round):
    invitation = invite(round=open_round, users=[member])[0]
    client = client_for(coordinator)
    client.post(_url("rounds:invitation_revoke", invitation))
    response = client.post(_url("rounds:invitation_revoke", invitation))
    assert response.status_code == 409
    assert "al ingetrokken" in response.content.decode()


def test_reissue_changes_the_token_reactivates_and_mails_again(client_for, coordinator, member, open_round,
                                                               django_capture_on_commit_callbacks):
    invitation = invite(round=open_round, users=[member])[0]
    response_row = respond(invitation=invitation)
    old_token = invitation.token
    client = client_for(coordinator)
    client.post(_url("rounds:invitation_revoke", invitation))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("rounds:invitation_reissue", invitation))
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert not Invitation.objects.filter(token=old_token).exists()
    assert not invitation.is_revoked
    assert invitation.sent_at is not None
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert invitation.token in mail.outbox[0].body and old_token not in mail.outbox[0].body
    # The response stays attached, so nothing the invitee answered is lost.
    response_row.refresh_from_db()
    assert response_row.invitation_id == invitation.pk


def test_reissue_in_a_draft_round_waits_for_opening(client_for, coordinator, member, network,
                                                     django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=make_instrument())
    invitation = invite(round=round, users=[member], sent=False)[0]
    old_token = invitation.token
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(_url("rounds:invitation_reissue", invitation))
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert mail.outbox == []


def test_reissue_in_a_closed_round_is_refused(client_for, coordinator, member, network):
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.CLOSED)
    invitation = invite(round=round, users=[member])[0]
    old_token = invitation.token
    response = client_for(coordinator).post(_url("rounds:invitation_reissue", invitation))
    assert response.status_code == 409
    invitation.refresh_from_db()
    assert invitation.token == old_token


def test_revoked_invitation_shows_no_link_on_the_invitations_page(client_for, coordinator, member, open_round):
    invitation = invite(round=open_round, users=[member])[0]
    client = client_for(coordinator)
    client.post(_url("rounds:invitation_revoke", invitation))
    html = client.get(reverse("rounds:invitations", kwargs={"network_slug": open_round.network.slug,
                                                            "round_slug": open_round.slug})).content.decode()
    assert invitation.token not in html
    assert "ingetrokken" in html
