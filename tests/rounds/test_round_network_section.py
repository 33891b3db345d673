"""The rounds section on the network page: rounds with status and counts, and the visitor's own link."""

import pytest
from django.urls import reverse

from rounds.models import RoundStatus
from rounds.services.invitations import invitation_revoke
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


@pytest.fixture
def instrument(db):
    return make_instrument()


def _page(client, network) -> str:
    return client.get(reverse("networks:detail", kwargs={"slug": network.slug})).content.decode()


def test_coordinator_sees_all_rounds_with_counts_and_a_create_link(client_for, coordinator, member, network,
                                                                   instrument):
    draft = make_round(network=network, instrument=instrument, name="Conceptronde")
    open_round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, name="Lopende ronde")
    respond(invitation=invite(round=open_round, users=[member])[0], submitted=True)
    html = _page(client_for(coordinator), network)
    assert "Conceptronde" in html and "Lopende ronde" in html
    assert "1 van 1" in html
    assert reverse("rounds:create", kwargs={"network_slug": network.slug}) in html
    assert draft.get_absolute_url() in html


def test_member_sees_no_drafts_and_a_link_to_their_own_questionnaire(client_for, member, network, instrument):
    make_round(network=network, instrument=instrument, name="Conceptronde")
    open_round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, name="Lopende ronde")
    invitation = invite(round=open_round, users=[member])[0]
    html = _page(client_for(member), network)
    assert "Conceptronde" not in html
    assert invitation.get_absolute_url() in html
    assert reverse("rounds:create", kwargs={"network_slug": network.slug}) not in html


def test_member_with_revoked_invitation_gets_no_link(client_for, member, network, instrument):
    open_round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invitation = invite(round=open_round, users=[member])[0]
    invitation_revoke(invitation=invitation)
    html = _page(client_for(member), network)
    assert invitation.get_absolute_url() not in html
    assert "ingetrokken" in html


def test_rounds_of_other_networks_do_not_appear(client_for, coordinator, network, other_network, instrument):
    make_round(network=other_network, instrument=instrument, status=RoundStatus.OPEN, name="Ronde elders")
    assert "Ronde elders" not in _page(client_for(coordinator), network)
