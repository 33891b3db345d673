"""The completion monitor: counts overall, per partner and per level, and what the anonymity choice hides."""

import pytest
from django.test import override_settings
from django.urls import reverse

from networks.models import Level, Organisation, Partnership, Sector
from rounds.models import RoundStatus
from rounds.selectors import round_monitor
from rounds.services.invitations import invitation_revoke
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


@pytest.fixture
def instrument(db):
    return make_instrument()


@pytest.fixture
def orgs(network):
    first, second = (p.organisation for p in network.partnerships.select_related("organisation"))
    third = Organisation.objects.create(name="Organisatie Klein", sector=Sector.WELFARE)
    Partnership.objects.create(network=network, organisation=third)
    return first, second, third


def _people(make_membership, network, organisation, count, level=Level.OPERATIONAL):
    return [make_membership(network=network, organisation=organisation, level=level).user for _ in range(count)]


def _url(round) -> str:
    return reverse("rounds:monitor", kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


def test_counts_invited_started_submitted_and_rate(network, make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invitations = invite(round=round, users=_people(make_membership, network, orgs[0], 5))
    respond(invitation=invitations[0], submitted=True)
    respond(invitation=invitations[1], submitted=True)
    respond(invitation=invitations[2])
    invitation_revoke(invitation=invitations[4])
    total = round_monitor(round=round).total
    assert (total.invited, total.started, total.submitted) == (4, 3, 2)
    assert (total.not_started, total.in_progress) == (1, 1)
    assert total.rate == 50
    assert round_monitor(round=round).revoked == 1


def test_partner_comes_from_the_response_else_from_the_membership(network, make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    moved, stayed = invite(round=round, users=_people(make_membership, network, orgs[0], 2))
    respond(invitation=moved, organisation=orgs[1], level=Level.STRATEGIC, submitted=True)
    monitor = round_monitor(round=round)
    by_label = {row.label: row for row in monitor.per_organisation.rows}
    assert (by_label[orgs[0].name].invited, by_label[orgs[0].name].submitted) == (1, 0)
    assert (by_label[orgs[1].name].invited, by_label[orgs[1].name].submitted) == (1, 1)
    levels = {row.key: row for row in monitor.per_level.rows}
    assert levels[Level.STRATEGIC].submitted == 1
    assert levels[Level.OPERATIONAL].invited == 1


@override_settings(KETENREGIE_MIN_GROUP_SIZE=3)
def test_anonymous_round_merges_small_partners_into_other(network, make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    big = invite(round=round, users=_people(make_membership, network, orgs[0], 4))
    small = invite(round=round, users=_people(make_membership, network, orgs[1], 2))
    tiny = invite(round=round, users=_people(make_membership, network, orgs[2], 1))
    respond(invitation=big[0], submitted=True)
    respond(invitation=small[0], submitted=True)
    respond(invitation=tiny[0], submitted=True)
    breakdown = round_monitor(round=round).per_organisation
    labels = [row.label for row in breakdown.rows]
    assert labels == [orgs[0].name, "Overige organisaties"]
    other = breakdown.rows[1]
    assert (other.invited, other.submitted, other.merged_groups) == (3, 2, 2)
    assert breakdown.suppressed_groups == 2


@override_settings(KETENREGIE_MIN_GROUP_SIZE=3)
def test_other_group_below_minimum_absorbs_the_smallest_shown_group(network, make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invite(round=round, users=_people(make_membership, network, orgs[0], 4))
    invite(round=round, users=_people(make_membership, network, orgs[1], 3))
    invite(round=round, users=_people(make_membership, network, orgs[2], 1))
    rows = round_monitor(round=round).per_organisation.rows
    # Alone, "overig" would hold 1 person, and the total minus the other rows would reveal them.
    assert [(row.label, row.invited) for row in rows] == [(orgs[0].name, 4), ("Overige organisaties", 4)]
    assert all(row.invited >= 3 for row in rows)


@override_settings(KETENREGIE_MIN_GROUP_SIZE=3)
def test_anonymous_round_with_too_few_invitees_hides_the_breakdown(network, make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    invite(round=round, users=_people(make_membership, network, orgs[0], 1) +
           _people(make_membership, network, orgs[1], 1))
    monitor = round_monitor(round=round)
    assert monitor.per_organisation.hidden and monitor.per_organisation.rows == []
    assert monitor.total.invited == 2


@override_settings(KETENREGIE_MIN_GROUP_SIZE=3)
def test_anonymous_monitor_page_shows_counts_but_no_names(client_for, coordinator, network, make_membership,
                                                          instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    people = _people(make_membership, network, orgs[0], 3)
    invitations = invite(round=round, users=people)
    respond(invitation=invitations[0], submitted=True)
    html = client_for(coordinator).get(_url(round)).content.decode()
    assert "Ingediend: 1 van de 3 uitgenodigden" in html
    assert "Wie heeft gereageerd" not in html
    for person in people:
        assert person.email not in html


def test_visible_round_lists_who_responded_but_never_answers(client_for, coordinator, network, make_membership,
                                                             instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    done, busy, waiting = invite(round=round, users=_people(make_membership, network, orgs[0], 3))
    respond(invitation=done, submitted=True, answer=True)
    respond(invitation=busy)
    response = client_for(coordinator).get(_url(round))
    respondents = {row.email: row.status for row in response.context["monitor"].respondents}
    assert respondents == {done.user.email: "submitted", busy.user.email: "in_progress",
                           waiting.user.email: "not_started"}
    html = response.content.decode()
    assert "Wie heeft gereageerd" in html
    # The only answer stored has value 3 for item SF.1; no item code or value appears on the page.
    assert "SF.1" not in html


def test_monitor_tables_are_there_as_text_alternative(client_for, coordinator, network, make_membership,
                                                      instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, show_respondents=True)
    invite(round=round, users=_people(make_membership, network, orgs[0], 3))
    html = client_for(coordinator).get(_url(round)).content.decode()
    assert "<caption" in html and 'scope="col"' in html
    assert "Respons per partnerorganisatie" in html


def test_anonymous_invitation_list_hides_per_person_status_and_reminders(client_for, coordinator, network,
                                                                         make_membership, instrument, orgs):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    done, waiting = invite(round=round, users=_people(make_membership, network, orgs[0], 2))
    respond(invitation=done, submitted=True, organisation=orgs[1])
    html = client_for(coordinator).get(reverse("rounds:invitations", kwargs={
        "network_slug": network.slug, "round_slug": round.slug})).content.decode()
    assert "Ingediend" not in html
    assert 'name="invitation"' not in html
    start = html.index(f'data-invitation="{done.pk}"')
    row = html[start:html.index("</li>", start)]
    # The organisation confirmed in the response would reveal that the person has started.
    assert orgs[0].name in row and orgs[1].name not in row
