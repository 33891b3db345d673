"""The whole round in real Chromium: a coordinator opens a round and invites two members; one member opens the
link from the mail, answers part, closes the browser, comes back in another browser through a mailed resume link,
finishes and submits; the coordinator's link shows nothing of it, the coordinator's monitor shows the count."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from networks.models import Level, PlatformRole
from rounds.models import Answer, Invitation, Response, Round, RoundStatus
from rounds.questionnaire import questionnaire_for_round
from tests.browser.conftest import mailed_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(new_context, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = new_context(**options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def answer_unanswered(page) -> None:
    fieldsets = page.locator("fieldset.kr-item")
    for index in range(fieldsets.count()):
        fieldset = fieldsets.nth(index)
        if fieldset.locator("input:checked").count() == 0:
            fieldset.locator("input[type=radio]").nth(index % 3).check()


def test_coordinator_invites_member_fills_in_in_two_sittings_and_monitor_shows_it(
        live_server, new_context, shipped_instrument, make_network, make_membership, console_errors):
    network = make_network(name="Jeugdketen Oost", slug="jeugdketen-oost", partners=2)
    coordinator = make_membership(network=network, role=PlatformRole.COORDINATOR).user
    members = [make_membership(network=network, role=PlatformRole.MEMBER, level=Level.OPERATIONAL).user
               for _ in range(2)]
    base = live_server.url

    # The coordinator creates the round, invites both members and opens it.
    coordinator_page = console_errors(logged_in(new_context, live_server, coordinator).new_page())
    coordinator_page.goto(f"{base}/networks/{network.slug}/rounds/new/")
    coordinator_page.get_by_label("Naam van de ronde").fill("Najaar 2026")
    coordinator_page.get_by_role("button", name="Ronde aanmaken").click()
    round = Round.objects.get(network=network)
    assert round.instrument == shipped_instrument
    coordinator_page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/invitations/")
    for member in members:
        coordinator_page.get_by_label(re.compile(re.escape(member.email))).check()
    coordinator_page.get_by_role("button", name="Geselecteerde leden uitnodigen").click()
    assert Invitation.objects.filter(round=round).count() == 2
    coordinator_page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/")
    coordinator_page.get_by_role("link", name="Ronde openen").click()  # a confirmation page, not the action
    expect(coordinator_page.locator("#open-effect")).to_contain_text("krijgen 2 personen meteen een uitnodiging")
    coordinator_page.get_by_role("button", name="Ja, open de ronde en mail 2 personen").click()
    expect(coordinator_page.get_by_role("heading", level=1)).to_have_text("Najaar 2026")
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    invitation = Invitation.objects.get(round=round, user=members[0])
    link = mailed_link(live_server, f"/r/{invitation.token}/")
    # Mailed, and the round is anonymous: the coordinator no longer sees or copies the link.
    coordinator_page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/invitations/")
    expect(coordinator_page.locator(f"#link-{invitation.pk}")).to_have_count(0)
    expect(coordinator_page.locator("main")).not_to_contain_text(invitation.token)

    # The member: first sitting on a phone, part of the first page, then the browser is closed.
    phone = new_context(width="phone")
    page = console_errors(phone.new_page())
    page.goto(link)
    # The link opens a start page (a mail scanner fetching it claims nothing); the button starts.
    expect(page.get_by_role("button", name="Start de vragenlijst")).to_be_visible()
    assert not Response.objects.filter(invitation=invitation).exists()
    page.get_by_role("button", name="Start de vragenlijst").click()
    page.get_by_role("button", name="Bevestigen en verder").click()
    expect(page).to_have_url(re.compile(r"/page/SF-K/$"))
    page.locator("fieldset.kr-item").nth(0).locator("input[value='5']").check()
    page.locator("fieldset.kr-item").nth(1).locator("input[value='4']").check()
    expect(page.locator("#autosave-status")).to_contain_text("Opgeslagen om", timeout=15_000)
    phone_state = phone.storage_state()
    phone.close()

    # The coordinator tries the member's link: the questionnaire was started elsewhere, nothing of it shows.
    coordinator_page.goto(link)
    expect(coordinator_page.get_by_role("heading", level=1)).to_have_text(
        "Deze vragenlijst is al begonnen in een andere browser")
    expect(coordinator_page.locator("input[type=radio]")).to_have_count(0)

    # Second sitting in another browser: asks for a resume link, opens it from the mail, resumes on the same
    # page with the answers, finishes, submits.
    page = console_errors(new_context().new_page())
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze vragenlijst is al begonnen in een andere browser")
    mails_before = len(mail.outbox)
    page.get_by_role("button", name="Stuur mij een link om verder te gaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert len(mail.outbox) == mails_before + 1 and mail.outbox[-1].to == [members[0].email]
    page.goto(mailed_link(live_server, rf"/r/{invitation.token}/resume/[^/\s]+/"))
    page.get_by_role("button", name="Verder met de vragenlijst").click()
    expect(page).to_have_url(re.compile(r"/page/SF-K/$"))
    expect(page.locator("fieldset.kr-item").nth(0).locator("input[value='5']")).to_be_checked()
    questionnaire = questionnaire_for_round(round=round)
    for _ in questionnaire.pages:
        answer_unanswered(page)
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^(Volgende|Naar het overzicht)$")).click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw persoonlijk overzicht")

    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted
    assert Answer.objects.filter(response=response).count() == questionnaire.item_count
    assert dict(Answer.objects.filter(response=response, item__code__in=["SF.K1.presence", "SF.K1.importance"])
                .values_list("item__code", "value")) == {"SF.K1.presence": 5, "SF.K1.importance": 4}

    # The phone, opened again, no longer opens it: the claim moved to the other browser with the resume link.
    old_phone = console_errors(new_context(width="phone", storage_state=phone_state).new_page())
    old_phone.goto(link)
    expect(old_phone.get_by_role("heading", level=1)).to_have_text(
        "Deze vragenlijst is al begonnen in een andere browser")

    # The monitor counts it: one of two submitted.
    coordinator_page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/monitor/")
    expect(coordinator_page.locator("main")).to_contain_text("Ingediend: 1 van de 2 uitgenodigden")
    # Chromium logs every 4xx document as a console error; the three started-elsewhere pages are expected ones.
    expected = [e for e in console_errors.errors if "status of 403" in e]
    assert len(expected) == 3
    assert not [e for e in console_errors.errors if "favicon" not in e and e not in expected]
