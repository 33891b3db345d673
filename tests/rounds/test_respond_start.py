"""The personal link's start step: fetching the link (a mail scanner, a link preview) changes nothing; only the
"Start de vragenlijst" button creates the response and claims the browser."""

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Level
from rounds.models import Response
from rounds.respond_access import CLAIM_COOKIE

pytest_plugins = ["tests.rounds.respond_support"]


def url(name, token, **kwargs):
    return reverse(f"rounds:{name}", kwargs={"token": token, **kwargs})


def test_the_first_get_shows_a_start_page_and_creates_nothing(client, token, invitation):
    page = client.get(url("respond", token))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Start de vragenlijst" in html
    assert f'action="{url("respond", token)}"' in html
    assert not Response.objects.filter(invitation=invitation).exists()
    assert CLAIM_COOKIE not in page.cookies
    assert "kr_claims" not in client.session


def test_any_number_of_scanner_fetches_claim_nothing_and_the_invitee_still_starts(client, token, invitation):
    for _ in range(5):
        scanner = Client()
        for name in ("respond", "respond_profile", "respond_review", "respond_overview"):
            fetched = scanner.get(url(name, token))
            assert fetched.status_code in (200, 302)
            assert CLAIM_COOKIE not in fetched.cookies
        scanner.get(url("respond_page", token, page="SF-K"))
        scanner.head(url("respond", token))
    assert not Response.objects.filter(invitation=invitation).exists()

    started = client.post(url("respond", token))

    assert started.status_code == 302
    assert started.url == url("respond_profile", token)
    assert client.get(url("respond_profile", token)).status_code == 200
    assert "al begonnen in een andere browser" not in client.get(url("respond_profile", token)).content.decode()


def test_other_pages_before_the_start_lead_back_to_the_start_page(client, token, invitation):
    for name, kwargs in [("respond_profile", {}), ("respond_page", {"page": "SF-K"}), ("respond_review", {}),
                         ("respond_overview", {})]:
        page = client.get(url(name, token, **kwargs))
        assert page.status_code == 302 and page.url == url("respond", token), name
    assert client.post(url("respond_submit", token)).url == url("respond", token)
    assert client.post(url("respond_profile", token), {"level": Level.TACTICAL}).url == url("respond", token)
    assert not Response.objects.filter(invitation=invitation).exists()


def test_autosave_before_the_start_answers_json_and_creates_nothing(client, token, invitation):
    saved = client.post(url("respond_autosave", token, page="SF-K"), {"page": "SF-K", "revision": "0"})

    assert saved.status_code == 409
    assert saved["Content-Type"].startswith("application/json")
    assert saved.json()["error"] == "not_started"
    assert "Start de vragenlijst" in saved.json()["message"]
    assert not Response.objects.filter(invitation=invitation).exists()


def test_the_start_button_creates_the_response_and_claims_this_browser(client, token, invitation):
    started = client.post(url("respond", token))

    stored = Response.objects.get(invitation=invitation)
    assert stored.respondent == invitation.user
    assert started.cookies[CLAIM_COOKIE]["httponly"]


def test_starting_twice_keeps_one_response(client, token, invitation):
    client.post(url("respond", token))
    client.post(url("respond", token))

    assert Response.objects.filter(invitation=invitation).count() == 1


def test_a_returning_respondent_with_the_claim_goes_straight_on(client, token, invitation):
    client.post(url("respond", token))

    again = client.get(url("respond", token))

    assert again.status_code == 302
    assert again.url == url("respond_profile", token)


def test_the_start_page_needs_csrf(token, invitation):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(url("respond", token)).status_code == 403
    assert not Response.objects.filter(invitation=invitation).exists()


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_round_that_is_not_open_shows_its_problem_not_a_start_page(client, token, open_round, status):
    open_round.status = status
    open_round.save()

    page = client.get(url("respond", token))

    assert page.status_code == 403
    assert "Start de vragenlijst" not in page.content.decode()
