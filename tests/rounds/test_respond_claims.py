"""A started questionnaire opens only in the browser that started it: the claim, and resuming elsewhere by mail.

The coordinator sees every invitee's link (until it is in use) and could open it; that must never show them
anyone's answers. Each Client below is a separate browser with its own cookies.
"""

import smtplib
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from networks.models import Level
from rounds.models import Answer, PageState, Response, RoundStatus
from rounds.questionnaire import questionnaire_for_round
from rounds.respond_access import CLAIM_COOKIE, CLAIM_SALT, resume_signature_make
from rounds.services import invitations as invitation_services
from tests.must import found, present
from tests.rounds.respond_builders import answer_page, submit

pytest_plugins = ["tests.rounds.respond_support"]

IDENTITIES = ["anonymous", "outsider", "member", "coordinator", "superuser"]


def url(name, token, **kwargs):
    return reverse(f"rounds:{name}", kwargs={"token": token, **kwargs})


def resume_path(mail) -> str:
    link = found(r"https?://\S+/r/\S+/resume/\S+/", mail.body)
    return link[link.index("/r/"):]


@pytest.fixture
def questionnaire(open_round):
    return questionnaire_for_round(round=open_round)


@pytest.fixture
def invitee_browser(client, token, invitation, network, questionnaire):
    """The invitee started in their own browser, answered a page with a comment and left."""
    client.post(url("respond", token))
    client.post(url("respond_profile", token), {"organisation": network.partnerships.first().organisation.pk,
                                                "level": Level.TACTICAL})
    answer_page(client, token, questionnaire.page("SF-K"), value="4", comment="Geheime toelichting", nav="later")
    return client


@pytest.fixture
def response(invitee_browser, invitation):
    return Response.objects.get(invitation=invitation)


@pytest.fixture
def coordinator_browser(coordinator):
    browser = Client()
    browser.force_login(coordinator)
    return browser


@pytest.fixture
def as_identity(outsider, member, coordinator, superuser):
    def make(identity: str) -> Client:
        browser = Client()
        user = {"outsider": outsider, "member": member, "coordinator": coordinator, "superuser": superuser}.get(
            identity)
        if user is not None:
            browser.force_login(user)
        return browser

    return make


def stored(response) -> dict:
    return dict(Answer.objects.filter(response=response).values_list("item__code", "value"))


def assert_no_answers_in(html: str) -> None:
    assert " checked" not in html
    assert "presence5 4" not in html  # the label of the stored answer
    assert "Geheime toelichting" not in html
    assert "Factor SF.K1" not in html
    assert "kr-questionnaire" not in html


# --- The coordinator with the link ------------------------------------------------------------------------


@pytest.mark.parametrize("name,kwargs", [
    ("respond", {}), ("respond_profile", {}), ("respond_page", {"page": "SF-K"}), ("respond_review", {}),
    ("respond_overview", {}),
])
def test_coordinator_opening_a_started_link_sees_the_started_elsewhere_page_without_answers(
        coordinator_browser, token, response, name, kwargs):
    page = coordinator_browser.get(url(name, token, **kwargs))

    html = page.content.decode()
    assert page.status_code == 403
    assert "Deze vragenlijst is al begonnen in een andere browser" in html
    assert "Stuur mij een link om verder te gaan" in html
    assert_no_answers_in(html)


def test_coordinator_is_refused_the_overview_of_a_submitted_response(invitee_browser, coordinator_browser, token,
                                                                     response):
    submit(invitee_browser, token)

    page = coordinator_browser.get(url("respond_overview", token))

    assert page.status_code == 403
    assert_no_answers_in(page.content.decode())


def test_started_elsewhere_page_masks_the_invitees_address(coordinator_browser, token, invitation, response):
    html = coordinator_browser.get(url("respond", token)).content.decode()

    assert invitation.user.email not in html
    local, domain = invitation.user.email.split("@")
    assert f"{local[0]}***@{domain}" in html


