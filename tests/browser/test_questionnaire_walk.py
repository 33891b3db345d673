"""A member fills in the questionnaire in real Chromium: part, close the browser, come back in it, finish, submit."""

import re

import pytest
from playwright.sync_api import expect

from rounds.models import Answer, PageState, Response
from rounds.questionnaire import questionnaire_for_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answers_of(invitation) -> dict:
    response = Response.objects.get(invitation=invitation)
    return dict(Answer.objects.filter(response=response).values_list("item__code", "value"))


def test_member_answers_part_leaves_comes_back_finishes_and_submits(live_server, new_context, make_respondent,
                                                                    console_errors):
    invitation = make_respondent()
    questionnaire = questionnaire_for_round(round=invitation.round)
    link = f"{live_server.url}/r/{invitation.token}/"

    # First visit, on a phone: confirm the profile (pre-filled from the membership), answer part of a page.
    phone = new_context(width="phone")
    page = console_errors(phone.new_page())
    page.goto(link)
    # The start page first: nothing is created until the button is pressed.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zelfevaluatie van")
    assert not Response.objects.filter(invitation=invitation).exists()
    page.get_by_role("button", name="Start de vragenlijst").click()
    expect(page).to_have_url(re.compile(r"/profile/$"))
    expect(page.get_by_label("Tactisch (leidinggevend kader)")).to_be_checked()
    page.get_by_role("button", name="Bevestigen en verder").click()
    expect(page).to_have_url(re.compile(r"/page/SF-K/$"))
    expect(page.locator("nav.kr-progress")).to_contain_text("Pagina 1 van 7")
    items = page.locator("fieldset.kr-item")
    items.nth(0).locator("input[value='4']").check()
    items.nth(1).locator("input[value='dk']").check()
    page.locator("#id_comment").fill("Halverwege ingevuld")
    expect(page.locator("#autosave-status")).to_contain_text("Opgeslagen om", timeout=15_000)
    saved_browser = phone.storage_state()  # what the browser keeps on disk: cookies (the claim) and storage
    phone.close()  # closes the browser without pressing any button

    assert answers_of(invitation) == {"SF.K1.presence": 4, "SF.K1.importance": None}
    response = Response.objects.get(invitation=invitation)
    assert PageState.objects.get(response=response, page="SF-K").comment == "Halverwege ingevuld"

    # Back later in the same browser, reopened: the link resumes at the page, with the answers restored.
    reopened = new_context(width="desktop", storage_state=saved_browser)
    page = console_errors(reopened.new_page())
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/page/SF-K/$"))
    items = page.locator("fieldset.kr-item")
    expect(items.nth(0).locator("input[value='4']")).to_be_checked()
    expect(items.nth(1).locator("input[value='dk']")).to_be_checked()
    expect(page.locator("#id_comment")).to_have_value("Halverwege ingevuld")

    for _ in range(len(questionnaire.pages)):
        fieldsets = page.locator("fieldset.kr-item")
        for index in range(fieldsets.count()):
            fieldset = fieldsets.nth(index)
            if fieldset.locator("input:checked").count() == 0:
                fieldset.locator("input[type=radio]").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^(Volgende|Naar het overzicht)$")).click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    expect(page.locator("body")).to_contain_text(
        f"U hebt {questionnaire.item_count} van de {questionnaire.item_count} vragen beantwoord")

    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page).to_have_url(re.compile(r"/overview/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw persoonlijk overzicht")
    expect(page.locator("#network-comparison")).to_be_visible()
    expect(page.locator(".kr-overview-line").first).to_contain_text("Factor SF.K1")

    response.refresh_from_db()
    assert response.is_submitted
    assert len(answers_of(invitation)) == questionnaire.item_count
    assert answers_of(invitation)["SF.K1.presence"] == 4
    assert not [e for e in console_errors.errors if "favicon" not in e]


def test_questionnaire_works_without_javascript(live_server, respondent_context, make_respondent):
    invitation = make_respondent(confirm=True)
    context = respondent_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{invitation.token}/page/KO/")

    page.locator("fieldset.kr-item").nth(0).locator("input[value='2']").check()
    page.get_by_role("button", name="Volgende").click()

    expect(page).to_have_url(re.compile(r"/page/KW/$"))
    assert answers_of(invitation) == {"KO.1": 2}


def test_overlong_comment_shows_linked_errors_and_keeps_the_text(live_server, respondent_context, make_respondent):
    invitation = make_respondent(confirm=True)
    page = respondent_context().new_page()
    page.goto(f"{live_server.url}/r/{invitation.token}/page/KO/")

    page.locator("fieldset.kr-item").nth(0).locator("input[value='1']").check()
    page.locator("#id_comment").fill("x" * 2050)
    expect(page.locator("#id_comment-count")).to_have_text("(2050/2000)")
    page.get_by_role("button", name="Volgende").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("2050 tekens lang")
    expect(page.locator("#id_comment")).to_have_value("x" * 2050)
    expect(page.locator("#id_comment")).to_have_attribute("aria-describedby", "id_comment-help id_comment-error")
    assert answers_of(invitation) == {"KO.1": 1}


def test_a_page_can_be_answered_with_the_keyboard_alone(live_server, respondent_context, make_respondent):
    invitation = make_respondent(confirm=True)
    page = respondent_context().new_page()
    page.goto(f"{live_server.url}/r/{invitation.token}/page/KO/")

    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.locator("fieldset.kr-item").nth(0).locator("input").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # arrow keys move the choice within the group
    page.keyboard.press("Tab")  # Tab leaves the group for the next question
    page.keyboard.press("Space")
    expect(page.locator("fieldset.kr-item").nth(1).locator("input").first).to_be_checked()
    page.get_by_role("button", name="Volgende").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/page/KW/$"))
    assert answers_of(invitation) == {"KO.1": 2, "KO.2": 0}
