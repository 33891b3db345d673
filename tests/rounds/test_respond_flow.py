"""Filling in the questionnaire through the personal link: start, profile, pages, resume, review, submit."""


import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from networks.models import ChainRole, Level, Membership
from rounds.models import Answer, PageState, Response
from rounds.questionnaire import questionnaire_for_round
from tests.must import found
from tests.rounds.respond_builders import answer_page, submit

pytest_plugins = ["tests.rounds.respond_support"]


def url(name, token, **kwargs):
    return reverse(f"rounds:{name}", kwargs={"token": token, **kwargs})


@pytest.fixture
def questionnaire(open_round):
    return questionnaire_for_round(round=open_round)


@pytest.fixture
def confirmed(client, token, invitation, network):
    """A respondent who has opened the link and confirmed the profile."""
    client.post(url("respond", token))
    organisation = network.partnerships.first().organisation
    client.post(url("respond_profile", token), {"organisation": organisation.pk, "level": Level.TACTICAL})
    return Response.objects.get(invitation=invitation)


def test_starting_creates_the_response_and_asks_for_the_profile(client, token, invitation):
    response = client.post(url("respond", token))

    assert response.status_code == 302
    assert response.url == url("respond_profile", token)
    stored = Response.objects.get(invitation=invitation)
    assert stored.respondent == invitation.user
    assert stored.round == invitation.round


def test_second_start_does_not_create_a_second_response(client, token, invitation):
    client.post(url("respond", token))
    client.post(url("respond", token))

    assert Response.objects.filter(invitation=invitation).count() == 1


def test_profile_defaults_come_from_the_membership(client, token, invitation, network):
    client.post(url("respond", token))
    membership = Membership.objects.get(user=invitation.user, network=network)
    membership.chain_role = ChainRole.CHAIN_DIRECTOR
    membership.save()

    page = client.get(url("respond_profile", token))

    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["organisation"] == membership.organisation_id
    assert form.initial["level"] == membership.level
    assert form.initial["chain_role"] == ChainRole.CHAIN_DIRECTOR


def test_profile_offers_only_the_partners_of_this_network(client, token, network, other_network):
    client.post(url("respond", token))
    page = client.get(url("respond_profile", token))

    offered = set(page.context["form"].fields["organisation"].queryset)
    assert offered == {p.organisation for p in network.partnerships.all()}


def test_profile_refuses_an_organisation_outside_the_network(client, token, invitation, other_network):
    client.post(url("respond", token))
    foreign = other_network.partnerships.first().organisation

    page = client.post(url("respond_profile", token), {"organisation": foreign.pk, "level": Level.TACTICAL})

    assert page.status_code == 400
    assert "organisation" in page.context["form"].errors
    assert not Response.objects.get(invitation=invitation).profile_confirmed


def test_profile_confirmation_stores_choices_and_consent_then_opens_the_first_page(client, token, invitation,
                                                                                 network):
    client.post(url("respond", token))
    organisation = network.partnerships.last().organisation

    page = client.post(url("respond_profile", token), {
        "organisation": organisation.pk, "level": Level.STRATEGIC, "chain_role": ChainRole.FUNDER,
        "comment_consent": "on",
    })

    assert page.status_code == 302
    assert page["Location"] == url("respond_page", token, page="SF-K")
    stored = Response.objects.get(invitation=invitation)
    assert (stored.organisation, stored.level, stored.chain_role) == (organisation, Level.STRATEGIC, ChainRole.FUNDER)
    assert stored.comment_consent and stored.profile_confirmed


def test_page_before_profile_confirmation_redirects_to_the_profile(client, token):
    client.post(url("respond", token))
    page = client.get(url("respond_page", token, page="SF-K"))

    assert page.status_code == 302
    assert page["Location"] == url("respond_profile", token)


def test_question_page_renders_fieldsets_with_legends_and_dont_know(client, token, confirmed):
    page = client.get(url("respond_page", token, page="SF-K"))

    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 3
    assert html.count('<legend class="kr-legend">') == 3
    assert html.count('value="dk"') == 3
    assert 'aria-describedby="q-SF_K1_presence-help"' in html
    assert 'aria-current="step"' in html
    assert "Pagina 1 van 7" in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]


