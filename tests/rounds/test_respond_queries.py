"""Rendering and saving a questionnaire page cost the same number of SQL queries whatever its item count."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import Level, PlatformRole
from rounds.models import Answer, Invitation
from rounds.questionnaire import questionnaire_for_round
from tests.rounds.respond_builders import answer_page, build_instrument, build_round

pytest_plugins = ["tests.rounds.respond_support"]


@pytest.fixture
def respondent_for(network, make_membership):
    def make(n: int):
        round = build_round(network=network, instrument=build_instrument(n=n), optional=("KW", "CX"))
        user = make_membership(network=network, role=PlatformRole.MEMBER).user
        invitation = Invitation.objects.create(round=round, user=user)
        client = Client()
        client.post(reverse("rounds:respond", kwargs={"token": invitation.token}))
        client.post(reverse("rounds:respond_profile", kwargs={"token": invitation.token}),
                    {"organisation": network.partnerships.first().organisation.pk, "level": Level.TACTICAL})
        return client, invitation.token, questionnaire_for_round(round=round)

    return make


def count_queries(action) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        result = action()
    return len(queries), result


@pytest.mark.parametrize("page_key", ["KO", "SF-K", "MK-1"])
def test_rendering_a_page_costs_the_same_queries_for_3_and_40_items(respondent_for, page_key):
    small_client, small_token, small_q = respondent_for(3)
    large_client, large_token, large_q = respondent_for(40)
    for client, token, questionnaire in ((small_client, small_token, small_q), (large_client, large_token, large_q)):
        answer_page(client, token, questionnaire.page(page_key), nav="stay")  # stored answers are rendered too

    def render(client, token):
        return lambda: client.get(reverse("rounds:respond_page", kwargs={"token": token, "page": page_key}))

    few, small_page = count_queries(render(small_client, small_token))
    many, large_page = count_queries(render(large_client, large_token))

    assert small_page.status_code == large_page.status_code == 200
    assert large_page.content.decode().count("<fieldset") == 40
    assert few == many
    assert many <= 12  # two of them load and save the session, which keeps the browser's claims too


@pytest.mark.parametrize("url_name", ["rounds:respond_page", "rounds:respond_autosave"])
def test_saving_a_page_costs_the_same_queries_for_3_and_40_items(respondent_for, url_name):
    small_client, small_token, small_q = respondent_for(3)
    large_client, large_token, large_q = respondent_for(40)

    few, small_result = count_queries(lambda: answer_page(small_client, small_token, small_q.page("KO"),
                                                          url_name=url_name))
    many, large_result = count_queries(lambda: answer_page(large_client, large_token, large_q.page("KO"),
                                                           url_name=url_name))

    assert small_result.status_code in (200, 302) and large_result.status_code in (200, 302)
    assert Answer.objects.filter(item__code__startswith="KO.").count() == 43
    assert few == many
    assert many <= 17  # two of them load and save the session, which keeps the browser's claims too


def test_updating_saved_answers_costs_the_same_queries_as_the_first_save(respondent_for):
    client, token, questionnaire = respondent_for(40)
    page = questionnaire.page("KO")

    first, _ = count_queries(lambda: answer_page(client, token, page, revision=0, value="1"))
    second, _ = count_queries(lambda: answer_page(client, token, page, revision=1, value="2"))

    assert first == second
    assert set(Answer.objects.filter(item__code__startswith="KO.").values_list("value", flat=True)) == {2}


def test_review_and_overview_cost_the_same_queries_whatever_the_size(respondent_for):
    small = respondent_for(3)
    large = respondent_for(40)
    counts = []
    for client, token, _questionnaire in (small, large):
        review, _ = count_queries(lambda c=client, t=token: c.get(reverse("rounds:respond_review",
                                                                          kwargs={"token": t})))
        client.post(reverse("rounds:respond_submit", kwargs={"token": token}))
        overview, _ = count_queries(lambda c=client, t=token: c.get(reverse("rounds:respond_overview",
                                                                            kwargs={"token": t})))
        counts.append((review, overview))

    assert counts[0] == counts[1]
