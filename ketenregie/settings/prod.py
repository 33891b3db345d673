"""Production settings: refuse to start without the secrets and hosts a public site needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import cache_from_url, env_bool, env_int, env_list, env_str, session_engine_for

DEBUG = False
# Turns on the production-only system checks (research.checks: the pseudonym key's strength).
KETENREGIE_PRODUCTION = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Only a load test against a local plain-HTTP gunicorn (bench/loadtest) switches this off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_COOKIES_SECURE", True)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# --- Security controls for a site behind a reverse proxy (docs/operations.md) ---
# The proxy (or a monitor on the same host) may probe /health/ over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
KETENREGIE_TRUSTED_PROXY_COUNT = env_int("KETENREGIE_TRUSTED_PROXY_COUNT", 1)
KETENREGIE_LOG_REQUESTS = env_bool("LOG_REQUESTS", True)

# One app server: a file cache on local disk shared by its gunicorn workers needs no set-up step (point
# KETENREGIE_CACHE_DIR at fast local disk). Several app servers: CACHE_URL=redis://... (docs/operations.md).
CACHES = {"default": cache_from_url(env_str(
    "CACHE_URL", "file://" + env_str("KETENREGIE_CACHE_DIR", str(BASE_DIR / "var" / "cache"))))}  # noqa: F405
SESSION_ENGINE = session_engine_for(CACHES["default"])
