"""The background save endpoint used by questionnaire.js: JSON answers, same rules as the page POST."""

import pytest
from django.urls import reverse

from networks.models import Level
from rounds.models import Answer, PageState, Response
from rounds.questionnaire import questionnaire_for_round
from tests.rounds.respond_builders import answer_page

pytest_plugins = ["tests.rounds.respond_support"]


@pytest.fixture
def questionnaire(open_round):
    return questionnaire_for_round(round=open_round)


@pytest.fixture
def confirmed(client, token, invitation, network):
    client.post(reverse("rounds:respond", kwargs={"token": token}))
    organisation = network.partnerships.first().organisation
    client.post(reverse("rounds:respond_profile", kwargs={"token": token}),
                {"organisation": organisation.pk, "level": Level.OPERATIONAL})
    return Response.objects.get(invitation=invitation)


def autosave(client, token, page, **kwargs):
    return answer_page(client, token, page, url_name="rounds:respond_autosave", **kwargs)


def test_autosave_stores_the_page_and_returns_the_new_revision(client, token, confirmed, questionnaire,
                                                               open_round):
    result = autosave(client, token, questionnaire.page("SF-P"), value="4", comment="Tussentijds")

    assert result.status_code == 200
    data = result.json()
    assert data["ok"] is True
    assert data["revision"] == 1
    assert data["saved_at"] and len(data["saved_at_display"]) == 5  # "14:02"
    assert set(Answer.objects.filter(response=confirmed).values_list("value", flat=True)) == {4}
    assert PageState.objects.get(response=confirmed, page="SF-P").comment == "Tussentijds"
    open_round.refresh_from_db()
    assert open_round.answers_changed_at is not None


def test_autosave_remembers_the_page_to_resume_at(client, token, confirmed, questionnaire):
    autosave(client, token, questionnaire.page("KO"), value="1")

    confirmed.refresh_from_db()
    assert confirmed.last_page == "KO"


def test_consecutive_autosaves_chain_their_revisions(client, token, confirmed, questionnaire):
    page = questionnaire.page("KO")
    first = autosave(client, token, page, value="1").json()
    second = autosave(client, token, page, value="2", revision=first["revision"]).json()

    assert second["revision"] == 2
    assert set(Answer.objects.filter(response=confirmed).values_list("value", flat=True)) == {2}


def test_autosave_with_errors_returns_them_and_keeps_the_valid_answers(client, token, confirmed, questionnaire):
    result = autosave(client, token, questionnaire.page("KO"), value="1", comment="z" * 2001,
                      extra={"item-KO.2": "9"})

    assert result.status_code == 400
    data = result.json()
    assert data["ok"] is False
    assert set(data["errors"]) == {"item-KO.2", "comment"}
    assert data["revision"] == 1
    assert dict(Answer.objects.filter(response=confirmed).values_list("item__code", "value")) == {"KO.1": 1,
                                                                                                   "KO.3": 1}


def test_autosave_on_an_unknown_page_is_a_json_404(client, token, confirmed):
    result = client.post(reverse("rounds:respond_autosave", kwargs={"token": token, "page": "NOPE"}), {})

    assert result.status_code == 404
    assert result.json()["ok"] is False


def test_autosave_without_csrf_token_is_refused(token, confirmed, questionnaire):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    result = autosave(strict, token, questionnaire.page("KO"), value="1")

    assert result.status_code == 403
    assert not Answer.objects.filter(response=confirmed).exists()


def test_page_carries_what_the_script_needs(client, token, confirmed):
    html = client.get(reverse("rounds:respond_page", kwargs={"token": token, "page": "KO"})).content.decode()

    assert f'data-autosave-url="/r/{token}/page/KO/autosave/"' in html
    assert f'data-storage-key="kr:{token}:KO"' in html
    assert 'data-saved-at="0"' in html
    assert 'name="revision" value="0"' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<script src="/static/js/questionnaire.js" defer></script>' in html
    assert "<script>" not in html  # no inline script: the Content-Security-Policy forbids it
