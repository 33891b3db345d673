"""Rate limits: unknown token links per address, the reusable @ratelimit budget, password-reset requests."""

from datetime import timedelta
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent, RateLimitHit
from core.ratelimit import (
    client_ip,
    invitation_budget_consume,
    invitation_ratelimit,
    ratelimit,
    ratelimit_consume,
)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = timezone.now()

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    instance = Clock()
    monkeypatch.setattr(timezone, "now", lambda: instance.now)
    return instance


def _unknown_link(client, n: int, ip: str = "10.0.0.5"):
    return client.get(f"/r/unknown-token-{n:04d}/", REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_twenty_unknown_token_links_block_the_address_with_429(client):
    for n in range(20):
        assert _unknown_link(client, n).status_code == 404
    response = _unknown_link(client, 99)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "te veel onbekende links" in response.content.decode()


@pytest.mark.django_db
def test_blocked_address_cannot_use_any_token_link_other_addresses_can(client):
    for n in range(20):
        _unknown_link(client, n, ip="10.0.0.5")
    assert client.get("/r/some-other-token/page/1/", REMOTE_ADDR="10.0.0.5").status_code == 429
    assert _unknown_link(client, 1, ip="10.0.0.6").status_code == 404


@pytest.mark.django_db
def test_token_link_block_lifts_after_ten_minutes(client, clock):
    for n in range(20):
        _unknown_link(client, n)
    clock.advance(minutes=9, seconds=59)
    assert _unknown_link(client, 50).status_code == 429
    clock.advance(seconds=2)
    assert _unknown_link(client, 51).status_code == 404


@pytest.mark.django_db
def test_unknown_links_spread_over_more_than_ten_minutes_are_not_blocked(client, clock):
    for n in range(40):
        assert _unknown_link(client, n).status_code == 404
        clock.advance(seconds=40)


@pytest.mark.django_db
def test_token_link_block_is_audited(client):
    for n in range(20):
        _unknown_link(client, n)
    event = AuditEvent.objects.get(action=AuditAction.RATE_LIMITED)
    assert event.ip_address == "10.0.0.5"
    assert event.details["scope"] == "token_link"


@pytest.mark.django_db
def test_other_404s_do_not_count_against_token_links(client):
    for n in range(30):
        client.get(f"/networks/does-not-exist-{n}/", REMOTE_ADDR="10.0.0.5")
    assert not RateLimitHit.objects.exists()
    assert _unknown_link(client, 1).status_code == 404


def _view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_ratelimit_decorator_refuses_the_request_beyond_the_budget(rf, make_user):
    view = ratelimit(scope="test_invitations", limit=3, window=3600, key="user")(_view)
    user = make_user()
    statuses = []
    for _ in range(4):
        request = rf.post("/invite/")
        request.user = user
        statuses.append(view(request).status_code)
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_ratelimit_decorator_counts_each_user_separately(rf, make_user):
    view = ratelimit(scope="test_invitations", limit=1, window=3600, key="user")(_view)
    for user in (make_user(), make_user()):
        request = rf.post("/invite/")
        request.user = user
        assert view(request).status_code == 200


@pytest.mark.django_db
def test_ratelimit_decorator_lets_get_through(rf, make_user):
    view = ratelimit(scope="test_invitations", limit=1, window=3600)(_view)
    user = make_user()
    for _ in range(3):
        request = rf.get("/invite/")
        request.user = user
        assert view(request).status_code == 200


@pytest.mark.django_db
def test_budget_is_restored_after_the_window(clock):
    kwargs: dict[str, Any] = {"scope": "test_invitations", "key": "user:1", "limit": 200, "window": 3600}
    assert ratelimit_consume(**kwargs, cost=150)
    assert not ratelimit_consume(**kwargs, cost=51)
    assert ratelimit_consume(**kwargs, cost=50)
    assert not ratelimit_consume(**kwargs, cost=1)
    clock.advance(hours=1, seconds=1)
    assert ratelimit_consume(**kwargs, cost=200)


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(client, settings):
    settings.KETENREGIE_PASSWORD_RESET_LIMIT = {"limit": 3, "window": 3600}
    url = reverse("password_reset")
    statuses = [client.post(url, {"email": f"x{n}@example.org"}, REMOTE_ADDR="10.2.2.2").status_code
                for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert client.post(url, {"email": "y@example.org"}, REMOTE_ADDR="10.2.2.3").status_code == 302


def test_client_ip_ignores_forwarded_header_without_trusted_proxy(settings):
    settings.KETENREGIE_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "127.0.0.1"


def test_client_ip_takes_the_entry_of_the_trusted_proxy(settings):
    settings.KETENREGIE_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


def test_client_ip_ignores_garbage(settings):
    settings.KETENREGIE_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="'; DROP TABLE x;--")
    assert client_ip(request) == ""


@pytest.mark.django_db
def test_invitation_budget_is_two_hundred_per_coordinator_per_hour(make_user, clock):
    coordinator, other = make_user(), make_user()
    assert invitation_budget_consume(user=coordinator, count=150)
    assert not invitation_budget_consume(user=coordinator, count=51)
    assert invitation_budget_consume(user=coordinator, count=50)
    assert not invitation_budget_consume(user=coordinator, count=1)
    assert invitation_budget_consume(user=other, count=200)
    clock.advance(minutes=61)
    assert invitation_budget_consume(user=coordinator, count=1)


@pytest.mark.django_db
def test_invitation_ratelimit_decorator_reads_the_setting(rf, make_user, settings):
    settings.KETENREGIE_INVITATION_LIMIT = {"limit": 2, "window": 3600}
    view = invitation_ratelimit(_view)
    user = make_user()
    statuses = []
    for _ in range(3):
        request = rf.post("/remind/")
        request.user = user
        statuses.append(view(request).status_code)
    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_checking_token_links_reads_the_blocks_from_the_cache_not_the_database(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _unknown_link(client, 0)
    with CaptureQueriesContext(connection) as queries:
        for n in range(1, 4):
            _unknown_link(client, n)
    assert [q for q in queries.captured_queries if "ratelimitblock" in q["sql"].lower()] == []


@pytest.mark.django_db
def test_a_block_lifted_by_an_administrator_ends_at_once_despite_the_cache(client):
    from audit.models import RateLimitBlock

    for n in range(20):
        _unknown_link(client, n)
    assert _unknown_link(client, 99).status_code == 429
    RateLimitBlock.objects.filter(key="10.0.0.5").delete()
    assert _unknown_link(client, 100).status_code == 404


@pytest.mark.django_db
def test_a_block_made_by_another_app_server_is_seen_through_the_shared_cache(client, redis_url, settings):
    """Two app servers share Redis: the block one of them records stops the address on the other at once."""
    from ketenregie.settings.env import cache_from_url

    settings.CACHES = {"default": cache_from_url(redis_url)}
    other_server = type(client)()
    assert other_server.get("/r/unknown-token-x/", REMOTE_ADDR="10.0.0.5").status_code == 404  # caches "no blocks"
    for n in range(20):
        _unknown_link(client, n)
    assert other_server.get("/r/unknown-token-y/", REMOTE_ADDR="10.0.0.5").status_code == 429