def test_coordinator_cannot_change_submit_or_reopen_anything(coordinator_browser, invitee_browser, token, response,
                                                             questionnaire):
    before = stored(response)

    results = [
        answer_page(coordinator_browser, token, questionnaire.page("SF-K"), value="1", revision=1),
        answer_page(coordinator_browser, token, questionnaire.page("KO"), value="1",
                    url_name="rounds:respond_autosave"),
        coordinator_browser.post(url("respond_profile", token), {"level": Level.STRATEGIC}),
        submit(coordinator_browser, token),
    ]
    submit(invitee_browser, token)
    results.append(coordinator_browser.post(url("respond_reopen", token)))

    assert [result.status_code for result in results] == [403] * 5
    assert results[1].json() == {"ok": False, "error": "elsewhere", "message": mock.ANY}
    response.refresh_from_db()
    assert stored(response) == before
    assert response.level == Level.TACTICAL
    assert response.is_submitted  # by the invitee, and not reopened by the coordinator
    assert PageState.objects.get(response=response, page="SF-K").comment == "Geheime toelichting"


def test_the_invitees_own_browser_keeps_working_after_the_coordinators_attempt(coordinator_browser, invitee_browser,
                                                                               token, response):
    coordinator_browser.get(url("respond", token))

    page = invitee_browser.get(url("respond_page", token, page="SF-K"))

    assert page.status_code == 200
    assert page.content.decode().count('value="4" checked') == 3


def test_a_closed_round_shows_nothing_to_another_browser_either(coordinator_browser, token, response, open_round):
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    page = coordinator_browser.get(url("respond_page", token, page="SF-K"))

    assert page.status_code == 403
    assert_no_answers_in(page.content.decode())


# --- The claim cookie ---------------------------------------------------------------------------------------


def test_the_claim_cookie_is_signed_httponly_lax_long_lived_and_only_for_questionnaire_links(client, token,
                                                                                            invitation):
    client.post(url("respond", token))

    cookie = client.cookies[CLAIM_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/r/"
    assert int(cookie["max-age"]) >= 360 * 24 * 60 * 60
    assert not cookie["secure"]
    response = Response.objects.get(invitation=invitation)
    request = RequestFactory().get("/r/")
    request.COOKIES[CLAIM_COOKIE] = cookie.value
    assert request.get_signed_cookie(CLAIM_COOKIE, salt=CLAIM_SALT) == f"{response.pk}.{response.claim_key}"


def test_the_claim_cookie_is_secure_over_https(client, token):
    client.post(url("respond", token), secure=True)

    assert client.cookies[CLAIM_COOKIE]["secure"] is True


def test_the_claim_is_kept_in_the_session_too(client, token, invitation):
    client.post(url("respond", token))
    del client.cookies[CLAIM_COOKIE]

    assert client.get(url("respond_profile", token)).status_code == 200


def test_a_forged_claim_cookie_is_ignored(coordinator_browser, token, response):
    coordinator_browser.cookies[CLAIM_COOKIE] = f"{response.pk}.{response.claim_key}"  # right key, no signature

    assert coordinator_browser.get(url("respond", token)).status_code == 403


def test_claims_for_several_rounds_live_side_by_side_in_one_cookie(client, token, invitation, network,
                                                                   make_membership, open_round):
    from rounds.models import Invitation

    second = Invitation.objects.create(round=open_round, user=make_membership(network=network).user)
    client.post(url("respond", token))
    client.post(url("respond", second.token))
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)

    assert client.get(url("respond_profile", token)).status_code == 200
    assert client.get(url("respond_profile", second.token)).status_code == 200


# --- The invitee logged in ----------------------------------------------------------------------------------


def test_the_invitee_logged_in_needs_no_claim_and_takes_it_over(token, invitation, response, invitee_browser):
    laptop = Client()
    laptop.force_login(invitation.user)

    page = laptop.get(url("respond_page", token, page="SF-K"))

    assert page.status_code == 200
    assert page.content.decode().count('value="4" checked') == 3
    # Logging in proved who this is: a browser that opened the link earlier (perhaps not theirs) is shut out.
    assert invitee_browser.get(url("respond", token)).status_code == 403
    laptop.cookies.pop(settings.SESSION_COOKIE_NAME)  # logged out; the claim cookie stays
    assert laptop.get(url("respond", token)).status_code == 302


