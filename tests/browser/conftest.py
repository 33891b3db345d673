"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API.

Never downloads a browser. Tests run against pytest-django's ``live_server`` and therefore need
``@pytest.mark.django_db(transaction=True)``; mark them ``@pytest.mark.browser`` so that they can be
selected or skipped (``-m browser`` / ``-m "not browser"``).

Playwright's sync API keeps an asyncio loop in the test thread, which trips Django's async-safety check on
every ORM call the test makes; the tests and the live server use separate threads and connections, so that
check is switched off here.
"""

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"phone": {"width": 360, "height": 740}, "phone375": {"width": 375, "height": 812},
          "desktop": {"width": 1280, "height": 900}}



@dataclass(frozen=True)
class ConsoleErrors:
    """``console_errors(page)`` watches a page; ``console_errors.errors`` lists what it reported."""

    watch: Callable[[Any], Any]
    errors: list[str]

    def __call__(self, page: Any) -> Any:
        return self.watch(page)


@dataclass(frozen=True)
class RespondentMaker:
    """``make_respondent(...)`` invites a member; ``make_respondent.browser`` is the client that confirmed."""

    make: Callable[..., Any]
    browser: Any

    def __call__(self, **kwargs: Any) -> Any:
        return self.make(**kwargs)

@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is not installed: scripts/test.sh installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_context(chromium):
    """Make browser contexts (a context is a fresh browser profile: own cookies and localStorage)."""
    contexts = []

    def make(*, width: str = "desktop", bypass_csp: bool = False, **options):
        context = chromium.new_context(viewport=WIDTHS[width], locale="nl-NL", bypass_csp=bypass_csp, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        with contextlib.suppress(Exception):  # already closed by the test
            context.close()


def axe_serious_violations(page) -> list[dict]:
    """Run axe-core on the current page; the violations of impact "serious" or "critical", summarised.

    The script is added as an inline script tag, so the context must be made with ``bypass_csp=True``.
    """
    page.add_script_tag(path=str(AXE_PATH))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def console_errors():
    """Collect JavaScript errors and CSP refusals of a page: a page that works must produce none."""
    errors: list[str] = []

    def watch(page):
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: errors.append(f"console: {msg.text} ({msg.location.get('url', '')})")
                if msg.type == "error" else None)
        return page

    return ConsoleErrors(watch=watch, errors=errors)


@pytest.fixture
def shipped_instrument(transactional_db):
    """The real instrument version 1 (loaded by a migration, but flushed by earlier transactional tests)."""
    from assessments.loader import instrument_file_load, shipped_instrument_paths
    from assessments.models import Instrument

    instrument = Instrument.objects.filter(slug="ketenregie", version=1).first()
    if instrument is None:
        paths = [p for p in shipped_instrument_paths() if p.name == "ketenregie-v1.yaml"]
        if not paths:
            pytest.fail("the shipped instrument file is missing")
        instrument_file_load(path=paths[0])
        instrument = Instrument.objects.get(slug="ketenregie", version=1)
    return instrument


@pytest.fixture
def make_respondent(transactional_db, make_network, make_membership):
    """An invited member of an open round; with ``confirm`` the profile is already confirmed.

    Confirming starts the questionnaire, so the browser that does it holds the claim on it: that browser is
    ``make_respondent.browser`` (a Django test Client shared by all respondents made here). Open the pages in
    Chromium with ``respondent_context``, which carries the same claims; any other context is "another
    browser" and gets the started-elsewhere page.
    """
    from django.test import Client

    from networks.models import Level, PlatformRole
    from rounds.models import Invitation
    from tests.rounds.respond_builders import build_instrument, build_round

    state = {}

    browser = Client()

    def make(*, instrument=None, optional=("KW",), confirm: bool = False):
        if "network" not in state:
            state["network"] = make_network(name="Ketenzorg West", slug="ketenzorg-west", partners=3)
        network = state["network"]
        if "round" not in state or instrument is not None and state["round"].instrument != instrument:
            state["round"] = build_round(network=network, instrument=instrument or build_instrument(n=3),
                                         optional=optional)
        membership = make_membership(network=network, role=PlatformRole.MEMBER, level=Level.TACTICAL)
        invitation = Invitation.objects.create(round=state["round"], user=membership.user)
        if confirm:
            from django.urls import reverse

            browser.post(reverse("rounds:respond", kwargs={"token": invitation.token}))
            browser.post(reverse("rounds:respond_profile", kwargs={"token": invitation.token}),
                              {"organisation": membership.organisation_id, "level": Level.TACTICAL})
        return invitation

    return RespondentMaker(make=make, browser=browser)


@pytest.fixture
def respondent_context(new_context, live_server, make_respondent):
    """A Chromium context that is the same browser as ``make_respondent.browser``: it holds the same claims."""
    from urllib.parse import urlsplit

    from rounds.respond_access import CLAIM_COOKIE

    def make(**options):
        context = new_context(**options)
        claims = make_respondent.browser.cookies.get(CLAIM_COOKIE)
        if claims is not None:
            context.add_cookies([{"name": CLAIM_COOKIE, "value": claims.value, "path": "/r/", "httpOnly": True,
                                  "sameSite": "Lax", "domain": urlsplit(live_server.url).hostname}])
        return context

    return make


def mailed_link(live_server, pattern: str) -> str:
    """The last link in the outbox matching ``pattern``, pointed at the live server instead of SITE_URL.

    The live server runs in this process with the locmem mail backend, so its mails land in ``mail.outbox``.
    """
    import re

    from django.core import mail

    for message in reversed(mail.outbox):
        found = re.search(r"https?://[^/\s]+(" + pattern + r")", str(message.body))
        if found:
            return live_server.url + found.group(1)
    raise AssertionError(f"no mail with a link matching {pattern!r} among {len(mail.outbox)}")
