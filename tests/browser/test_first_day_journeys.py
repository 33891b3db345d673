"""The first day of each role in real Chromium, on a 375 px phone and on a desktop (issue 16).

- coordinator: logs in, registers a network, adds two partners and a member, creates a round with an optional
  module, invites the member, copies the personal link, opens the round after the confirmation page;
- member: logs in and lands on "Mijn vragenlijsten", reads what their role means, opens the personal link,
  answers part of the first page, leaves, comes back through the link (answers still there), is warned about
  the open questions and submits anyway;
- researcher: logs in, lands on the research area and downloads an export.

Every page the journey visits is checked the same way (``check_page``): it fits the viewport (no horizontal
scroll), shows no raw item codes or template/format placeholders, and axe-core finds no serious or critical
violation. Runs once (SQLite), being slow; see ``pytestmark``.
"""

import csv
import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import ChainRole, Level, Membership, Network, PlatformRole
from rounds.models import Answer, Invitation, Response, Round, RoundStatus
from tests.browser.conftest import axe_serious_violations

# About 110 s for the six journeys: run once, on SQLite. The database-specific behaviour they pass through
# (saving answers, exports) has its own tests on both databases.
pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only, pytest.mark.django_db(transaction=True)]

WIDTHS = ["phone375", "desktop"]
PASSWORD = "correct-horse-battery"
# An item code in visible text ("SF.K1.presence", "MK.1.1", "KO.3"): the person should read a label instead.
RAW_CODE = re.compile(r"\b(?:SF|MK|KO|KW|CX|BB|RL)\.[A-Z]?\d")
# Leftovers of a template or a format string that was not filled in.
PLACEHOLDER = re.compile(r"\{\{|\{%|%\(\w+\)[sd]|(?<![\w%])%[sd]\b")


def check_page(page, visited: list[str], *, codes_shown: bool = False) -> None:
    """The page fits, reads as text for people and passes axe-core (serious and critical).

    ``codes_shown``: the research area, where choosing between item codes and text as column headings is the
    point, and the example "SF.K1.presence" is what the researcher chooses.
    """
    page.wait_for_load_state("load")
    where = page.url
    visited.append(where)
    sizes = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth})")
    assert sizes["scroll"] <= sizes["viewport"], f"{where}: {sizes['scroll']} px wide, viewport {sizes['viewport']} px"
    text = page.locator("body").inner_text()
    assert codes_shown or not RAW_CODE.findall(text), f"{where}: raw codes {RAW_CODE.findall(text)[:5]}"
    assert not PLACEHOLDER.findall(text), f"{where}: placeholders {PLACEHOLDER.findall(text)[:5]}"
    violations = axe_serious_violations(page)
    assert not violations, f"{where}: {violations}"


def dutch_msgids() -> list[str]:
    """Dutch source strings long enough to be unmistakable, whose English translation differs from them."""
    import polib

    po = polib.pofile(str(settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return [entry.msgid for entry in po if not entry.msgid_plural and len(entry.msgid) >= 25
            and entry.msgstr and entry.msgstr != entry.msgid and not PLACEHOLDER.search(entry.msgid)
            and "%" not in entry.msgid and "<" not in entry.msgid]


def recheck_in_english(context, base: str, visited: list[str]) -> None:
    """Every visited page again with English chosen: no Dutch source string left untranslated, no placeholder.

    A string marked for translation but translated too early (at import time) or not marked at all shows up
    here as its Dutch msgid on an English page.
    """
    from urllib.parse import urlsplit

    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base}])
    msgids = dutch_msgids()
    page = context.new_page()
    for url in dict.fromkeys(visited):
        if urlsplit(url).path.endswith(("/login/", "/logout/")):
            continue
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en", url
        text = " ".join(page.locator("body").inner_text().split())
        untranslated = [msgid for msgid in msgids if " ".join(msgid.split()) in text]
        assert not untranslated, f"{url} in English still shows {untranslated[:3]}"
        assert not PLACEHOLDER.findall(text), f"{url} in English: placeholders {PLACEHOLDER.findall(text)[:5]}"
    page.close()


