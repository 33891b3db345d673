"""Login lock-out: 5 failures per username or 20 per address within 15 minutes block logins for 15 minutes."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent, RateLimitBlock

PASSWORD = "correct-horse-battery"


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = timezone.now()

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    instance = Clock()
    monkeypatch.setattr(timezone, "now", lambda: instance.now)
    return instance


def _login(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_four_failures_do_not_block_the_right_password(client, make_user):
    user = make_user()
    for _ in range(4):
        assert _login(client, user.username, "wrong-password-123").status_code == 200
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_fifth_failure_locks_the_username_even_for_the_right_password(client, make_user):
    user = make_user()
    for _ in range(5):
        _login(client, user.username, "wrong-password-123")
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert not _is_logged_in(client)


def test_lockout_ignores_the_case_of_the_username(client, make_user):
    user = make_user(email="sara@example.org")
    for variant in ["SARA@example.org", "Sara@Example.org", "sara@EXAMPLE.ORG", "sArA@example.org", "SARA@EXAMPLE.ORG"]:
        _login(client, variant, "wrong-password-123")
    assert _login(client, user.username, PASSWORD).status_code == 429


def test_lockout_holds_for_fifteen_minutes_then_lifts(client, make_user, clock):
    user = make_user()
    for _ in range(5):
        _login(client, user.username, "wrong-password-123")
    clock.advance(minutes=14, seconds=59)
    assert _login(client, user.username, PASSWORD).status_code == 429
    clock.advance(seconds=2)
    assert _login(client, user.username, PASSWORD).status_code == 302
    assert _is_logged_in(client)


def test_failures_older_than_the_window_are_forgotten(client, make_user, clock):
    user = make_user()
    for _ in range(4):
        _login(client, user.username, "wrong-password-123")
    clock.advance(minutes=16)
    _login(client, user.username, "wrong-password-123")
    assert _login(client, user.username, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_username_count(client, make_user):
    user = make_user()
    for _ in range(4):
        _login(client, user.username, "wrong-password-123")
    assert _login(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, user.username, "wrong-password-123")
    assert _login(client, user.username, PASSWORD).status_code == 302


def test_locked_username_does_not_lock_other_users(client, make_user):
    victim, other = make_user(), make_user()
    for _ in range(5):
        _login(client, victim.username, "wrong-password-123", ip="10.0.0.1")
    assert _login(client, other.username, PASSWORD, ip="10.0.0.1").status_code == 302


def test_twenty_failures_from_one_address_block_that_address(client, make_user):
    user = make_user()
    for n in range(20):
        _login(client, f"guess{n}@example.org", "wrong-password-123", ip="10.9.9.9")
    assert _login(client, user.username, PASSWORD, ip="10.9.9.9").status_code == 429
    assert _login(client, user.username, PASSWORD, ip="10.1.1.1").status_code == 302


def test_refused_attempts_during_lockout_do_not_reach_the_password_check(client, make_user):
    user = make_user()
    for _ in range(5):
        _login(client, user.username, "wrong-password-123")
    failures_before = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count()
    _login(client, user.username, "another-wrong-password")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == failures_before


def test_lockout_is_audited_once(client, make_user):
    user = make_user()
    for _ in range(7):
        _login(client, user.username, "wrong-password-123")
    events = AuditEvent.objects.filter(action=AuditAction.LOCKOUT)
    assert events.count() == 1
    assert events.get().target == user.username
    assert events.get().ip_address == "10.0.0.1"


def test_superuser_can_lift_a_lockout_by_deleting_the_block(client, make_user):
    user = make_user()
    for _ in range(5):
        _login(client, user.username, "wrong-password-123")
    RateLimitBlock.objects.filter(key=user.username).delete()
    assert _login(client, user.username, PASSWORD).status_code == 302


def test_admin_login_is_throttled_too(client, superuser):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": superuser.username, "password": "wrong-password-123"})
    response = client.post(url, {"username": superuser.username, "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert not _is_logged_in(client)


def test_address_is_taken_from_the_trusted_proxy_header(client, make_user, settings):
    settings.KETENREGIE_TRUSTED_PROXY_COUNT = 1
    user = make_user()
    for n in range(20):
        client.post(reverse("login"), {"username": f"guess{n}@example.org", "password": "wrong-password-123"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    # A client-forged entry to the left of the proxy's own does not help the attacker.
    blocked = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert blocked.status_code == 429
    other = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302


# Unicode look-alikes: the form normalises the username (NFKC) before authenticating, so the throttle must count
# and check the same normalised name, or a variant slips past a lock-out.
LOOKALIKE_CASES = [
    # (stored address, variant typed by the attacker)
    ("bmember@sec.test", "\uff42member@sec.test"),           # fullwidth b
    ("fiona@sec.test", "\ufb01ona@sec.test"),                # the "fi" ligature
    ("jos\u00e9@sec.test", "jose\u0301@sec.test"),            # e + combining acute accent
    ("anna@sec.test", "\uff21\uff2e\uff2e\uff21@sec.test"),  # fullwidth capitals
]


@pytest.mark.parametrize(("stored", "variant"), LOOKALIKE_CASES)
def test_a_locked_username_stays_locked_for_its_unicode_lookalikes(client, make_user, stored, variant):
    user = make_user(email=stored)
    for _ in range(5):
        _login(client, user.username, "wrong-password-123")
    response = _login(client, variant, PASSWORD)
    assert response.status_code == 429
    assert not _is_logged_in(client)


@pytest.mark.parametrize(("stored", "variant"), LOOKALIKE_CASES)
def test_failures_through_lookalikes_count_for_the_normalised_username(client, make_user, stored, variant):
    user = make_user(email=stored)
    variants = [variant, stored, variant.upper(), variant, stored.upper()]
    for typed in variants:
        _login(client, typed, "wrong-password-123")
    assert _login(client, user.username, PASSWORD).status_code == 429
    assert _login(client, variant, PASSWORD).status_code == 429


def test_lockout_key_is_the_normalised_casefolded_username():
    from audit.throttle import login_username_key

    assert login_username_key("  \uff42Member@Sec.Test ") == "bmember@sec.test"
    assert login_username_key("\ufb01ona@sec.test") == "fiona@sec.test"
    assert login_username_key("jose\u0301@sec.test") == "jos\u00e9@sec.test"
    assert login_username_key(None) == ""
