"""GET /health/: 200 with ok when the database answers and is migrated, 503 otherwise; no login, no secrets."""

import json

import pytest
from django.urls import reverse

from core import health


@pytest.fixture(autouse=True)
def fresh_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrations_known_ok", False)


@pytest.mark.django_db
def test_healthy_site_answers_200_without_login(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_pending_migrations_answer_503(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_pending", lambda: True)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "ok", "migrations": "pending"}


@pytest.mark.django_db
def test_unreachable_database_answers_503_without_details(client, monkeypatch):
    class BrokenCursor:
        def __enter__(self):
            raise RuntimeError("connection refused to db.internal:5432 password=geheim")

        def __exit__(self, *exc):
            return False

    class BrokenConnection:
        def cursor(self):
            return BrokenCursor()

    monkeypatch.setattr(health, "connections", {"default": BrokenConnection()})
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body) == {"status": "error", "database": "error", "migrations": "unknown"}
    assert "geheim" not in body and "db.internal" not in body


@pytest.mark.django_db
def test_migration_check_detects_an_unapplied_migration(monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    real_plan = MigrationExecutor.migration_plan
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets, clean_start=False: ["0099_x"])
    assert health._migrations_pending() is True
    monkeypatch.setattr(MigrationExecutor, "migration_plan", real_plan)
    assert health._migrations_pending() is False


@pytest.mark.django_db
def test_health_refuses_post(client):
    assert client.post(reverse("health")).status_code == 405


@pytest.mark.django_db
def test_health_works_for_logged_in_users_too(client_for, member):
    assert client_for(member).get(reverse("health")).status_code == 200
