"""Concurrent respondents and concurrent tabs, with real threads and real transactions.

Runs on SQLite by default and on PostgreSQL when DATABASE_URL is set (CI runs both). Each thread has its own
test Client and its own database connection, closed at the end of the thread.
"""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Level, PlatformRole
from rounds.models import Answer, Invitation, PageState, Response
from rounds.questionnaire import questionnaire_for_round
from tests.concurrency_testkit import run_in_threads
from tests.rounds.respond_builders import answer_page, build_instrument, build_round, second_tab

RESPONDENTS = 20


@pytest.fixture
def setup_round(make_network, make_membership):
    network = make_network(name="Druk netwerk", slug="druk-netwerk", partners=3)
    round = build_round(network=network, instrument=build_instrument(n=6), optional=("KW", "CX"))
    invitations = [
        Invitation.objects.create(round=round, user=make_membership(network=network, role=PlatformRole.MEMBER).user)
        for _ in range(RESPONDENTS)
    ]
    return network, round, invitations


@pytest.mark.django_db(transaction=True)
def test_twenty_respondents_saving_at_once_lose_nothing(setup_round):
    network, round, invitations = setup_round
    questionnaire = questionnaire_for_round(round=round)
    organisation = network.partnerships.first().organisation

    def respondent(invitation, index):
        def run():
            client = Client()
            token = invitation.token
            statuses = [client.post(reverse("rounds:respond", kwargs={"token": token})).status_code]
            statuses.append(client.post(reverse("rounds:respond_profile", kwargs={"token": token}),
                                        {"organisation": organisation.pk, "level": Level.TACTICAL}).status_code)
            for number, page in enumerate(questionnaire.pages):
                value = str(page.items[0].options[index % len(page.items[0].options)].value)
                url_name = "rounds:respond_autosave" if number % 2 else "rounds:respond_page"
                statuses.append(answer_page(client, token, page, value=value, comment=f"r{index} {page.key}",
                                            url_name=url_name).status_code)
            statuses.append(client.post(reverse("rounds:respond_submit", kwargs={"token": token})).status_code)
            return statuses

        return run

    results = run_in_threads([respondent(inv, i) for i, inv in enumerate(invitations)])

    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    for statuses in results:
        assert all(code in (200, 302) for code in statuses), statuses
    assert Response.objects.filter(round=round).count() == RESPONDENTS
    assert Response.objects.filter(round=round, submitted_at__isnull=False).count() == RESPONDENTS
    assert Answer.objects.filter(response__round=round).count() == RESPONDENTS * questionnaire.item_count
    assert PageState.objects.filter(response__round=round, revision=1).count() == RESPONDENTS * len(questionnaire)
    for index, invitation in enumerate(invitations):
        response = Response.objects.get(invitation=invitation)
        values = dict(Answer.objects.filter(response=response).values_list("item__code", "value"))
        for page in questionnaire.pages:
            expected = page.items[0].options[index % len(page.items[0].options)].value
            assert {values[item.code] for item in page.items} == {expected}
        assert PageState.objects.get(response=response, page="KO").comment == f"r{index} KO"


@pytest.mark.django_db(transaction=True)
def test_starts_at_the_same_moment_create_one_response(setup_round):
    _network, _round, invitations = setup_round
    token = invitations[0].token

    results = run_in_threads([
        lambda: Client().post(reverse("rounds:respond", kwargs={"token": token})).status_code for _ in range(8)
    ])

    # Eight separate browsers: the one that created the response holds it, the others are refused (403).
    assert sorted(results) == [302] + [403] * 7
    assert Response.objects.filter(invitation=invitations[0]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_the_same_page_revision_at_once_one_wins_nothing_overwritten(setup_round):
    network, round, invitations = setup_round
    questionnaire = questionnaire_for_round(round=round)
    token = invitations[0].token
    setup = Client()
    setup.post(reverse("rounds:respond", kwargs={"token": token}))
    setup.post(reverse("rounds:respond_profile", kwargs={"token": token}),
               {"organisation": network.partnerships.first().organisation.pk, "level": Level.TACTICAL})
    page = questionnaire.page("KO")

    def tab(value):
        return lambda: answer_page(second_tab(setup), token, page, value=value, revision=0, comment=f"tab {value}",
                                   url_name="rounds:respond_autosave").status_code

    results = run_in_threads([tab("1"), tab("2")])

    assert Counter(results) == Counter({200: 1, 409: 1})
    response = Response.objects.get(invitation=invitations[0])
    state = PageState.objects.get(response=response, page="KO")
    values = set(Answer.objects.filter(response=response).values_list("value", flat=True))
    assert state.revision == 1
    assert len(values) == 1 and state.comment == f"tab {values.pop()}"  # answers and comment from the same tab
