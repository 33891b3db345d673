"""Settings shared by every environment; dev, test and prod adjust them from the environment."""

from pathlib import Path
from typing import TypedDict

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import cache_from_url, env_bool, env_int, env_list, env_str, session_engine_for

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "core",
    "networks",
    "assessments",
    "rounds",
    "results",
    "research",
    "audit",
    "reports",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionLifetimeMiddleware",
    "core.middleware.SessionRenewalMiddleware",
    "core.middleware.TokenLinkRateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ketenregie.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ketenregie.wsgi.application"

SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")))


def sqlite_database(path: Path | str) -> dj_database_url.DBConfig:
    """SQLite tuned for a small multi-user site.

    WAL lets readers work while one writer writes; IMMEDIATE transactions take the write lock
    at BEGIN, so concurrent writers queue for up to ``timeout`` seconds instead of failing
    half-way with "database is locked".
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"] = sqlite_database(DATABASES["default"]["NAME"])
else:
    DATABASES = {"default": sqlite_database(SQLITE_PATH)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE_URL=redis://host:6379/0 shares the cache (scores, sessions, rate-limit blocks) between app servers;
# empty means memory of one process (development, tests). docs/operations.md, "Several app servers".
CACHES = {"default": cache_from_url(env_str("CACHE_URL", ""))}

# Background work (PDF reports, paper imports, mails, snapshots, scheduled jobs) goes through Django's tasks
# API (the django-tasks backport). The queue is a table in the same database, so there is no broker to run:
# `manage.py db_worker` on any number of hosts takes jobs one at a time with SELECT ... FOR UPDATE SKIP LOCKED.
# Tests use the immediate backend (the job runs inside enqueue()). docs/operations.md, "Workers".
TASKS = {
    "default": {
        "BACKEND": env_str("KETENREGIE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
# One date format for every page (ketenregie/formats/<lang>/formats.py): "1 oktober 2025, 14:05".
FORMAT_MODULE_PATH = ["ketenregie.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"  # the home page sends each role on to where it works (core.landing)
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ketenregie <noreply@ketenregie.local>")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# --- Security controls (docs/operations.md, "Security settings") ---
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# With a shared cache (Redis, file) sessions are read from it and written through to the database, so a request
# costs no session query (ketenregie.settings.env.session_engine_for).
SESSION_ENGINE = session_engine_for(CACHES["default"])
# Idle timeout: the cookie age. A session is saved (and its expiry moved on) only when it is older than
# KETENREGIE_SESSION_RENEW_AFTER seconds (core.middleware.SessionRenewalMiddleware), not on every request: it
# therefore ends between SESSION_COOKIE_AGE - RENEW_AFTER and SESSION_COOKIE_AGE after the last request.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 2)
KETENREGIE_SESSION_RENEW_AFTER = env_int("KETENREGIE_SESSION_RENEW_AFTER", SESSION_COOKIE_AGE // 10)
# Absolute lifetime: logged out this long after login, however active (core.middleware.SessionLifetimeMiddleware).
KETENREGIE_SESSION_ABSOLUTE_AGE = env_int("KETENREGIE_SESSION_ABSOLUTE_AGE", 60 * 60 * 12)
X_FRAME_OPTIONS = "DENY"
# A refused background save (questionnaire autosave) answers JSON; other pages get Django's CSRF page.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Scripts only from our own static files; inline styles stay allowed for the style attributes in SVG charts.
KETENREGIE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
KETENREGIE_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
# Number of reverse proxies in front of the app whose X-Forwarded-For entry is trusted for the client address.
KETENREGIE_TRUSTED_PROXY_COUNT = env_int("KETENREGIE_TRUSTED_PROXY_COUNT", 0)
# Lock-out after failed logins: per username (normalised as authentication does: NFKC, then casefolded) and
# per address, within `window` seconds.
KETENREGIE_LOGIN_LIMITS = {"per_username": 5, "per_ip": 20, "window": 15 * 60, "block": 15 * 60}
# Unknown questionnaire links (404 under /r/) per address before the address is blocked.
class TokenLinkLimit(TypedDict):
    prefix: str
    limit: int
    window: int
    block: int


KETENREGIE_TOKEN_LINK_LIMIT: TokenLinkLimit = {"prefix": "/r/", "limit": 20, "window": 10 * 60, "block": 10 * 60}
# Budgets: invitations and reminders per coordinator, password-reset requests per address.
KETENREGIE_INVITATION_LIMIT = {"limit": 200, "window": 60 * 60}
KETENREGIE_PASSWORD_RESET_LIMIT = {"limit": 20, "window": 60 * 60}
# New renders of a member's personal PDF (a cached copy or a render under way costs nothing).
KETENREGIE_PERSONAL_PDF_LIMIT = {"limit": 10, "window": 60 * 60}
# Responses of rounds closed longer ago than this are deleted by `manage.py purge_responses`.
KETENREGIE_RETENTION_DAYS = env_int("KETENREGIE_RETENTION_DAYS", 5 * 365)

# Who may register a network: "approved" (superusers and accounts an administrator gave the permission
# "networks | netwerk | Can add netwerk", directly or through a group) or "anyone" (every account). A public
# installation keeps "approved": otherwise anyone who gets an account can open networks and send invitations.
KETENREGIE_NETWORK_REGISTRATION = env_str("KETENREGIE_NETWORK_REGISTRATION", "approved")
if KETENREGIE_NETWORK_REGISTRATION not in ("approved", "anyone"):
    raise ImproperlyConfigured("KETENREGIE_NETWORK_REGISTRATION must be 'approved' or 'anyone'")

# Group breakdowns (per partner, level, role) are only shown for groups at least this large.
KETENREGIE_MIN_GROUP_SIZE = env_int("KETENREGIE_MIN_GROUP_SIZE", 3)

# A PDF report is rendered in a child process that is killed after this many seconds (docs/report.md).
KETENREGIE_REPORT_TIMEOUT = env_int("KETENREGIE_REPORT_TIMEOUT", 60)

# Key for the pseudonymous ids in research exports; empty = derived from SECRET_KEY (docs/research.md). In
# production an explicit key must hold 32 random bytes (system check research.E001/E002).
KETENREGIE_PRODUCTION = False
KETENREGIE_PSEUDONYM_KEY = env_str("KETENREGIE_PSEUDONYM_KEY", "")
# A Stata file (.dta) is built in memory: larger research exports are refused with a pointer to .sav / CSV.
KETENREGIE_DTA_MAX_CELLS = env_int("KETENREGIE_DTA_MAX_CELLS", 5_000_000)

# LOG_FORMAT=json writes one JSON object per line (for journald, Loki, ELK); every line carries the request id,
# and token links are masked in every message.
KETENREGIE_LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.logging.RequestIdFilter"},
        "redact": {"()": "core.logging.RedactSecretsFilter"},
    },
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "json" if env_str("LOG_FORMAT", "text").lower() == "json" else "text",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
