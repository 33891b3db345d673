"""axe-core in real Chromium: no serious or critical violations on the respondent pages, at 360 and 1280 px.

Uses the shipped instrument (real question texts and help texts) with every optional module switched on.
axe is injected as a script tag, so these contexts bypass the Content-Security-Policy; the walk and autosave
tests run with the policy in force.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rounds.models import Answer, Response
from rounds.questionnaire import questionnaire_for_round
from tests.browser.conftest import WIDTHS, axe_serious_violations, mailed_link
from tests.must import present
from tests.rounds.respond_builders import answer_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALL_OPTIONAL = ("KW", "CX", "BB", "RL")


@pytest.fixture
def respondents(shipped_instrument, make_respondent):
    """One respondent half-way (profile, pages, review) and one who has submitted (overview)."""
    busy = make_respondent(instrument=shipped_instrument, optional=ALL_OPTIONAL, confirm=True)
    done = make_respondent(instrument=shipped_instrument, optional=ALL_OPTIONAL, confirm=True)
    questionnaire = questionnaire_for_round(round=done.round)
    browser = make_respondent.browser  # the browser that started both: it holds their claims
    for page in questionnaire.pages:
        answer_page(browser, done.token, page, comment="Een opmerking bij " + page.key)
    browser.post(reverse("rounds:respond_submit", kwargs={"token": done.token}))
    assert Response.objects.get(invitation=done).is_submitted
    answer_page(browser, busy.token, questionnaire.page("SF-K"), nav="stay")
    return busy, done


def check(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    violations = axe_serious_violations(page)
    assert violations == [], f"{url}: {violations}"


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_respondent_pages_have_no_serious_accessibility_violations(live_server, respondent_context, respondents,
                                                                   width, make_respondent, shipped_instrument):
    busy, done = respondents
    page = respondent_context(width=width, bypass_csp=True).new_page()
    base = live_server.url

    fresh = make_respondent(instrument=shipped_instrument, optional=ALL_OPTIONAL)
    check(page, f"{base}/r/{fresh.token}/")  # the start page, before anything is created
    check(page, f"{base}/r/{busy.token}/profile/")
    check(page, f"{base}/r/{busy.token}/page/SF-K/")
    check(page, f"{base}/r/{busy.token}/page/MK-claim/")
    check(page, f"{base}/r/{busy.token}/page/BB/")
    check(page, f"{base}/r/{busy.token}/review/")
    check(page, f"{base}/r/{done.token}/overview/")
    check(page, f"{base}/r/{done.token}/page/SF-O/")  # read-only after submitting
    check(page, f"{base}/r/unknown-token-abc/")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_page_with_errors_and_conflict_has_no_serious_accessibility_violations(live_server, respondent_context,
                                                                               respondents, make_respondent, width):
    busy, _done = respondents
    page = respondent_context(width=width, bypass_csp=True).new_page()
    url = f"{live_server.url}/r/{busy.token}/page/KO/"
    page.goto(url)
    answer_page(make_respondent.browser, busy.token, questionnaire_for_round(round=busy.round).page("KO"), value="1",
                nav="stay")

    # The page was loaded before that save: submitting it now is stale (409) and shows the comparison.
    page.locator("fieldset.kr-item").nth(0).locator("input[value='3']").check()
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_selector("#conflict-summary")
    assert axe_serious_violations(page) == []

    page.locator("#id_comment").fill("y" * 2100)
    page.get_by_role("button", name="Mijn antwoorden bewaren").click()
    page.wait_for_selector("#error-summary")
    assert axe_serious_violations(page) == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_my_responses_and_withdrawn_link_have_no_serious_violations(live_server, new_context, respondents, width):
    busy, _done = respondents
    client = Client()
    client.force_login(busy.user)
    context = new_context(width=width, bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    check(page, f"{live_server.url}{reverse('rounds:my_responses')}")
    busy.revoked_at = timezone.now()
    busy.save()
    check(page, f"{live_server.url}/r/{busy.token}/")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_started_elsewhere_and_resume_pages_have_no_serious_violations(live_server, new_context, respondents,
                                                                      width):
    busy, _done = respondents
    page = new_context(width=width, bypass_csp=True).new_page()  # another browser than the one that started

    check(page, f"{live_server.url}/r/{busy.token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Deze vragenlijst is al begonnen in een andere browser"
    page.get_by_role("button", name="Stuur mij een link om verder te gaan").click()
    page.wait_for_load_state("load")
    assert axe_serious_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    check(page, mailed_link(live_server, r"/r/[^/\s]+/resume/[^/\s]+/"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"]


def test_the_answers_of_the_fixture_are_real(respondents):
    _busy, done = respondents
    questionnaire = questionnaire_for_round(round=done.round)

    assert Answer.objects.filter(response__invitation=done).count() == questionnaire.item_count > 100


def test_pages_fit_a_360px_screen_without_sideways_scrolling(live_server, respondent_context, respondents):
    busy, done = respondents
    page = respondent_context(width="phone").new_page()

    for url in (f"/r/{busy.token}/profile/", f"/r/{busy.token}/page/SF-O/", f"/r/{busy.token}/page/CX/",
                f"/r/{busy.token}/review/", f"/r/{done.token}/overview/"):
        page.goto(live_server.url + url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{url} is {width}px wide"


@pytest.fixture
def shipped_v2(transactional_db):
    """The real instrument version 2, which offers "weet niet" and "n.v.t." apart."""
    from assessments.loader import INSTRUMENTS_DIR, instrument_file_load
    from assessments.models import Instrument

    instrument = Instrument.objects.filter(slug="ketenregie", version=2).first()
    if instrument is None:
        instrument_file_load(path=INSTRUMENTS_DIR / "ketenregie-v2.yaml")
        instrument = Instrument.objects.get(slug="ketenregie", version=2)
    return instrument


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_v2_pages_offer_weet_niet_and_nvt_apart_without_serious_violations(live_server, respondent_context,
                                                                         make_respondent, shipped_v2, width):
    busy = make_respondent(instrument=shipped_v2, optional=ALL_OPTIONAL, confirm=True)
    questionnaire = questionnaire_for_round(round=busy.round)
    sf_k = present(questionnaire.page("SF-K"))
    first, second = sf_k.items[0], sf_k.items[1]
    answer_page(make_respondent.browser, busy.token, sf_k, nav="stay",
                extra={first.field_name: "na", second.field_name: "dk"})
    page = respondent_context(width=width, bypass_csp=True).new_page()
    base = live_server.url

    for key in ("SF-K", "MK-1", "KO", "CX"):
        check(page, f"{base}/r/{busy.token}/page/{key}/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    check(page, f"{base}/r/{busy.token}/review/")

    page.goto(f"{base}/r/{busy.token}/page/SF-K/")
    na = page.locator(f"#{first.dom_id}-na")
    dk = page.locator(f"#{second.dom_id}-dk")
    assert na.is_checked() and dk.is_checked()
    assert page.locator(f"label[for='{first.dom_id}-na']").inner_text() == "Niet van toepassing"
    assert page.locator(f"label[for='{first.dom_id}-dk']").inner_text() == "Weet niet"
    assert page.locator(f"label[for='{first.dom_id}-na']").is_visible()
