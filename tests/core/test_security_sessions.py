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



def _session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if "django_session" in q["sql"]
            and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_logged_in_page_view_does_not_write_the_session_table(client, make_user, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, make_user())
    clock.advance(minutes=5)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert _logged_in(client)
            clock.advance(minutes=1)
    assert _session_writes(queries.captured_queries) == []


def test_the_session_is_saved_again_once_it_is_older_than_the_renewal_interval(client, make_user, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, make_user())
    clock.advance(seconds=django_settings.KETENREGIE_SESSION_RENEW_AFTER + 1)
    with CaptureQueriesContext(connection) as queries:
        assert _logged_in(client)
    assert len(_session_writes(queries.captured_queries)) == 1
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    expires = Session.objects.get(session_key=key).expire_date
    assert expires == clock.now + timedelta(seconds=django_settings.SESSION_COOKIE_AGE)


def test_without_a_write_per_request_an_idle_session_still_ends_within_the_idle_limit(client, make_user, clock):
    """Last saved a little before the last request, the session ends at most RENEW_AFTER early, never late."""
    _login(client, make_user())
    for _ in range(4):  # activity inside one renewal interval: no save
        clock.advance(minutes=2)
        assert _logged_in(client)
    clock.advance(seconds=django_settings.SESSION_COOKIE_AGE - 8 * 60 + 1)
    assert not _logged_in(client)


def test_an_anonymous_visit_creates_no_session(client, db):
    client.get(reverse("login"))
    assert Session.objects.count() == 0


def test_with_redis_a_logged_in_page_view_reads_the_session_without_a_query(client, make_user, redis_url,
                                                                             settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ketenregie.settings.env import cache_from_url

    settings.CACHES = {"default": cache_from_url(redis_url)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    _login(client, make_user())
    assert _logged_in(client)
    with CaptureQueriesContext(connection) as queries:
        assert _logged_in(client)
    assert [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]] == []
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key  # a copied cookie: the cached session is gone too
    assert not _logged_in(client)