def test_someone_else_logged_in_on_the_started_link_creates_nothing(as_identity, token, response):
    for identity in ("outsider", "member", "coordinator", "superuser"):
        as_identity(identity).get(url("respond", token))

    assert Response.objects.count() == 1


# --- Asking for a resume link -----------------------------------------------------------------------------


def test_asking_for_a_resume_link_mails_the_invitee_only(coordinator_browser, token, invitation, response,
                                                         mailoutbox):
    page = coordinator_browser.post(url("respond_resume_request", token))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Kijk in uw e-mail" in html
    assert invitation.user.email not in html
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [invitation.user.email]
    assert resume_path(mailoutbox[0]).startswith(f"/r/{token}/resume/")
    assert "24 uur" in mailoutbox[0].body
    assert_no_answers_in(html)


def test_resume_mails_are_limited_to_three_an_hour_per_invitation(coordinator_browser, token, response,
                                                                  mailoutbox):
    statuses = [coordinator_browser.post(url("respond_resume_request", token)).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert len(mailoutbox) == 3
    assert Client().post(url("respond_resume_request", token)).status_code == 429  # per invitation, not browser


def test_resume_mails_are_allowed_again_after_the_hour(coordinator_browser, token, response, mailoutbox):
    from audit.models import RateLimitHit

    for _ in range(3):
        coordinator_browser.post(url("respond_resume_request", token))
    RateLimitHit.objects.update(at=present(RateLimitHit.objects.first()).at - timedelta(hours=2))

    assert coordinator_browser.post(url("respond_resume_request", token)).status_code == 200
    assert len(mailoutbox) == 4


def test_asking_for_a_resume_link_from_the_claimed_browser_just_resumes(invitee_browser, token, response,
                                                                         mailoutbox):
    page = invitee_browser.post(url("respond_resume_request", token))

    assert page.status_code == 302 and page["Location"] == url("respond", token)
    assert mailoutbox == []


def test_asking_for_a_resume_link_before_anything_started_just_starts(client, token, invitation, mailoutbox):
    page = client.post(url("respond_resume_request", token))

    assert page["Location"] == url("respond", token)
    assert mailoutbox == []
    assert not Response.objects.filter(invitation=invitation).exists()


def test_a_resume_mail_that_cannot_be_sent_is_a_clear_503(coordinator_browser, token, response, mailoutbox):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPException("down")):
        page = coordinator_browser.post(url("respond_resume_request", token))

    assert page.status_code == 503
    assert "kon nu niet worden verstuurd" in page.content.decode()


def test_an_invitee_without_address_is_told_to_log_in(coordinator_browser, token, invitation, response, mailoutbox):
    invitation.user.email = ""
    invitation.user.save()

    page = coordinator_browser.post(url("respond_resume_request", token))

    assert page.status_code == 409
    assert "Log in" in page.content.decode()
    assert mailoutbox == []


def test_asking_for_a_resume_link_needs_post(client, token, response):
    assert client.get(url("respond_resume_request", token)).status_code == 405


@pytest.mark.parametrize("identity", IDENTITIES)
def test_resume_request_with_a_wrong_token_is_404_for_everyone(as_identity, token, response, identity, mailoutbox):
    page = as_identity(identity).post(url("respond_resume_request", token[:-4] + "AAAA"))

    assert page.status_code == 404
    assert mailoutbox == []


@pytest.mark.parametrize("identity", IDENTITIES)
def test_anyone_with_the_link_may_ask_but_the_mail_goes_to_the_invitee(as_identity, token, invitation, response,
                                                                       identity, mailoutbox):
    page = as_identity(identity).post(url("respond_resume_request", token))

    assert page.status_code == 200
    assert [mail.to for mail in mailoutbox] == [[invitation.user.email]]


# --- Using the resume link --------------------------------------------------------------------------------


@pytest.fixture
def mailed_path(coordinator_browser, token, response, mailoutbox):
    """A resume link, asked for from some browser and mailed to the invitee."""
    coordinator_browser.post(url("respond_resume_request", token))
    return resume_path(mailoutbox[-1])


