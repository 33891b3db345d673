"""The Content-Security-Policy breaks nothing: real Chromium reports no refusal on site and admin pages.

Lives here for the shared ``chromium`` fixture: two Playwright instances in one process conflict.
"""

import pytest

from networks.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def _visit_all(chromium, base_url: str, login_path: str, user, paths: list[str]) -> list[str]:
    problems: list[str] = []
    context = chromium.new_context()
    page = context.new_page()

    def on_console(msg) -> None:
        # Chromium asks for /favicon.ico on its own; the site has none, which is not what this test is about.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"{page.url}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"{page.url}: {exc}"))
    page.goto(base_url + login_path)
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("[type=submit]")
    page.wait_for_load_state("networkidle")
    for path in paths:
        response = page.goto(base_url + path)
        assert response.status < 400, (path, response.status)
        page.wait_for_load_state("networkidle")
    context.close()
    return problems


def test_site_pages_run_without_csp_refusals(chromium, live_server, network, coordinator):
    paths = ["/", "/networks/", f"/networks/{network.slug}/", f"/networks/{network.slug}/edit/",
             f"/networks/{network.slug}/members/add/", "/accounts/password-change/"]
    assert _visit_all(chromium, live_server.url, "/accounts/login/", coordinator, paths) == []


def test_admin_pages_run_without_csp_refusals(chromium, live_server, network, member, superuser):
    membership = Membership.objects.get(network=network, user=member)
    paths = ["/admin/", "/admin/networks/network/", f"/admin/networks/network/{network.pk}/change/",
             "/admin/networks/network/add/", f"/admin/networks/membership/{membership.pk}/change/",
             "/admin/audit/auditevent/", "/admin/audit/auditevent/?action__exact=login",
             "/admin/auth/user/", f"/admin/auth/user/{member.pk}/change/"]
    assert _visit_all(chromium, live_server.url, "/admin/login/", superuser, paths) == []
