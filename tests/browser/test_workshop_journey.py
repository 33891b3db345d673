"""The improvement cycle in real Chromium, at 375 px and at desktop width, axe-core clean on every page: the
coordinator prepares the workshop of a closed round, records agreed scores on three topics in the presenter
view (moving on with the keyboard), makes two actions from advice and sets the next measurement; a member
then reads the plan."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import Action, NextMeasurement, Topic
from networks.models import PlatformRole
from rounds.models import Answer, Response, Round, RoundStatus
from tests.browser.conftest import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Five respondents: K1 split (disputed), P1 and P2 important but absent (priorities).
SHEETS = [{"SF.K1.presence": 1 if i % 2 else 5, "SF.K1.importance": 5, "SF.P1.presence": 1, "SF.P1.importance": 5,
           "SF.P2.presence": 1, "SF.P2.importance": 5} for i in range(5)]


def logged_in(new_context, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = new_context(bypass_csp=True, **options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def closed_round(network, instrument) -> Round:
    now = timezone.now()
    round = Round.objects.create(network=network, name="Voorjaar 2026", slug="voorjaar-2026", instrument=instrument,
                                 status=RoundStatus.CLOSED, opened_at=now, closed_at=now, answers_changed_at=now)
    items = dict(instrument.items.values_list("code", "pk"))
    for sheet in SHEETS:
        response = Response.objects.create(round=round, submitted_at=now, level="operationeel")
        Answer.objects.bulk_create([Answer(response=response, item_id=items[c], value=v) for c, v in sheet.items()])
    return round


def assert_accessible(page) -> None:
    assert axe_serious_violations(page) == [], page.url


@pytest.mark.parametrize("width", ["phone375", "desktop"])
def test_coordinator_runs_the_workshop_and_member_reads_the_plan(
        live_server, new_context, shipped_instrument, make_network, make_membership, console_errors, width):
    network = make_network(name="Jeugdketen West", slug="jeugdketen-west", partners=2)
    coordinator = make_membership(network=network, role=PlatformRole.COORDINATOR).user
    member = make_membership(network=network, role=PlatformRole.MEMBER).user
    round = closed_round(network, shipped_instrument)
    base = live_server.url

    page = console_errors(logged_in(new_context, live_server, coordinator, width=width).new_page())
    page.goto(f"{base}{round.get_absolute_url()}")
    page.get_by_role("link", name="Bijeenkomst").click()
    assert_accessible(page)
    page.get_by_role("button", name="Bijeenkomst voorbereiden").click()
    expect(page.locator("ol.list-group > li")).to_have_count(3)
    assert_accessible(page)

    page.get_by_role("link", name="Presentatie starten").click()
    for number, choice in ((1, "Gedeeltelijk aanwezig"), (2, "Niet aanwezig"), (3, "Geen overeenstemming")):
        expect(page.get_by_text(f"Punt {number} van 3")).to_be_visible()
        assert_accessible(page)
        page.get_by_label(choice, exact=True).check()
        page.get_by_label("Korte toelichting").fill(f"Besproken als punt {number}")
        page.get_by_role("button", name="Afspraak bewaren").click()
    # After the last topic the page stays on it; the keyboard goes back and forth.
    expect(page.get_by_text("Punt 3 van 3")).to_be_visible()
    page.locator("body").press("ArrowLeft")
    expect(page.get_by_text("Punt 2 van 3")).to_be_visible()
    page.locator("body").press("ArrowRight")
    expect(page.get_by_text("Punt 3 van 3")).to_be_visible()
    decided = Topic.objects.filter(workshop__round=round)
    assert decided.filter(agreed_value__isnull=False).count() == 2 and decided.filter(no_agreement=True).count() == 1

    # Two actions from the advice shown with the priorities.
    for number in (2, 3):
        page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/workshop/present/{number}/")
        page.get_by_role("link", name="Actie maken van dit advies").first.click()
        assert_accessible(page)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Actieplan")
    assert Action.objects.filter(network=network, topic__isnull=False).count() == 2

    page.goto(f"{base}/networks/{network.slug}/rounds/{round.slug}/workshop/")
    page.get_by_role("link", name="Volgende meting plannen").click()
    assert_accessible(page)
    page.get_by_label("Over").select_option("6")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De volgende meting is vastgelegd")).to_be_visible()
    assert NextMeasurement.objects.filter(round=round).exists()

    reader = console_errors(logged_in(new_context, live_server, member, width=width).new_page())
    reader.goto(f"{base}/networks/{network.slug}/actions/")
    expect(reader.locator("tbody tr")).to_have_count(2)
    expect(reader.get_by_role("link", name="Bewerken")).to_have_count(0)
    assert_accessible(reader)
    assert not [e for e in console_errors.errors if "favicon" not in e]