def test_the_resume_link_asks_to_confirm_and_then_moves_the_claim_to_this_browser(mailed_path, token, response,
                                                                                  invitee_browser):
    phone = Client()

    confirm = phone.get(mailed_path)
    assert confirm.status_code == 200
    assert "Verder met de vragenlijst" in confirm.content.decode()
    assert_no_answers_in(confirm.content.decode())
    moved = phone.post(mailed_path)

    assert moved.status_code == 302 and moved["Location"] == url("respond", token)
    assert phone.get(url("respond", token))["Location"] == url("respond_page", token, page="SF-K")
    assert phone.get(url("respond_page", token, page="SF-K")).content.decode().count('value="4" checked') == 3
    # The claim moved: the browser that held it before (whoever's it was) is shut out.
    assert invitee_browser.get(url("respond", token)).status_code == 403


def test_opening_the_resume_link_alone_moves_nothing(mailed_path, token, invitee_browser):
    Client().get(mailed_path)  # e.g. a mail scanner following the link

    assert invitee_browser.get(url("respond", token)).status_code == 302
    assert Client().get(mailed_path).status_code == 200  # still usable by the invitee


def test_the_resume_link_works_once(mailed_path, token):
    Client().post(mailed_path)

    again = Client().post(mailed_path)
    shown = Client().get(mailed_path)

    assert again.status_code == 400
    assert shown.status_code == 400
    assert "al gebruikt" in shown.content.decode()
    assert "Stuur mij een link om verder te gaan" in shown.content.decode()


def test_a_second_click_in_the_browser_that_used_it_just_resumes(mailed_path, token):
    phone = Client()
    phone.post(mailed_path)

    assert phone.post(mailed_path)["Location"] == url("respond", token)
    assert phone.get(mailed_path)["Location"] == url("respond", token)


def test_the_resume_link_expires_after_24_hours(mailed_path, token, invitee_browser):
    later = time.time() + 24 * 60 * 60 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = Client().get(mailed_path)
        posted = Client().post(mailed_path)

    assert page.status_code == posted.status_code == 410
    assert "verlopen" in page.content.decode()
    assert invitee_browser.get(url("respond", token)).status_code == 302


def test_the_resume_link_is_valid_just_under_24_hours(mailed_path):
    later = time.time() + 23 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert Client().get(mailed_path).status_code == 200


@pytest.mark.parametrize("tamper", [
    lambda sig: sig[:-2] + ("AA" if not sig.endswith("AA") else "BB"),
    lambda sig: "9" + sig,
    lambda sig: "1:xyz",
    lambda sig: "x" * 300,
])
def test_a_tampered_resume_link_is_refused_with_a_clear_message(mailed_path, token, invitee_browser, tamper):
    signature = mailed_path.rstrip("/").rsplit("/", 1)[1]
    path = url("respond_resume", token, signature=tamper(signature))

    page = Client().post(path)

    assert page.status_code == 400
    assert "werkt niet (meer)" in page.content.decode()
    assert invitee_browser.get(url("respond", token)).status_code == 302


def test_a_resume_link_signed_for_another_response_is_refused(token, response, invitation, network, make_membership,
                                                              open_round):
    from rounds.models import Invitation

    other = Invitation.objects.create(round=open_round, user=make_membership(network=network).user)
    other_browser = Client()
    other_browser.post(url("respond", other.token))
    other_response = Response.objects.get(invitation=other)
    signature = resume_signature_make(token=other.token, response=other_response)

    assert Client().get(url("respond_resume", token, signature=signature)).status_code == 400


def test_a_new_token_invalidates_earlier_resume_links(mailed_path, token, invitation):
    invitation_services.invitation_reissue(invitation=invitation)
    invitation.refresh_from_db()
    old_signature = mailed_path.rstrip("/").rsplit("/", 1)[1]

    old_link = Client().get(mailed_path)
    grafted = Client().get(url("respond_resume", invitation.token, signature=old_signature))

    assert old_link.status_code == 404  # the old token itself is gone
    assert grafted.status_code == 400


def test_the_invitee_keeps_the_claim_through_a_new_token(invitee_browser, token, invitation, response):
    invitation_services.invitation_reissue(invitation=invitation)
    invitation.refresh_from_db()

    assert invitee_browser.get(url("respond", invitation.token)).status_code == 302
    assert Client().get(url("respond", invitation.token)).status_code == 403
