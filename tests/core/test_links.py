"""Links in mails and copy buttons follow the address served (KETENREGIE_ADDR), never a fixed default."""

import re
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from core.links import absolute_url
from core.request_context import _current_request
from networks.models import PlatformRole
from rounds.emails import invitation_link
from rounds.models import RoundStatus
from rounds.services import invitations as invitation_services
from rounds.services.responses import resume_link
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "site-url.sh"
SERVED: dict[str, Any] = {"HTTP_HOST": "127.0.0.1:8101"}


@pytest.mark.parametrize(
    ("addr", "expected"),
    [
        ("127.0.0.1:8101", "http://127.0.0.1:8101"),
        ("0.0.0.0:8102", "http://127.0.0.1:8102"),
        ("8103", "http://127.0.0.1:8103"),
        ("ketenregie.local:8000", "http://ketenregie.local:8000"),
    ],
)
def test_start_script_derives_site_url_from_the_served_address(addr, expected):
    result = subprocess.run(["bash", str(SCRIPT), addr], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected


def test_start_script_exports_the_derived_site_url_unless_one_is_set():
    start = (SCRIPT.parent / "start.sh").read_text()
    assert 'export SITE_URL="${SITE_URL:-$(scripts/site-url.sh "$addr")}"' in start
    assert start.index("SITE_URL=") < start.index("manage.py migrate")


def test_outside_a_request_links_use_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8104/"
    assert absolute_url("/r/abc/") == "http://127.0.0.1:8104/r/abc/"


def test_inside_a_request_links_use_the_address_of_the_request(settings, rf: RequestFactory):
    settings.SITE_URL = "http://wrong.example:1"
    request = rf.get("/", **SERVED)
    assert absolute_url("/r/abc/", request=request) == "http://127.0.0.1:8101/r/abc/"


@contextmanager
def serving(host: str):
    """Keep a request on ``host`` current while captured on-commit callbacks run.

    In real use the services' atomic blocks commit inside the view, so their mails are built while the request
    is being served; the test's capture runs the callbacks only after the test client's request has ended.
    """
    token = _current_request.set(RequestFactory().get("/", HTTP_HOST=host))
    try:
        yield
    finally:
        _current_request.reset(token)


def test_welcome_mail_links_to_the_address_the_coordinator_used(
    client_for, coordinator, network, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    with serving(SERVED["HTTP_HOST"]), django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("networks:member_add", kwargs={"slug": network.slug}),
            {"email": "nieuw@example.org", "role": PlatformRole.MEMBER},
            **SERVED,
        )
    assert response.status_code == 302
    links = re.findall(r"https?://\S+", str(mail.outbox[-1].body))
    assert links and all(link.startswith("http://127.0.0.1:8101/accounts/reset/") for link in links)


def test_invitation_mails_and_copy_links_use_the_served_address(
    client_for, coordinator, member, network, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.DRAFT)
    invitation = invite(round=round, users=[member], sent=False)[0]
    client = client_for(coordinator)
    page = client.get(
        reverse("rounds:invitations", kwargs={"network_slug": network.slug, "round_slug": round.slug}), **SERVED
    ).content.decode()
    assert "http://127.0.0.1:8101" + invitation.get_absolute_url() in page
    assert "127.0.0.1:8000" not in page
    with serving(SERVED["HTTP_HOST"]), django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("rounds:open", kwargs={"network_slug": network.slug, "round_slug": round.slug}),
            {"confirm": "on"},
            **SERVED,
        )
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    body = mail.outbox[-1].body
    assert "http://127.0.0.1:8101" + invitation.get_absolute_url() in body
    assert "127.0.0.1:8000" not in body


def test_mails_sent_outside_a_request_use_site_url(member, network, settings):
    settings.SITE_URL = "http://127.0.0.1:8105"
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN)
    invitation = invitation_services.invitations_create(round=round, users=[member])[0]
    assert invitation_link(invitation) == "http://127.0.0.1:8105" + invitation.get_absolute_url()
    response = respond(invitation=invitation)
    assert resume_link(invitation=invitation, response=response).startswith("http://127.0.0.1:8105/r/")
