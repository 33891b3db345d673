"""Sessions: a new id at login, an idle timeout, an absolute lifetime, and cookie flags."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent

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


def _logged_in(client) -> bool:
    response = client.get(reverse("networks:list"))
    return response.status_code == 200


def _login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _stay_active(client, clock, hours: int) -> None:
    for _ in range(hours):
        clock.advance(hours=1)
        assert _logged_in(client)


def test_login_issues_a_new_session_id(client, make_user):
    user = make_user()
    session = client.session
    session["before_login"] = "x"
    session.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session.session_key
    old_key = session.session_key
    _login(client, user)
    new_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session[SESSION_KEY] == str(user.pk)


def test_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    response = _login(client, make_user())
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 2 * 60 * 60


def test_idle_session_ends_after_two_hours(client, make_user, clock):
    _login(client, make_user())
    clock.advance(hours=1, minutes=59)
    assert _logged_in(client)
    clock.advance(hours=2, minutes=1)
    assert not _logged_in(client)


def test_activity_keeps_the_session_alive_past_the_idle_limit(client, make_user, clock):
    _login(client, make_user())
    for _ in range(5):
        clock.advance(hours=1, minutes=30)
        assert _logged_in(client)


def test_session_ends_twelve_hours_after_login_however_active(client, make_user, clock):
    user = make_user()
    _login(client, user)
    _stay_active(client, clock, 11)
    clock.advance(minutes=59)
    assert _logged_in(client)
    clock.advance(minutes=2)
    response = client.get(reverse("networks:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.SESSION_EXPIRED, actor=user).exists()


def test_logging_in_again_restarts_the_absolute_lifetime(client, make_user, clock):
    user = make_user()
    _login(client, user)
    _stay_active(client, clock, 11)
    client.post(reverse("logout"))
    _login(client, user)
    _stay_active(client, clock, 11)


def test_session_from_before_the_lifetime_control_gets_a_clock(client, make_user, clock):
    client.force_login(make_user())
    session = client.session
    del session["_ketenregie_login_at"]
    session.save()
    assert _logged_in(client)
    _stay_active(client, clock, 12)
    clock.advance(minutes=1)
    assert not _logged_in(client)

