"""Run a real `manage.py db_worker` process against the test database, as a production worker would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queue_in_database():
    """Enqueue into the database queue (as in production) instead of running jobs inside enqueue()."""
    return override_settings(TASKS=DATABASE_BACKEND)


def test_database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    auth = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        auth += ":" + quote(params["PASSWORD"], safe="")
    return f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{params['NAME']}"


def run_worker(*, timeout: float = 120) -> subprocess.CompletedProcess:
    """Start db_worker in batch mode: it takes every queued job, then exits. Fails the test on a crash."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ketenregie.settings.test", "DATABASE_URL": test_database_url(),
           "KETENREGIE_TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "LOG_LEVEL": "WARNING"}
    result = subprocess.run([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return result
