"""The background save endpoint used by questionnaire.js: JSON answers, same rules as the page POST."""

from typing import Any

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


# --- Every refusal answers JSON with a clear message (questionnaire.js shows data.message) -------------------

JSON_HEADERS: dict[str, Any] = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def _autosave_url(token, page="KO"):
    return reverse("rounds:respond_autosave", kwargs={"token": token, "page": page})


def _assert_json_refusal(result, status: int) -> dict:
    assert result.status_code == status
    assert result["Content-Type"].startswith("application/json")
    data = result.json()
    assert data["ok"] is False and data["error"] and len(data["message"]) > 20
    return data


def test_a_csrf_refusal_of_an_autosave_answers_json(token, confirmed):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    result = strict.post(_autosave_url(token), {"page": "KO", "revision": "0"}, **JSON_HEADERS)

    data = _assert_json_refusal(result, 403)
    assert data["error"] == "csrf"


def test_an_autosave_over_the_size_limit_answers_json(client, token, confirmed, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    result = client.post(_autosave_url(token), {"page": "KO", "revision": "0", "comment": "x" * 5000},
                         **JSON_HEADERS)

    data = _assert_json_refusal(result, 400)
    assert data["error"] == "too_large"
    assert not Answer.objects.filter(response=confirmed).exists()


def test_an_autosave_with_too_many_fields_answers_json(client, token, confirmed, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"f{n}": "1" for n in range(50)}
    result = client.post(_autosave_url(token), data, **JSON_HEADERS)

    assert _assert_json_refusal(result, 400)["error"] == "too_large"


def test_an_autosave_refused_for_the_claim_answers_json(token, confirmed):
    from django.test import Client

    result = Client().post(_autosave_url(token), {"page": "KO", "revision": "0"}, **JSON_HEADERS)

    assert _assert_json_refusal(result, 403)["error"] == "elsewhere"


def test_an_html_page_refused_for_csrf_is_still_a_page(token, confirmed):
    from django.test import Client

    result = Client(enforce_csrf_checks=True).post(reverse("rounds:respond_submit", kwargs={"token": token}))

    assert result.status_code == 403
    assert result["Content-Type"].startswith("text/html")


@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True)
def test_an_autosave_while_the_database_is_locked_answers_json_and_keeps_nothing_half():
    """A real write lock held by another connection (another process writing), with a short busy timeout."""
    import sqlite3

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from networks.models import Membership, Network, Organisation, Partnership, Sector
    from rounds.models import Invitation
    from tests.rounds.respond_builders import build_instrument, build_round

    network = Network.objects.create(name="Slot", slug="slot")
    organisation = Organisation.objects.create(name="Slot-org", sector=Sector.WELFARE)
    Partnership.objects.create(network=network, organisation=organisation)
    user = get_user_model().objects.create_user(username="slot@example.org", email="slot@example.org")
    Membership.objects.create(network=network, user=user, organisation=organisation, level=Level.TACTICAL)
    round_ = build_round(network=network, instrument=build_instrument(n=3))
    invitation = Invitation.objects.create(round=round_, user=user)
    browser = Client()
    browser.post(reverse("rounds:respond", kwargs={"token": invitation.token}))
    browser.post(reverse("rounds:respond_profile", kwargs={"token": invitation.token}),
                 {"organisation": organisation.pk, "level": Level.TACTICAL})
    page = questionnaire_for_round(round=round_).page("KO")

    options = connection.settings_dict["OPTIONS"]
    old_timeout = options["timeout"]
    connection.close()
    options["timeout"] = 0.2
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0.2)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
        result = autosave(browser, invitation.token, page, value="1")
        other.rollback()
    finally:
        other.close()
        connection.close()
        options["timeout"] = old_timeout

    data = _assert_json_refusal(result, 503)
    assert data["error"] == "busy"
    assert result["Retry-After"]
    assert not Answer.objects.filter(response__invitation=invitation).exists()
