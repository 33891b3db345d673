"""The improvement cycle once round, in real Chromium, as the issue's "Done when" describes it.

The coordinator closes an open round with responses on the round page, prepares the workshop, records agreed
scores on three topics in the presenter view (moving on with the keyboard), fetches the workshop pack (made by
the report worker: "wordt gemaakt", then the download), makes two actions from advice blocks and sets the
next measurement; a member reads the plan. The coordinator then copies the set-up through the offer on the
workshop page, the paper responses of the next measurement are imported (the import service), the coordinator
opens and closes that round on its page, and its report shows the effect per action. The workshop, presenter
and action plan pages are axe-core clean at 375 px and at desktop width (both widths on one page, so the
journey runs once; slow, so SQLite only like the other journeys).
"""

import subprocess

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import Action, NextMeasurement, PackFile, Topic
from networks.models import PlatformRole
from reports.models import RenderKind, ReportRender
from reports.services import report_render_run
from results.services import responses_import
from rounds.models import Answer, Response, Round, RoundStatus
from tests.browser.conftest import WIDTHS, axe_serious_violations
from tests.worker_testkit import queue_in_database

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only, pytest.mark.django_db(transaction=True)]

# Five respondents: K1 split (disputed), P1 and P2 important but absent (priorities).
SHEETS = [{"SF.K1.presence": 1 if i % 2 else 5, "SF.K1.importance": 5, "SF.P1.presence": 1, "SF.P1.importance": 5,
           "SF.P2.presence": 1, "SF.P2.importance": 5} for i in range(5)]
# The next measurement, on paper: P1 (the first action) is now largely present, P2 (the second) is unchanged.
NEXT_SHEETS = [{"SF.K1.presence": 1 if i % 2 else 5, "SF.K1.importance": 5, "SF.P1.presence": 4 + i % 2,
                "SF.P1.importance": 5, "SF.P2.presence": 1, "SF.P2.importance": 5} for i in range(5)]


