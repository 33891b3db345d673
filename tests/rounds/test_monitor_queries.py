"""The monitor, the invitations page and the round list use a constant number of SQL queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Level
from rounds.models import RoundStatus
from rounds.selectors import round_monitor
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


def _populate(network, make_membership, count: int, *, show_respondents: bool):
    round = make_round(network=network, instrument=make_instrument(slug=f"q{count}{show_respondents}"),
                       status=RoundStatus.OPEN, show_respondents=show_respondents)
    organisations = [p.organisation for p in network.partnerships.select_related("organisation")]
    levels = list(Level.values)
    users = [make_membership(network=network, organisation=organisations[i % len(organisations)],
                             level=levels[i % len(levels)]).user for i in range(count)]
    invitations = invite(round=round, users=users)
    for i, invitation in enumerate(invitations):
        if i % 3 == 0:
            respond(invitation=invitation, submitted=True, organisation=organisations[(i + 1) % len(organisations)])
        elif i % 3 == 1:
            respond(invitation=invitation, level=Level.STRATEGIC)
    return round


def _count_queries(func) -> int:
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


@pytest.mark.parametrize("show_respondents", [False, True])
def test_monitor_selector_query_count_does_not_grow_with_invitations(network, make_membership, show_respondents):
    small = _populate(network, make_membership, 3, show_respondents=show_respondents)
    large = _populate(network, make_membership, 30, show_respondents=show_respondents)
    small_count = _count_queries(lambda: round_monitor(round=small))
    large_count = _count_queries(lambda: round_monitor(round=large))
    assert small_count == large_count
    assert round_monitor(round=large).total.invited == 30


@pytest.mark.parametrize("page", ["rounds:monitor", "rounds:invitations", "rounds:detail"])
@pytest.mark.parametrize("show_respondents", [False, True])
def test_manage_pages_use_constant_queries(client_for, coordinator, network, make_membership,
                                           django_assert_max_num_queries, page, show_respondents):
    small = _populate(network, make_membership, 3, show_respondents=show_respondents)
    large = _populate(network, make_membership, 30, show_respondents=show_respondents)
    client = client_for(coordinator)

    def url(round):
        return reverse(page, kwargs={"network_slug": network.slug, "round_slug": round.slug})

    client.get(url(small))  # warm up session and caches
    small_count = _count_queries(lambda: client.get(url(small)))
    with django_assert_max_num_queries(small_count):
        response = client.get(url(large))
    assert response.status_code == 200


def test_network_page_round_list_uses_constant_queries(client_for, coordinator, network, make_membership,
                                                       django_assert_max_num_queries):
    client = client_for(coordinator)
    url = reverse("networks:detail", kwargs={"slug": network.slug})
    _populate(network, make_membership, 3, show_respondents=False)
    client.get(url)
    baseline = _count_queries(lambda: client.get(url))
    for count in (10, 30):
        _populate(network, make_membership, count, show_respondents=True)
    # More rounds and many more members and invitations; the networks page itself lists the members, so
    # compare against the page without the rounds section growing: the round list adds no per-row queries.
    with django_assert_max_num_queries(baseline):
        client.get(url)
