"""Opening, closing and reopening a round through the pages: confirmations, messages, 409 on wrong states."""

import pytest
from django.core import mail
from django.urls import reverse

from rounds.models import RoundStatus
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


def _url(name: str, round) -> str:
    return reverse(name, kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


@pytest.fixture
def instrument(db):
    return make_instrument()


def test_opening_a_draft_asks_for_confirmation_saying_who_will_be_mailed(
        client_for, coordinator, member, make_membership, network, instrument, django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=instrument)
    other = make_membership(network=network).user
    invite(round=round, users=[member, other], sent=False)
    client = client_for(coordinator)
    detail = client.get(round.get_absolute_url()).content.decode()
    # The round page links to the confirmation page (a GET), it does not open the round itself.
    assert f'href="{_url("rounds:open", round)}"' in detail
    page = client.get(_url("rounds:open", round)).content.decode()
    assert "krijgen 2 personen meteen een uitnodiging per e-mail" in page
    assert "Ja, open de ronde en mail 2 personen" in page
    # A POST without the confirmation (an old page, a stray request) only shows the confirmation again.
    with django_capture_on_commit_callbacks(execute=True):
        unconfirmed = client.post(_url("rounds:open", round))
    assert unconfirmed.status_code == 200 and "Ja, open de ronde en mail 2 personen" in unconfirmed.content.decode()
    round.refresh_from_db()
    assert round.status == RoundStatus.DRAFT and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("rounds:open", round), {"confirm": "on"}, follow=True)
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN and round.opened_at is not None
    assert "2 uitnodigingen worden per e-mail verstuurd" in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, other.email])


def test_opening_without_invitations_says_nobody_is_mailed(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument)
    page = client_for(coordinator).get(_url("rounds:open", round)).content.decode()
    assert "bij het openen wordt geen e-mail verstuurd" in page


def test_closing_needs_the_confirmation_checkbox(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    client = client_for(coordinator)
    page = client.get(_url("rounds:close", round))
    assert page.status_code == 200
    assert 'type="checkbox"' in page.content.decode()
    refused = client.post(_url("rounds:close", round))
    assert refused.status_code == 400
    assert "Vink aan dat u de ronde wilt sluiten." in refused.content.decode()
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN


def test_closing_with_confirmation_sets_closed_at(client_for, coordinator, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    respond(invitation=invite(round=round, users=[member])[0], submitted=True, answer=True)
    response = client_for(coordinator).post(_url("rounds:close", round), {"confirm": "on"})
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED and round.closed_at is not None
    assert round.responses.get().answers.count() == 1


@pytest.mark.parametrize(("status", "name", "method"), [
    (RoundStatus.DRAFT, "rounds:close", "get"),
    (RoundStatus.CLOSED, "rounds:close", "post"),
    (RoundStatus.OPEN, "rounds:open", "post"),
    (RoundStatus.OPEN, "rounds:open", "get"),
])
def test_impossible_status_change_is_a_409_with_explanation(client_for, coordinator, network, instrument, status,
                                                            name, method):
    round = make_round(network=network, instrument=instrument, status=status)
    response = getattr(client_for(coordinator), method)(_url(name, round), {"confirm": "on"})
    assert response.status_code == 409
    assert "Terug naar de ronde" in response.content.decode()
    round.refresh_from_db()
    assert round.status == status


def test_reopening_a_closed_round_needs_confirmation(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.CLOSED)
    client = client_for(coordinator)
    assert client.post(_url("rounds:open", round)).status_code == 400
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED
    response = client.post(_url("rounds:open", round), {"confirm": "on"})
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN and round.closed_at is None


def test_member_cannot_close_by_post(client_for, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    assert client_for(member).post(_url("rounds:close", round), {"confirm": "on"}).status_code == 403
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN


def test_coordinator_hub_shows_actions_and_results_placeholder(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    html = client_for(coordinator).get(round.get_absolute_url()).content.decode()
    for url in (_url("rounds:edit", round), _url("rounds:close", round), _url("rounds:invitations", round),
                _url("rounds:monitor", round)):
        assert url in html
    assert 'id="round-results"' in html


def test_member_info_page_shows_own_link_and_no_management(client_for, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invitation = invite(round=round, users=[member])[0]
    html = client_for(member).get(round.get_absolute_url()).content.decode()
    assert invitation.get_absolute_url() in html
    assert _url("rounds:invitations", round) not in html
    assert _url("rounds:monitor", round) not in html


def test_member_not_invited_is_told_so(client_for, member, network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    html = client_for(member).get(round.get_absolute_url()).content.decode()
    assert "niet uitgenodigd" in html


def test_reopen_page_asks_to_confirm_and_mentions_a_past_closing_date(client_for, coordinator, network,
                                                                      instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.CLOSED, closes_on="2020-01-31")
    html = client_for(coordinator).get(_url("rounds:open", round)).content.decode()
    assert "Ronde heropenen" in html
    assert 'name="confirm"' in html
    assert "sluitdatum ligt in het verleden" in html