def open_menu(page) -> None:
    """On a phone the main menu sits behind the toggler."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#mainnav")).to_be_visible()


def log_in(page, base: str, email: str, visited: list[str]) -> None:
    page.goto(f"{base}/accounts/login/")
    check_page(page, visited)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_coordinator_first_day(width, live_server, new_context, shipped_instrument, make_user, permission,
                               console_errors):
    coordinator = make_user(email="coby@example.org", first_name="Coby", last_name="de Groot")
    coordinator.user_permissions.add(permission("networks.add_network"))
    member = make_user(email="mila@example.org", first_name="Mila", last_name="van Dijk")
    base = live_server.url
    visited: list[str] = []
    context = new_context(width=width, bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = console_errors(context.new_page())

    log_in(page, base, coordinator.email, visited)
    expect(page).to_have_url(f"{base}/networks/")  # no network yet: the list explains what to do
    check_page(page, visited)
    page.get_by_role("link", name="Nieuw netwerk registreren").click()
    check_page(page, visited)
    page.locator("#id_name").fill("Jeugdketen Oost")
    page.get_by_role("button", name="Opslaan").click()
    network = Network.objects.get(name="Jeugdketen Oost")
    expect(page).to_have_url(f"{base}/networks/{network.slug}/")
    check_page(page, visited)

    for name, role in [("GGD Oost", "Ketenregisseur"), ("Jeugdzorg Oost", "Ketenpartner")]:
        page.get_by_role("link", name="Partner toevoegen").click()
        check_page(page, visited)
        expect(page.locator("#id_roles_1_description")).to_contain_text("Stimuleert de samenwerking")
        page.get_by_label("Of een nieuwe organisatie: naam").fill(name)
        page.get_by_label("Sector van de nieuwe organisatie").select_option(label="Jeugdzorg")
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator("main")).to_contain_text(name)
    assert network.partnerships.count() == 2

    page.get_by_role("link", name="Lid toevoegen").click()
    check_page(page, visited)
    page.get_by_label("E-mailadres").fill(member.email)
    page.get_by_label("Partnerorganisatie").select_option(label="Jeugdzorg Oost")
    page.get_by_label("Niveau").select_option(value=Level.OPERATIONAL)
    page.get_by_label("Professional", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    check_page(page, visited)
    # The member accepts the network invitation after logging in, in their own browser.
    member_page = console_errors(new_context(width=width, bypass_csp=True).new_page())
    log_in(member_page, base, member.email, visited)
    check_page(member_page, visited)
    member_page.goto(f"{base}/networks/invitations/")
    check_page(member_page, visited)
    member_page.get_by_role("button", name=re.compile("^Aannemen")).click()
    check_page(member_page, visited)
    assert Membership.objects.get(network=network, user=member).chain_role == ChainRole.PROFESSIONAL
    member_page.context.close()

    page.reload()
    page.get_by_role("link", name="Nieuwe ronde").click()
    check_page(page, visited)
    page.get_by_label("Naam van de ronde").fill("Najaar 2026")
    kw = page.locator("input[name=optional_modules]").first
    expect(page.locator(f"#{kw.get_attribute('aria-describedby').split()[0]}")).to_contain_text("ongeveer")
    kw.check()
    page.get_by_role("button", name="Ronde aanmaken").click()
    round = Round.objects.get(network=network)
    expect(page.get_by_role("heading", level=1)).to_have_text("Najaar 2026")
    check_page(page, visited)

    page.get_by_role("link", name="Uitnodigingen").click()
    check_page(page, visited)
    page.get_by_label(re.compile(re.escape(member.email))).check()
    page.get_by_role("button", name="Geselecteerde leden uitnodigen").click()
    invitation = Invitation.objects.get(round=round, user=member)
    check_page(page, visited)
    page.get_by_role("button", name=re.compile("^Kopieer")).click()
    expect(page.locator("#copy-status")).to_contain_text("gekopieerd")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{base}/r/{invitation.token}/"  # the address this server is reached on

    page.get_by_role("link", name=re.compile("Najaar 2026")).first.click()
    page.get_by_role("link", name="Ronde openen").click()  # a confirmation page, not the action
    check_page(page, visited)
    expect(page.locator("#open-effect")).to_contain_text("krijgt 1 persoon meteen een uitnodiging")
    page.get_by_role("button", name="Ja, open de ronde en mail 1 persoon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Najaar 2026")
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    check_page(page, visited)
    page.get_by_role("link", name="Voortgang bekijken").click()
    check_page(page, visited)
    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.locator("main")).to_contain_text("U bent uitgelogd.")
    check_page(page, visited)

    assert len(visited) >= 18
    recheck_in_english(context, base, visited)
    assert not [e for e in console_errors.errors if "favicon" not in e]


@pytest.fixture
def open_round_for_member(shipped_instrument, make_network, make_membership, make_user):
    from tests.rounds.manage_helpers import make_round

    network = make_network(name="Ketenzorg West", slug="ketenzorg-west", partners=2)
    member = make_user(email="mila@example.org", first_name="Mila", last_name="van Dijk")
    make_membership(network=network, user=member, role=PlatformRole.MEMBER, level=Level.OPERATIONAL)
    Membership.objects.filter(user=member).update(chain_role=ChainRole.PROFESSIONAL)
    round = make_round(network=network, instrument=shipped_instrument, status=RoundStatus.OPEN, name="Najaar 2026",
                       closes_on=date(2026, 12, 20))
    return Invitation.objects.create(round=round, user=member, sent_at=timezone.now())


@pytest.mark.parametrize("width", WIDTHS)
def test_member_first_day_in_two_sittings(width, live_server, new_context, open_round_for_member, console_errors):
    invitation = open_round_for_member
    base = live_server.url
    visited: list[str] = []
    link = f"{base}/r/{invitation.token}/"
    context = new_context(width=width, bypass_csp=True)
    page = console_errors(context.new_page())

    log_in(page, base, invitation.user.email, visited)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vragenlijsten")
    check_page(page, visited)
    page.goto(f"{base}/networks/ketenzorg-west/")
    expect(page.locator("main")).to_contain_text("Uw rol in de keten: Professional.")
    check_page(page, visited)

    # First sitting: the personal link, the start page (how long it takes), the profile, part of a page.
    page.goto(link)
    expect(page.locator("#start-duration")).to_contain_text("minuten")
    check_page(page, visited)
    page.get_by_role("button", name="Start de vragenlijst").click()
    check_page(page, visited)
    page.get_by_role("button", name="Bevestigen en verder").click()
    expect(page).to_have_url(re.compile(r"/page/SF-K/$"))
    check_page(page, visited)
    items = page.locator("fieldset.kr-item")
    items.nth(0).locator("input[value='5']").check()
    items.nth(1).locator("input[value='4']").check()
    expect(page.locator("#autosave-status")).to_contain_text("Opgeslagen om", timeout=15_000)
    page.goto(f"{base}/")  # leaves the questionnaire
    page.close()

    # Second sitting, same browser, back through the personal link: the answers are still there.
    page = console_errors(context.new_page())
    page.goto(link)
    check_page(page, visited)
    page.goto(f"{link}page/SF-K/")
    expect(page.locator("fieldset.kr-item").nth(0).locator("input[value='5']")).to_be_checked()
    expect(page.locator("fieldset.kr-item").nth(1).locator("input[value='4']")).to_be_checked()
    page.locator("fieldset.kr-item").nth(2).locator("input[value='3']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende").click()
    check_page(page, visited)

    # The overview warns about the open questions; submitting needs the explicit "yes".
    page.goto(f"{link}review/")
    check_page(page, visited)
    expect(page.locator("#unanswered-note")).to_contain_text("vragen open")
    page.get_by_role("button", name="Antwoorden indienen").click()  # the browser asks for the tick first
    expect(page).to_have_url(re.compile(r"/review/$"))
    assert not Response.objects.get(invitation=invitation).is_submitted
    page.get_by_label(re.compile(r"^Ja, ik dien in met \d+ open vragen\.$")).check()
    page.get_by_role("button", name="Antwoorden indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw persoonlijk overzicht")
    check_page(page, visited)

    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted
    assert dict(Answer.objects.filter(response=response).values_list("item__code", "value")) == {
        "SF.K1.presence": 5, "SF.K1.importance": 4, "SF.K2.presence": 3}
    assert len(visited) >= 10
    recheck_in_english(context, base, visited)
    assert not [e for e in console_errors.errors if "favicon" not in e]


@pytest.fixture
def closed_consenting_rounds(shipped_instrument, make_network):
    """Two closed rounds of consenting networks, each with more respondents than the minimum group size."""
    items = dict(shipped_instrument.items.values_list("code", "pk"))
    for n in (1, 2):
        network = make_network(name=f"Onderzoeksnetwerk {n}", slug=f"onderzoek-{n}", research_consent=True)
        organisation = network.partnerships.first().organisation
        round = Round.objects.create(network=network, name="Voorjaar 2024", slug="voorjaar-2024",
                                     instrument=shipped_instrument, status=RoundStatus.CLOSED,
                                     closes_on=date(2024, 5, 1), closed_at=timezone.now())
        for i in range(settings.KETENREGIE_MIN_GROUP_SIZE + 1):
            response = Response.objects.create(round=round, organisation=organisation, level=Level.OPERATIONAL,
                                               chain_role=ChainRole.PROFESSIONAL, submitted_at=timezone.now())
            Answer.objects.bulk_create([Answer(response=response, item_id=items[code], value=value)
                                        for code, value in [("SF.K1.presence", 2 + i % 4), ("KO.1", 3)]])


@pytest.mark.parametrize("width", WIDTHS)
def test_researcher_first_day_exports(width, live_server, new_context, make_user, permission,
                                      closed_consenting_rounds, console_errors):
    researcher = make_user(email="onderzoeker@example.org")
    researcher.user_permissions.add(permission("networks.export_research_data"))
    base = live_server.url
    visited: list[str] = []
    context = new_context(width=width, bypass_csp=True, accept_downloads=True)
    page = console_errors(context.new_page())

    log_in(page, base, researcher.email, visited)
    expect(page).to_have_url(f"{base}/research/")
    check_page(page, visited, codes_shown=True)
    expect(page.locator("[data-count=networks]")).to_have_text("2")
    page.get_by_role("button", name="Selectie bijwerken").click()
    check_page(page, visited, codes_shown=True)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), dialect=csv.Sniffer().sniff(content.splitlines()[0])))
    # Long layout: one row per answer; two rounds of (minimum group size + 1) respondents with two answers each.
    assert len(rows) == 2 * (settings.KETENREGIE_MIN_GROUP_SIZE + 1) * 2
    page.goto(f"{base}/networks/")  # a researcher without networks: no "register" button, a clear note
    expect(page.get_by_role("link", name="Nieuw netwerk registreren")).to_have_count(0)
    check_page(page, visited)
    recheck_in_english(context, base, visited)
    assert not [e for e in console_errors.errors if "favicon" not in e]
