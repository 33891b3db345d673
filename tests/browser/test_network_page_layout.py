"""The coordinator's network page holds on a phone: a 10,000-character word (issue 16 measured the page at 95,098 px)
and the longest names the forms allow wrap inside the viewport, and every Bewerken/Verwijderen button stays on
screen, at 375 px and on a desktop."""

import re

import pytest
from django.conf import settings
from django.test import Client

from networks.models import Organisation, Partnership, PlatformRole, Sector
from tests.browser.test_first_day_journeys import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", ["phone375", "desktop"])
def test_long_words_wrap_and_actions_stay_on_screen(width, live_server, new_context, make_network, make_membership,
                                                    make_user):
    network = make_network(name="Keten" + "x" * 195, slug="lange-woorden", partners=1,
                           description="Ketensamenwerking" + "y" * 9_983, region="Noord")
    organisation = Organisation.objects.create(name="Organisatie" + "z" * 189, sector=Sector.WELFARE)
    Partnership.objects.create(network=network, organisation=organisation, roles=["ketenregisseur", "financier"])
    coordinator = make_membership(network=network, role=PlatformRole.COORDINATOR).user
    long_email = "a" * 60 + "@" + "b" * 60 + ".example.org"
    make_membership(network=network, user=make_user(email=long_email, first_name="Anna" + "n" * 140),
                    organisation=organisation)
    client = Client()
    client.force_login(coordinator)
    context = new_context(width=width, bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.goto(live_server.url + network.get_absolute_url())

    check_page(page, [])
    viewport = page.viewport_size["width"]
    main = page.locator("main")
    actions = (main.get_by_role("link", name=re.compile("^Bewerken")).all()
               + main.get_by_role("button", name=re.compile("^Verwijderen")).all())
    assert len(actions) == 2 * 4  # two partners and two members (the coordinator included), one pair each
    for action in actions:
        box = action.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport, box
