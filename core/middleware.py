"""Site-wide middleware: request id and context, security headers, session lifetime, token-link throttling."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .ratelimit import client_ip, ratelimit_blocked_until, ratelimit_record_failure, seconds_until, too_many_requests
from .request_context import _current_request, _current_request_id, redact_secrets
from .signals import session_expired, token_links_blocked

request_logger = logging.getLogger("ketenregie.request")

# A proxy-supplied id (nginx: proxy_set_header X-Request-ID $request_id) is kept so that proxy and app
# log lines can be joined; anything else is replaced rather than written into the logs.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

SESSION_LOGIN_AT_KEY = "_ketenregie_login_at"
SESSION_RENEWED_AT_KEY = "_ketenregie_renewed_at"
TOKEN_LINK_SCOPE = "token_link"


class RequestIdMiddleware:
    """Gives every request an id (response header X-Request-ID, every log line) and logs one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request_token = _current_request.set(request)
        id_token = _current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if getattr(settings, "KETENREGIE_LOG_REQUESTS", False):
                self._log(request, response, started)
            return response
        finally:
            _current_request.reset(request_token)
            _current_request_id.reset(id_token)

    @staticmethod
    def _log(request: HttpRequest, response: HttpResponse, started: float) -> None:
        path = redact_secrets(request.path)
        # Health probes arrive every few seconds; at INFO they would drown the real traffic.
        level = logging.DEBUG if path == "/health/" else logging.INFO
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        user = getattr(request, "user", None)
        request_logger.log(
            level, "%s %s %s %.1fms", request.method, path, response.status_code, duration_ms,
            extra={"method": request.method, "path": path, "status": response.status_code,
                   "duration_ms": duration_ms, "client_ip": client_ip(request),
                   "user_id": user.pk if user is not None and user.is_authenticated else None},
        )


def _policy_header(policy: dict[str, list[str]] | str) -> str:
    if isinstance(policy, str):
        return policy
    return "; ".join(f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has no CSP of its own).

    A view that needs a different policy sets the header itself; it is then left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = _policy_header(getattr(settings, "KETENREGIE_CSP", ""))
        self.permissions_policy = getattr(settings, "KETENREGIE_PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response


class SessionLifetimeMiddleware:
    """Ends a login session a fixed time after login, however active it stays (the idle limit is the cookie age).

    Place after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            login_at = request.session.get(SESSION_LOGIN_AT_KEY)
            if not isinstance(login_at, int | float):
                # Sessions from before this control existed start their clock now.
                request.session[SESSION_LOGIN_AT_KEY] = now
            elif now - login_at > settings.KETENREGIE_SESSION_ABSOLUTE_AGE:
                session_expired.send(sender=self.__class__, request=request, user=user)
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
        return self.get_response(request)


class SessionRenewalMiddleware:
    """Moves a session's expiry on only when it was last saved more than KETENREGIE_SESSION_RENEW_AFTER ago.

    Saving on every request (SESSION_SAVE_EVERY_REQUEST) costs a database write per page view and autosave; this
    keeps the idle timeout within that margin for one write per renewal interval. Place after SessionMiddleware
    (so the change is saved on the way out) and after SessionLifetimeMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or (session.session_key is None and not session.modified):
            return response
        renewed_at = session.get(SESSION_RENEWED_AT_KEY)
        # An expired cookie or a view that emptied the session (logout): nothing to renew, no session to create.
        if not any(key != SESSION_RENEWED_AT_KEY for key in session.keys()):  # noqa: SIM118 - sessions are not dicts
            return response
        now = timezone.now().timestamp()
        if session.modified or not isinstance(renewed_at, int | float) or \
                now - renewed_at >= settings.KETENREGIE_SESSION_RENEW_AFTER:
            session[SESSION_RENEWED_AT_KEY] = now
        return response


class TokenLinkRateLimitMiddleware:
    """Blocks an address that tries too many unknown questionnaire links (guessing tokens), with HTTP 429.

    Counts 404 answers under the token-link prefix; only unknown links count, so a room full of
    respondents behind one address is never slowed down by their own valid links.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        config = settings.KETENREGIE_TOKEN_LINK_LIMIT
        if not request.path_info.startswith(config["prefix"]):
            return self.get_response(request)
        ip = client_ip(request)
        until = ratelimit_blocked_until(scope=TOKEN_LINK_SCOPE, key=ip)
        if until is not None:
            return too_many_requests(request, retry_after=seconds_until(until), message=_(
                "Vanaf uw adres zijn te veel onbekende links geprobeerd. Probeer het later opnieuw."))
        response = self.get_response(request)
        if response.status_code == 404:
            blocked_until = ratelimit_record_failure(scope=TOKEN_LINK_SCOPE, key=ip, limit=config["limit"],
                                                     window=config["window"], block=config["block"])
            if blocked_until is not None:
                token_links_blocked.send(sender=self.__class__, request=request, scope=TOKEN_LINK_SCOPE,
                                         until=blocked_until)
        return response