def logged_in(new_context, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = new_context(bypass_csp=True, **options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def open_round_with_responses(network, instrument) -> Round:
    """An open round whose five respondents have all submitted; the coordinator closes it in the browser."""
    now = timezone.now()
    round = Round.objects.create(network=network, name="Voorjaar 2026", slug="voorjaar-2026", instrument=instrument,
                                 status=RoundStatus.OPEN, opened_at=now, answers_changed_at=now)
    items = dict(instrument.items.values_list("code", "pk"))
    for sheet in SHEETS:
        response = Response.objects.create(round=round, submitted_at=now, level="operationeel")
        Answer.objects.bulk_create([Answer(response=response, item_id=items[c], value=v) for c, v in sheet.items()])
    return round


def close_on_its_page(page) -> None:
    """From the round page: the close button, the confirmation tick, the close button of that page."""
    page.get_by_role("link", name="Ronde sluiten").click()
    page.get_by_label("Ja, sluit deze ronde", exact=False).check()
    page.get_by_role("button", name="Ronde sluiten").click()
    expect(page.get_by_text("De ronde is gesloten.")).to_be_visible()


def assert_accessible(page) -> None:
    """axe-core clean at 375 px and at desktop width; the page is left at desktop width."""
    for width in ("phone375", "desktop"):
        page.set_viewport_size(WIDTHS[width])
        assert axe_serious_violations(page) == [], (width, page.url)


def test_one_improvement_cycle_from_closing_the_round_to_the_effect_per_action(
        live_server, new_context, shipped_instrument, make_network, make_membership, console_errors):
    network = make_network(name="Jeugdketen West", slug="jeugdketen-west", partners=2)
    coordinator = make_membership(network=network, role=PlatformRole.COORDINATOR).user
    member = make_membership(network=network, role=PlatformRole.MEMBER).user
    round = open_round_with_responses(network, shipped_instrument)
    base = live_server.url
    workshop_url = f"{base}/networks/{network.slug}/rounds/{round.slug}/workshop/"

    # The coordinator closes the round on its page (a confirmation page, then the button).
    page = console_errors(logged_in(new_context, live_server, coordinator).new_page())
    page.goto(f"{base}{round.get_absolute_url()}")
    close_on_its_page(page)
    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED

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

    # The workshop pack is made by the worker: the page says so, polls for it and the download follows.
    with queue_in_database():
        page.goto(workshop_url)
        page.get_by_role("link", name="Werkmap afdrukken (PDF)").click()
        expect(page.locator("#report-render")).to_contain_text("De werkmap staat in de wachtrij")
        assert_accessible(page)  # the waiting page polls with a script: no timed meta refresh for axe to flag
        render = ReportRender.objects.get(kind=RenderKind.PACK, round=round)
        with page.expect_download(timeout=60_000) as download:
            assert report_render_run(render_id=render.pk) == "done"  # what the worker does meanwhile
    assert download.value.suggested_filename.startswith("werkmap-") and PackFile.objects.count() == 1
    pack_text = subprocess.run(["pdftotext", "-layout", download.value.path(), "-"], capture_output=True,
                               text=True, check=True).stdout
    assert "Werkmap bijeenkomst" in pack_text and "Besproken als punt 1" in pack_text

    # Two actions from the advice shown with the priorities.
    for number in (2, 3):
        page.goto(f"{workshop_url}present/{number}/")
        page.get_by_role("link", name="Actie maken van dit advies").first.click()
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Actieplan")
    actions = list(Action.objects.filter(network=network, topic__isnull=False).order_by("pk"))
    assert len(actions) == 2 and all(action.target_code for action in actions)
    assert_accessible(page)

    page.goto(workshop_url)
    page.get_by_role("link", name="Volgende meting plannen").click()
    page.get_by_label("Over").select_option("6")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De volgende meting is vastgelegd")).to_be_visible()
    assert NextMeasurement.objects.filter(round=round).exists()

    # A member reads the plan and cannot edit it.
    reader = console_errors(logged_in(new_context, live_server, member).new_page())
    reader.goto(f"{base}/networks/{network.slug}/actions/")
    expect(reader.locator("tbody tr")).to_have_count(2)
    expect(reader.get_by_role("link", name="Bewerken")).to_have_count(0)
    assert_accessible(reader)

    # The next measurement: the set-up copied through the offer on the workshop page, paper responses imported,
    # the round opened and closed on its page.
    page.goto(workshop_url)
    page.get_by_role("button", name="Opzet kopiëren naar een nieuwe ronde").click()
    expect(page.get_by_text("De opzet is gekopieerd")).to_be_visible()
    following = Round.objects.exclude(pk=round.pk).get(network=network)
    assert following.status == RoundStatus.DRAFT and following.instrument == round.instrument
    imported = responses_import(data={"network": network.slug, "round": following.slug, "responses": [
        {"respondent": f"papier-{i + 1}", "level": "operationeel", "answers": sheet}
        for i, sheet in enumerate(NEXT_SHEETS)]})
    assert imported.created == 5
    page.reload()
    page.get_by_role("link", name="Ronde openen").click()
    page.get_by_role("button", name="Ja, open de ronde").click()
    close_on_its_page(page)
    following.refresh_from_db()
    assert following.status == RoundStatus.CLOSED

    # Its report shows, per action of the last plan, whether the linked factor moved.
    page.goto(f"{base}/networks/{network.slug}/rounds/{following.slug}/report/")
    effects = page.locator("#sec-effects")
    expect(effects).to_contain_text(f"Wat de acties na {round.name} opleverden")
    rows = effects.locator("tbody tr")
    expect(rows).to_have_count(2)
    by_target = {action.target_code: action for action in actions}
    first, second = by_target["SF.P1"], by_target["SF.P2"]
    expect(rows.filter(has_text=first.what)).to_contain_text("verschoven")
    expect(rows.filter(has_text=first.what)).not_to_contain_text("niet aantoonbaar")
    expect(rows.filter(has_text=second.what)).to_contain_text("niet aantoonbaar verschoven")
    assert not [e for e in console_errors.errors if "favicon" not in e]
