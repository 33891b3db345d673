"""Test settings: the database comes from DATABASE_URL (PostgreSQL in CI) or a temporary SQLite file."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env_str, sqlite_database

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs run inside enqueue(), so a test sees their effect at once; tests/core/test_worker_process.py runs a real
# `db_worker` process against the test database.
TASKS = {"default": {"BACKEND": env_str("KETENREGIE_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
                     "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not env_str("DATABASE_URL", ""):
    # A file, not :memory:, so that browser and concurrency tests share the database across threads.
    DATABASES = {"default": sqlite_database(BASE_DIR / "var" / "test.sqlite3")}
    # One file per test process, so parallel runs (several developers, CI jobs) never share a test database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
