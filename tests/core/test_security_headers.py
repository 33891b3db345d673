"""Security headers on every response (CSP without inline scripts, Permissions-Policy, Referrer-Policy) and
the production settings for cookies and HSTS."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "ketenregie.settings.prod",
    "DJANGO_SECRET_KEY": "k3Tq9-vZ!pW2#rL8mN4@xB7^cD1&fH6*jY0%sA5+eG3=uK9-Zr7Lq2",
    "DJANGO_ALLOWED_HOSTS": "ketenregie.example.org",
}
PROD_SETTING_NAMES = [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE", "SESSION_SAVE_EVERY_REQUEST", "SESSION_ENGINE", "SESSION_COOKIE_AGE",
    "KETENREGIE_SESSION_ABSOLUTE_AGE",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT",
    "KETENREGIE_CSP", "MIDDLEWARE", "KETENREGIE_TRUSTED_PROXY_COUNT", "AUTH_PASSWORD_VALIDATORS",
]


@pytest.fixture(scope="module")
def prod_settings() -> dict:
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PROD_SETTING_NAMES!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**clean, **PROD_ENV},
                            capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "login", "password_reset"])
def test_pages_carry_a_csp_without_inline_scripts(client, url_name):
    csp = _csp(client.get(reverse(url_name)))
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["default-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_error_pages_and_admin_carry_the_csp_too(client):
    assert "script-src 'self'" in client.get("/does-not-exist/")["Content-Security-Policy"]
    assert "script-src 'self'" in client.get(reverse("admin:login"))["Content-Security-Policy"]


@pytest.mark.django_db
def test_permissions_referrer_and_framing_headers(client):
    response = client.get(reverse("login"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_every_response_has_a_request_id(client):
    first, second = client.get(reverse("login")), client.get(reverse("login"))
    assert len(first["X-Request-ID"]) >= 16
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_proxy_request_id_is_kept_and_a_forged_one_replaced(client):
    assert client.get(reverse("login"), HTTP_X_REQUEST_ID="abcdef0123456789")["X-Request-ID"] == "abcdef0123456789"
    forged = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
    assert "<" not in forged and "\n" not in forged


@pytest.mark.django_db
def test_templates_contain_no_inline_script():
    """Inline scripts would be blocked by the CSP: every <script> must load a file."""
    import re

    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        for match in re.finditer(r"<script\b([^>]*)>", path.read_text(encoding="utf-8")):
            if "src=" not in match.group(1):
                offenders.append(str(path.relative_to(ROOT)))
        if re.search(r"\son[a-z]+\s*=", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)} (event handler attribute)")
    assert offenders == []


def test_prod_cookies_are_secure_httponly_samesite(prod_settings):
    assert prod_settings["SESSION_COOKIE_SECURE"] is True
    assert prod_settings["CSRF_COOKIE_SECURE"] is True
    assert prod_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert prod_settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert prod_settings["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_prod_sessions_have_idle_and_absolute_limits(prod_settings):
    assert prod_settings["SESSION_SAVE_EVERY_REQUEST"] is False
    assert prod_settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert prod_settings["SESSION_COOKIE_AGE"] == 2 * 60 * 60
    assert prod_settings["KETENREGIE_SESSION_ABSOLUTE_AGE"] == 12 * 60 * 60


def test_prod_sends_hsts_for_a_year_and_redirects_to_https(prod_settings):
    assert prod_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert prod_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod_settings["SECURE_SSL_REDIRECT"] is True
    assert prod_settings["SECURE_REDIRECT_EXEMPT"] == [r"^health/$"]


def test_prod_has_the_csp_and_security_middleware(prod_settings):
    assert prod_settings["KETENREGIE_CSP"]["script-src"] == ["'self'"]
    middleware = prod_settings["MIDDLEWARE"]
    for name in ["core.middleware.ContentSecurityPolicyMiddleware", "core.middleware.SessionLifetimeMiddleware",
                 "core.middleware.TokenLinkRateLimitMiddleware", "core.middleware.RequestIdMiddleware"]:
        assert name in middleware
    # Absolute lifetime needs the user and the message store.
    assert middleware.index("core.middleware.SessionLifetimeMiddleware") > middleware.index(
        "django.contrib.messages.middleware.MessageMiddleware")
    assert prod_settings["KETENREGIE_TRUSTED_PROXY_COUNT"] == 1


def test_prod_hsts_header_is_sent_over_https(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
