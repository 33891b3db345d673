"""Every way a link or a page can go wrong gives a clear message and a 4xx, and no saved answer is lost."""

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import Level
from rounds.models import Answer, PageState, Response, RoundStatus
from rounds.questionnaire import questionnaire_for_round
from tests.rounds.respond_builders import answer_page, second_tab, submit

pytest_plugins = ["tests.rounds.respond_support"]


def url(name, token, **kwargs):
    return reverse(f"rounds:{name}", kwargs={"token": token, **kwargs})


@pytest.fixture
def questionnaire(open_round):
    return questionnaire_for_round(round=open_round)


@pytest.fixture
def confirmed(client, token, invitation, network):
    client.post(url("respond", token))
    organisation = network.partnerships.first().organisation
    client.post(url("respond_profile", token), {"organisation": organisation.pk, "level": Level.TACTICAL})
    return Response.objects.get(invitation=invitation)


def stored(response):
    return dict(Answer.objects.filter(response=response).values_list("item__code", "value"))


# --- The link itself -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,kwargs", [
    ("respond", {}), ("respond_profile", {}), ("respond_page", {"page": "SF-K"}), ("respond_review", {}),
    ("respond_overview", {}),
])
def test_unknown_token_is_a_404_with_a_clear_message(client, db, name, kwargs):
    page = client.get(url(name, "no-such-token-xyz", **kwargs))

    assert page.status_code == 404
    assert "Wij kennen deze link niet" in page.content.decode()


def test_unknown_token_on_autosave_is_a_json_404(client, db):
    page = client.post(url("respond_autosave", "no-such-token", page="SF-K"), {})

    assert page.status_code == 404
    assert page.json()["error"] == "unknown"


def test_revoked_token_says_the_link_was_withdrawn(client, invitation, token):
    invitation.revoked_at = timezone.now()
    invitation.save()

    page = client.get(url("respond", token))

    assert page.status_code == 410
    assert "ingetrokken" in page.content.decode()
    assert "nieuwe link" in page.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


def test_revoked_token_refuses_saves_and_keeps_earlier_answers(client, invitation, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("SF-K"), value="4")
    invitation.revoked_at = timezone.now()
    invitation.save()

    page = answer_page(client, token, questionnaire.page("SF-K"), value="1", revision=1)

    assert page.status_code == 410
    assert set(stored(confirmed).values()) == {4}


def test_round_not_yet_open(client, open_round, token):
    open_round.status = RoundStatus.DRAFT
    open_round.save()

    page = client.get(url("respond", token))

    assert page.status_code == 403
    assert "nog niet geopend" in page.content.decode()


def test_closed_round_without_response_says_closed(client, open_round, token):
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    page = client.get(url("respond", token))

    assert page.status_code == 403
    assert "gesloten" in page.content.decode()


def test_closed_round_refuses_saves_with_a_message_and_keeps_everything(client, open_round, token, confirmed,
                                                                         questionnaire):
    answer_page(client, token, questionnaire.page("KO"), value="2", comment="Eerder")
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    page = answer_page(client, token, questionnaire.page("KO"), value="3", revision=1, comment="Later")
    autosave = answer_page(client, token, questionnaire.page("KO"), value="3", revision=1,
                           url_name="rounds:respond_autosave")

    assert page.status_code == 403
    assert "gesloten" in page.content.decode()
    assert autosave.status_code == 403 and autosave.json()["error"] == "closed"
    assert set(stored(confirmed).values()) == {2}
    assert PageState.objects.get(response=confirmed, page="KO").comment == "Eerder"


def test_closed_round_still_shows_a_submitted_respondent_their_overview(client, open_round, token, confirmed):
    submit(client, token)
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    start = client.get(url("respond", token))
    overview = client.get(start.url)

    assert start.url == url("respond_overview", token)
    assert overview.status_code == 200
    assert url("respond_reopen", token) not in overview.content.decode()


def test_closed_round_refuses_submit_and_reopen(client, open_round, token, confirmed):
    submit(client, token)
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    assert client.post(url("respond_reopen", token)).status_code == 403
    confirmed.refresh_from_db()
    assert confirmed.is_submitted


