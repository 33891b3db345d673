"""When the invitations page shows an invitee's personal link: only while nobody can be using it.

Where the round shows who responded, the link disappears once the response exists. In an anonymous round that
would reveal who started, so there the link disappears once the invitation mail has gone out.
"""

import pytest
from django.urls import reverse

from rounds.models import RoundStatus
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond

IN_USE = "Link in gebruik; de persoon kan zelf een nieuwe link per e-mail aanvragen."


@pytest.fixture
def instrument(db):
    return make_instrument()


def page_of(client, round) -> str:
    return client.get(reverse("rounds:invitations", kwargs={"network_slug": round.network.slug,
                                                            "round_slug": round.slug})).content.decode()


def reissue_url(round, invitation) -> str:
    return reverse("rounds:invitation_reissue", kwargs={"network_slug": round.network.slug, "round_slug": round.slug,
                                                        "pk": invitation.pk})


def test_visible_round_shows_the_link_until_the_person_starts(client_for, coordinator, member, make_membership,
                                                               network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    waiting, started = invite(round=round, users=[member, make_membership(network=network).user])
    respond(invitation=started)

    html = page_of(client_for(coordinator), round)

    assert "http://testserver" + waiting.get_absolute_url() in html
    assert f'data-copy-target="link-{waiting.pk}"' in html
    assert started.token not in html
    assert f'id="link-{started.pk}"' not in html
    assert html.count(IN_USE) == 1
    assert reissue_url(round, started) in html  # a new link can still be sent


def test_visible_round_hides_the_link_of_a_submitted_response_too(client_for, coordinator, member, network,
                                                                  instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    invitation = invite(round=round, users=[member], sent=False)[0]
    respond(invitation=invitation, submitted=True)

    html = page_of(client_for(coordinator), round)

    assert invitation.token not in html
    assert IN_USE in html


def test_anonymous_round_hides_links_once_mailed_whether_or_not_anyone_started(client_for, coordinator, member,
                                                                             make_membership, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    waiting, started = invite(round=round, users=[member, make_membership(network=network).user])
    respond(invitation=started)

    html = page_of(client_for(coordinator), round)

    assert waiting.token not in html and started.token not in html
    assert html.count("Link per e-mail verstuurd en daarom hier niet meer te zien") == 2
    assert IN_USE not in html  # that text would tell who started


def test_anonymous_round_shows_unmailed_links_whether_or_not_anyone_started(client_for, coordinator, member,
                                                                          make_membership, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    waiting, started = invite(round=round, users=[member, make_membership(network=network).user], sent=False)
    respond(invitation=started)

    html = page_of(client_for(coordinator), round)

    assert "http://testserver" + waiting.get_absolute_url() in html
    assert "http://testserver" + started.get_absolute_url() in html  # hiding it would reveal that this person started


def test_draft_round_shows_every_link(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument)
    invitation = invite(round=round, users=[member], sent=False)[0]

    assert "http://testserver" + invitation.get_absolute_url() in page_of(client_for(coordinator), round)


def test_revoked_invitation_shows_neither_link_nor_in_use_text(client_for, coordinator, member, network,
                                                               instrument):
    from django.utils import timezone

    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    invitation = invite(round=round, users=[member], sent=False)[0]
    invitation.revoked_at = timezone.now()
    invitation.save()

    html = page_of(client_for(coordinator), round)

    assert invitation.token not in html
    assert IN_USE not in html