def test_next_saves_the_page_and_moves_on(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("SF-K"), nav="next", comment="Goed bezig")

    assert page.status_code == 302
    assert page["Location"] == url("respond_page", token, page="SF-P")
    assert Answer.objects.filter(response=confirmed).count() == 3
    state = PageState.objects.get(response=confirmed, page="SF-K")
    assert (state.revision, state.comment) == (1, "Goed bezig")


def test_dont_know_is_stored_as_null(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("KO"), value="dk")

    assert set(Answer.objects.filter(response=confirmed).values_list("value", flat=True)) == {None}
    assert Answer.objects.filter(response=confirmed).count() == 3


def test_saved_answers_are_shown_checked_when_coming_back(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("MK-1"), value="2")

    html = client.get(url("respond_page", token, page="MK-1")).content.decode()

    assert html.count('value="2" checked') == 3


def test_previous_on_the_first_page_goes_back_to_the_profile(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.first, nav="prev")

    assert page["Location"] == url("respond_profile", token)
    assert Answer.objects.filter(response=confirmed).count() == 3


def test_next_on_the_last_page_goes_to_the_review(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.pages[-1], nav="next")

    assert page["Location"] == url("respond_review", token)


def test_save_and_continue_later_stays_and_confirms(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("KO"), nav="later")

    assert page["Location"] == url("respond_page", token, page="KO")
    follow = client.get(page["Location"])
    assert "later verdergaan" in follow.content.decode()