def test_closed_round_shows_an_unsubmitted_respondent_their_saved_page_read_only(client, open_round, token,
                                                                                   confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("KO"), value="2")
    open_round.status = RoundStatus.CLOSED
    open_round.save()

    page = client.get(url("respond_page", token, page="KO"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "De ronde is gesloten" in html and 'value="2" checked disabled' in html


# --- Validation: bad input is refused with a clear message, the valid answers are kept -------------------


def test_out_of_range_value_is_refused_and_the_other_answers_are_saved(client, token, confirmed, questionnaire):
    page_def = questionnaire.page("MK-1")
    page = answer_page(client, token, page_def, value="2", extra={"item-MK.1.2": "7"})

    assert page.status_code == 400
    html = page.content.decode()
    assert "Dit antwoord bestaat niet bij deze vraag" in html
    assert 'href="#q-MK_1_2"' in html  # the error summary links to the question
    assert 'aria-describedby="q-MK_1_2-error"' in html
    assert stored(confirmed) == {"MK.1.1": 2, "MK.1.3": 2}


def test_non_numeric_value_is_refused_without_a_500(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("MK-1"), value="2", extra={"item-MK.1.1": "abc"})

    assert page.status_code == 400
    assert stored(confirmed) == {"MK.1.2": 2, "MK.1.3": 2}


def test_unknown_item_code_is_refused_and_the_page_is_still_saved(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("KO"), value="1", extra={"item-ZZ.99": "1"})

    assert page.status_code == 400
    assert "Onbekende vraag ZZ.99" in page.content.decode()
    assert stored(confirmed) == {"KO.1": 1, "KO.2": 1, "KO.3": 1}


def test_item_of_another_page_is_refused_and_not_stored(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("KO"), value="1", extra={"item-MK.1.1": "3"})

    assert page.status_code == 400
    assert "hoort niet bij deze pagina" in page.content.decode()
    assert "MK.1.1" not in stored(confirmed)
    assert len(stored(confirmed)) == 3


def test_item_of_a_module_not_switched_on_is_refused(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("KW"), value="1", extra={"item-CX.1": "1"})

    assert page.status_code == 400
    assert "CX.1" not in stored(confirmed)


def test_two_values_for_one_item_are_refused(client, token, confirmed, questionnaire):
    page_def = questionnaire.page("KO")
    data = {"page": "KO", "revision": "0", "nav": "next", "item-KO.1": ["1", "2"], "item-KO.2": "3"}

    page = client.post(url("respond_page", token, page=page_def.key), data)

    assert page.status_code == 400
    assert stored(confirmed) == {"KO.2": 3}


@pytest.mark.parametrize("tampered", [
    {"revision": "abc"}, {"revision": "-1"}, {"revision": "99999999999"}, {"page": "SF-P"}, {"page": ""},
])
def test_tampered_hidden_fields_are_refused_and_the_answers_kept(client, token, confirmed, questionnaire, tampered):
    page = answer_page(client, token, questionnaire.page("KO"), value="2", extra=tampered)

    assert page.status_code == 400
    assert "Het formulier" in page.content.decode()
    assert stored(confirmed) == {"KO.1": 2, "KO.2": 2, "KO.3": 2}


def test_missing_revision_is_refused_and_the_answers_kept(client, token, confirmed, questionnaire):
    page = client.post(url("respond_page", token, page="KO"), {"page": "KO", "item-KO.1": "1", "nav": "next"})

    assert page.status_code == 400
    assert stored(confirmed) == {"KO.1": 1}


def test_oversized_comment_is_refused_kept_on_screen_and_the_answers_saved(client, token, confirmed, questionnaire):
    long_comment = "x" * 2001

    page = answer_page(client, token, questionnaire.page("KO"), value="3", comment=long_comment)

    assert page.status_code == 400
    html = page.content.decode()
    assert "2001 tekens lang" in html
    assert long_comment in html  # the text stays in the box
    assert 'aria-describedby="id_comment-help id_comment-error"' in html
    assert len(stored(confirmed)) == 3
    assert PageState.objects.get(response=confirmed, page="KO").comment == ""


def test_comment_of_exactly_the_maximum_counts_line_breaks_once(client, token, confirmed, questionnaire):
    comment = ("a" * 999) + "\r\n" + ("b" * 1000)

    page = answer_page(client, token, questionnaire.page("KO"), value="3", comment=comment)

    assert page.status_code == 302
    assert len(PageState.objects.get(response=confirmed, page="KO").comment) == 2000


def test_revalidation_after_a_400_keeps_the_input_and_a_fresh_revision(client, token, confirmed, questionnaire):
    page = answer_page(client, token, questionnaire.page("KO"), value="3", comment="y" * 2500)

    assert page.context["revision"] == 1
    retry = answer_page(client, token, questionnaire.page("KO"), value="3", comment="korter", revision=1)
    assert retry.status_code == 302
    assert PageState.objects.get(response=confirmed, page="KO").comment == "korter"


# --- Stale pages: two tabs on the same page ---------------------------------------------------------------


def test_stale_page_from_a_second_tab_is_not_saved_and_gets_409(client, token, confirmed, questionnaire):
    tab_one, tab_two = second_tab(client), second_tab(client)
    page_def = questionnaire.page("KO")

    first = answer_page(tab_one, token, page_def, value="1", revision=0, comment="tab een")
    second = answer_page(tab_two, token, page_def, value="3", revision=0, comment="tab twee")

    assert first.status_code == 302
    assert second.status_code == 409
    assert set(stored(confirmed).values()) == {1}
    assert PageState.objects.get(response=confirmed, page="KO").comment == "tab een"
    html = second.content.decode()
    assert "intussen ergens anders opgeslagen" in html
    assert 'value="3" checked' in html  # the respondent's own input stays on screen
    assert "Intussen elders opgeslagen:" in html and "realised4 1" in html
    assert second.context["revision"] == 1


def test_after_a_conflict_keeping_my_answers_saves_them(client, token, confirmed, questionnaire):
    tab_one, tab_two = second_tab(client), second_tab(client)
    page_def = questionnaire.page("KO")
    answer_page(tab_one, token, page_def, value="1", revision=0)
    conflict = answer_page(tab_two, token, page_def, value="3", revision=0)

    keep = answer_page(tab_two, token, page_def, value="3", revision=conflict.context["revision"], nav="stay")

    assert keep.status_code == 302
    assert set(stored(confirmed).values()) == {3}


def test_resending_exactly_what_is_stored_is_not_a_conflict(client, token, confirmed, questionnaire):
    page_def = questionnaire.page("KO")
    answer_page(client, token, page_def, value="2", revision=0, url_name="rounds:respond_autosave")

    again = answer_page(client, token, page_def, value="2", revision=0, nav="next")

    assert again.status_code == 302


def test_stale_autosave_gets_a_json_409_and_changes_nothing(client, token, confirmed, questionnaire):
    tab_one, tab_two = second_tab(client), second_tab(client)
    page_def = questionnaire.page("KO")
    answer_page(tab_one, token, page_def, value="1", revision=0, url_name="rounds:respond_autosave")

    stale = answer_page(tab_two, token, page_def, value="2", revision=0, url_name="rounds:respond_autosave")

    assert stale.status_code == 409
    assert stale.json()["conflict"] is True
    assert set(stored(confirmed).values()) == {1}


# --- Double submit, back button, saves after submitting ------------------------------------------------


def test_double_submit_is_harmless_and_keeps_the_first_time(client, token, confirmed):
    submit(client, token)
    confirmed.refresh_from_db()
    first = confirmed.submitted_at

    again = submit(client, token)

    assert again.status_code == 302 and again.url == url("respond_overview", token)
    confirmed.refresh_from_db()
    assert confirmed.submitted_at == first


def test_double_click_on_next_saves_once_and_both_land_on_the_next_page(client, token, confirmed, questionnaire):
    page_def = questionnaire.page("KO")
    one = answer_page(client, token, page_def, value="2", revision=0)
    two = answer_page(client, token, page_def, value="2", revision=0)

    assert one.url == two.url == url("respond_page", token, page="KW")
    assert PageState.objects.get(response=confirmed, page="KO").revision == 1


def test_post_to_a_submitted_response_is_refused_without_change(client, token, confirmed, questionnaire):
    answer_page(client, token, questionnaire.page("KO"), value="2")
    submit(client, token)

    page = answer_page(client, token, questionnaire.page("KO"), value="1", revision=1)  # e.g. the back button
    autosave = answer_page(client, token, questionnaire.page("KO"), value="1", revision=1,
                           url_name="rounds:respond_autosave")

    assert page.status_code == 409
    assert "Heropen" in page.content.decode()
    assert autosave.status_code == 409 and autosave.json()["error"] == "submitted"
    assert set(stored(confirmed).values()) == {2}


def test_get_is_refused_on_post_only_endpoints(client, token, confirmed):
    assert client.get(url("respond_submit", token)).status_code == 405
    assert client.get(url("respond_autosave", token, page="KO")).status_code == 405


def test_wrong_method_on_pages_is_refused(client, token, confirmed):
    assert client.put(url("respond_page", token, page="KO")).status_code == 405


def test_conflicting_comment_is_shown_next_to_the_respondents_own(client, token, confirmed, questionnaire):
    tab_one, tab_two = second_tab(client), second_tab(client)
    page_def = questionnaire.page("KO")
    answer_page(tab_one, token, page_def, value="1", comment="Van tab een")

    second = answer_page(tab_two, token, page_def, value="1", comment="Van tab twee")

    assert second.status_code == 409
    html = second.content.decode()
    assert "Intussen elders opgeslagen opmerking:" in html and "Van tab een" in html
    assert ">Van tab twee</textarea>" in html
    assert PageState.objects.get(response=confirmed, page="KO").comment == "Van tab een"
