"""Coordinator pages in real headless Chromium: no serious or critical axe-core violations, usable at 360 px,
no JavaScript errors, and the copy button copies the personal link."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from rounds.models import RoundStatus
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent / "browser" / "vendor" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def browser(chromium):
    """The suite's one Chromium (tests/browser/conftest.py): two Playwright instances in one process clash."""
    return chromium


@pytest.fixture
def scene(network, coordinator, member, make_membership):
    instrument = make_instrument()
    anonymous = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, name="Najaar 2026",
                           slug="najaar-2026", closes_on="2026-12-20")
    visible = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, name="Voorjaar 2027",
                         slug="voorjaar-2027", show_respondents=True)
    people = [member] + [make_membership(network=network).user for _ in range(4)]
    for round in (anonymous, visible):
        invitations = invite(round=round, users=people)
        respond(invitation=invitations[0], submitted=True)
        respond(invitation=invitations[1])
    return {"network": network, "anonymous": anonymous, "visible": visible, "coordinator": coordinator}


def _logged_in_page(browser, live_server, user, width: str):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=VIEWPORTS[width], locale="nl-NL", bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The site has no favicon (yet); the browser's automatic request for it is not an error of these pages.
    page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location.get('url', '')}")
            if msg.type == "error" and "favicon.ico" not in msg.location.get("url", "") else None)
    return context, page, errors


def _serious_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact,
                                            targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def _urls(scene) -> list[str]:
    network = scene["network"].slug
    urls = [reverse("rounds:create", kwargs={"network_slug": network})]
    for key in ("anonymous", "visible"):
        kwargs = {"network_slug": network, "round_slug": scene[key].slug}
        urls += [reverse(name, kwargs=kwargs) for name in
                 ("rounds:detail", "rounds:edit", "rounds:invitations", "rounds:monitor", "rounds:close")]
    return urls


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_coordinator_pages_have_no_serious_axe_violations(browser, live_server, scene, width):
    context, page, errors = _logged_in_page(browser, live_server, scene["coordinator"], width)
    problems = {}
    for url in _urls(scene):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        violations = _serious_violations(page)
        if violations:
            problems[url] = violations
        if width == "phone":
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{url} scrolls sideways at 360 px ({overflow}px)"
    context.close()
    assert problems == {}
    assert errors == []


def test_form_errors_page_has_no_serious_axe_violations(browser, live_server, scene):
    context, page, errors = _logged_in_page(browser, live_server, scene["coordinator"], "phone")
    page.goto(live_server.url + reverse("rounds:create", kwargs={"network_slug": scene["network"].slug}))
    page.fill("#id_name", "Najaar 2026")
    page.fill("#id_opens_on", "2026-05-01")
    page.fill("#id_closes_on", "2026-04-01")
    page.click("main button[type=submit]")
    assert page.locator("#id_closes_on_error").is_visible()
    assert page.locator("#id_slug_error").is_visible()
    assert _serious_violations(page) == []
    context.close()


def test_copy_button_copies_the_personal_link(browser, live_server, scene):
    context, page, errors = _logged_in_page(browser, live_server, scene["coordinator"], "desktop")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    round = scene["visible"]
    invitation = round.invitations.order_by("pk")[2]  # not started: links in use are hidden (test_invitation_links)
    page.goto(live_server.url + reverse("rounds:invitations", kwargs={"network_slug": scene["network"].slug,
                                                                      "round_slug": round.slug}))
    button = page.locator(f'[data-copy-target="link-{invitation.pk}"]')
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + invitation.get_absolute_url()  # the address the page was served on
    assert errors == []
    context.close()