def test_link_resumes_at_the_last_page(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"), nav="next")
    answer_page(client, token, questionnaire.page("SF-P"), nav="next")

    page = client.get(url("respond", token))

    assert page["Location"] == url("respond_page", token, page="MK-1")


def test_resume_works_in_the_same_browser_after_the_session_is_gone(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"), nav="later")
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)  # the session expired; the claim cookie lasts a year

    page = client.get(url("respond", token))

    assert page["Location"] == url("respond_page", token, page="SF-K")
    assert client.get(page["Location"]).content.decode().count(" checked") == 3


def test_a_fresh_browser_resumes_through_the_mailed_link(client, token, invitation, confirmed, questionnaire,
                                                        mailoutbox):
    answer_page(client, token, questionnaire.page("SF-K"), nav="later")
    fresh = Client()

    refused = fresh.get(url("respond", token))
    fresh.post(url("respond_resume_request", token))
    link = found(r"https?://\S+/r/\S+/resume/\S+/", mailoutbox[-1].body)
    path = link[link.index("/r/"):]
    fresh.get(path)
    resumed = fresh.post(path)

    assert refused.status_code == 403
    assert mailoutbox[-1].to == [invitation.user.email]
    assert resumed["Location"] == url("respond", token)
    page = fresh.get(resumed["Location"])
    assert page["Location"] == url("respond_page", token, page="SF-K")
    assert fresh.get(page["Location"]).content.decode().count(" checked") == 3


def test_unknown_page_key_is_a_clear_404(client, token, confirmed):
    page = client.get(url("respond_page", token, page="XX-9"))

    assert page.status_code == 404
    assert "geen pagina met deze naam" in page.content.decode()


def test_review_counts_answered_and_dont_know_per_page(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"))
    answer_page(client, token, questionnaire.page("KO"), value="dk")

    page = client.get(url("respond_review", token))

    assert page.status_code == 200
    progress = {p.page.key: p for _section, pages in page.context["sections"] for p in pages}
    assert progress["SF-K"].answered == 3 and progress["SF-K"].complete
    assert progress["KO"].dont_know == 3
    assert progress["MK-1"].unanswered == 3
    assert page.context["unanswered"] == questionnaire.item_count - 6
    assert url("respond_page", token, page="MK-1") in page.content.decode()


def test_submit_locks_the_response_and_shows_the_overview(client, token, confirmed, questionnaire, open_round):
    answer_page(client, token, questionnaire.page("SF-K"), comment="Mooi netwerk")

    page = submit(client, token)

    assert page["Location"] == url("respond_overview", token)
    confirmed.refresh_from_db()
    assert confirmed.is_submitted
    open_round.refresh_from_db()
    assert open_round.answers_changed_at is not None
    overview = client.get(page["Location"])
    html = overview.content.decode()
    assert overview.status_code == 200
    assert "Factor SF.K1" in html and "presence5 1" in html
    assert "Niet beantwoord" in html
    assert "Mooi netwerk" in html
    assert 'id="network-comparison"' in html


def test_start_after_submitting_opens_the_overview(client, token, confirmed):
    submit(client, token)

    assert client.get(url("respond", token))["Location"] == url("respond_overview", token)


def test_overview_before_submitting_sends_to_the_review(client, token, confirmed):
    assert client.get(url("respond_overview", token))["Location"] == url("respond_review", token)


def test_submitted_pages_are_read_only_with_a_reopen_button(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"))
    submit(client, token)

    html = client.get(url("respond_page", token, page="SF-K")).content.decode()

    assert "disabled" in html
    assert 'id="kr-questionnaire"' not in html
    assert url("respond_reopen", token) in html


def test_reopen_unlocks_and_answers_can_change_again(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"), value="1")
    submit(client, token)

    page = client.post(url("respond_reopen", token))

    assert page["Location"] == url("respond_review", token)
    confirmed.refresh_from_db()
    assert not confirmed.is_submitted
    answer_page(client, token, questionnaire.page("SF-K"), value="5", revision=1)
    assert set(Answer.objects.filter(response=confirmed).values_list("value", flat=True)) == {5}


def test_submit_before_profile_confirmation_asks_for_the_profile(client, token, invitation):
    client.post(url("respond", token))

    page = submit(client, token)

    assert page["Location"] == url("respond_profile", token)
    assert not Response.objects.get(invitation=invitation).is_submitted


def test_profile_after_submitting_sends_to_the_overview(client, token, confirmed):
    submit(client, token)

    assert client.get(url("respond_profile", token))["Location"] == url("respond_overview", token)


def test_my_responses_lists_own_invitations_with_links_and_status(client, invitation, token, confirmed,
                                                                   make_user):
    client.force_login(invitation.user)

    page = client.get(reverse("rounds:my_responses"))

    html = page.content.decode()
    assert page.status_code == 200
    assert invitation.get_absolute_url() in html
    assert "Begonnen, nog niet ingediend" in html


def test_my_responses_does_not_show_other_peoples_invitations(client, invitation, make_user):
    client.force_login(make_user())

    html = client.get(reverse("rounds:my_responses")).content.decode()

    assert invitation.token not in html
    assert "nog geen uitnodigingen" in html


def test_my_responses_requires_login(client):
    page = client.get(reverse("rounds:my_responses"))

    assert page.status_code == 302
    assert reverse("login") in page["Location"]


def test_an_empty_questionnaire_cannot_be_submitted(client, token, confirmed):
    review = client.get(url("respond_review", token)).content.decode()
    assert "U hebt nog geen enkele vraag beantwoord." in review
    assert "Antwoorden indienen" not in review  # no button that cannot work
    page = client.post(url("respond_submit", token), {"confirm_incomplete": "on"}, follow=True)
    assert "Een lege vragenlijst kan niet worden ingediend" in page.content.decode()
    confirmed.refresh_from_db()
    assert not confirmed.is_submitted


def test_a_partial_questionnaire_asks_for_confirmation_before_submitting(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"))
    open_count = questionnaire.item_count - len(questionnaire.page("SF-K").items)
    review = client.get(url("respond_review", token)).content.decode()
    assert f"Er staan nog {open_count} vragen open." in review
    assert 'name="confirm_incomplete"' in review and "required" in review
    unconfirmed = client.post(url("respond_submit", token), follow=True)
    assert "Vink aan dat u toch wilt indienen" in unconfirmed.content.decode()
    confirmed.refresh_from_db()
    assert not confirmed.is_submitted
    client.post(url("respond_submit", token), {"confirm_incomplete": "on"})
    confirmed.refresh_from_db()
    assert confirmed.is_submitted


def test_a_complete_questionnaire_submits_without_extra_confirmation(client, token, confirmed, questionnaire):
    for page in questionnaire.pages:
        answer_page(client, token, page)
    assert 'name="confirm_incomplete"' not in client.get(url("respond_review", token)).content.decode()
    client.post(url("respond_submit", token))
    confirmed.refresh_from_db()
    assert confirmed.is_submitted
