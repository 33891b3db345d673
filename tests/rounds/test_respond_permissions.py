"""Who may use the respondent URLs.

The personal token starts the questionnaire without logging in; once started, it opens only in the browser
that started it (its claim) or for the invitee logged in. Being logged in as anyone else, coordinator or
superuser included, opens nothing of someone else's questionnaire. ``my/responses/`` needs a login and lists
only the user's own invitations. The claim and resume details are in test_respond_claims.
"""

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Level
from rounds.models import Invitation, Response

pytest_plugins = ["tests.rounds.respond_support"]

TOKEN_URLS = [
    ("respond", {}, "get"), ("respond_profile", {}, "get"), ("respond_page", {"page": "KO"}, "get"),
    ("respond_autosave", {"page": "KO"}, "post"), ("respond_review", {}, "get"), ("respond_submit", {}, "post"),
    ("respond_reopen", {}, "post"), ("respond_overview", {}, "get"),
]
IDENTITIES = ["anonymous", "outsider", "member", "coordinator", "superuser"]


@pytest.fixture
def as_identity(outsider, member, coordinator, superuser):
    def make(identity: str) -> Client:
        client = Client()
        users = {"outsider": outsider, "member": member, "coordinator": coordinator, "superuser": superuser}
        user = users.get(identity)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def confirmed_token(token, invitation, network):
    """The invitee has started in their own browser (another Client than the identities below)."""
    client = Client()
    client.post(reverse("rounds:respond", kwargs={"token": token}))
    client.post(reverse("rounds:respond_profile", kwargs={"token": token}),
                {"organisation": network.partnerships.first().organisation.pk, "level": Level.TACTICAL})
    return token


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("name,kwargs,method", TOKEN_URLS)
def test_a_wrong_token_is_404_for_everyone(as_identity, confirmed_token, identity, name, kwargs, method):
    client = as_identity(identity)
    wrong = confirmed_token[:-4] + "AAAA"

    page = getattr(client, method)(reverse(f"rounds:{name}", kwargs={"token": wrong, **kwargs}))

    assert page.status_code == 404


@pytest.mark.parametrize("identity", IDENTITIES)
def test_before_anyone_started_the_token_alone_starts_the_questionnaire(as_identity, token, identity):
    browser = as_identity(identity)
    start_page = browser.get(reverse("rounds:respond", kwargs={"token": token}))
    assert start_page.status_code == 200 and "Start de vragenlijst" in start_page.content.decode()

    page = browser.post(reverse("rounds:respond", kwargs={"token": token}))

    assert page.status_code == 302
    assert page.url == reverse("rounds:respond_profile", kwargs={"token": token})


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("name,kwargs,method", TOKEN_URLS)
def test_once_started_the_token_opens_nothing_in_another_browser(as_identity, confirmed_token, identity, name,
                                                                   kwargs, method):
    client = as_identity(identity)

    page = getattr(client, method)(reverse(f"rounds:{name}", kwargs={"token": confirmed_token, **kwargs}))

    assert page.status_code == 403
    if name == "respond_autosave":
        assert page.json()["error"] == "elsewhere"
    else:
        assert "al begonnen in een andere browser" in page.content.decode()


@pytest.mark.parametrize("name,kwargs,method", TOKEN_URLS)
def test_the_invitee_logged_in_opens_their_questionnaire_in_any_browser(confirmed_token, invitation, name,
                                                                        kwargs, method):
    client = Client()
    client.force_login(invitation.user)

    page = getattr(client, method)(reverse(f"rounds:{name}", kwargs={"token": confirmed_token, **kwargs}))

    assert page.status_code in (200, 302, 400)  # 400: the autosave was posted without answers
    if page.status_code == 302:
        assert page.url.startswith(f"/r/{confirmed_token}/")


@pytest.mark.parametrize("identity", IDENTITIES)
def test_logging_in_does_not_create_a_response_for_the_logged_in_user(as_identity, confirmed_token, invitation,
                                                                      identity):
    as_identity(identity).get(reverse("rounds:respond", kwargs={"token": confirmed_token}))

    assert list(Response.objects.values_list("respondent", flat=True)) == [invitation.user_id]


def test_my_responses_anonymous_is_sent_to_login(client, db):
    page = client.get(reverse("rounds:my_responses"))

    assert page.status_code == 302 and reverse("login") in page.url


@pytest.mark.parametrize("identity", ["outsider", "member", "coordinator", "superuser"])
def test_my_responses_shows_only_own_invitations(as_identity, invitation, identity, member, coordinator,
                                                 outsider, superuser, open_round):
    user = {"outsider": outsider, "member": member, "coordinator": coordinator, "superuser": superuser}[identity]
    own = Invitation.objects.create(round=open_round, user=user)

    html = as_identity(identity).get(reverse("rounds:my_responses")).content.decode()

    assert own.token in html
    assert invitation.token not in html
