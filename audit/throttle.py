"""Login lock-out: too many failed logins for one username or from one address block further attempts."""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest

from core.ratelimit import client_ip, ratelimit_blocked_until, ratelimit_record_failure, ratelimit_reset

from .models import AuditAction
from .services import audit_record

LOGIN_USERNAME_SCOPE = "login_username"
LOGIN_IP_SCOPE = "login_ip"


def login_username_key(username) -> str:
    # Case-insensitive: "Sara@x.nl" and "sara@x.nl" draw from the same five attempts.
    return str(username or "").strip().lower()


def login_blocked_until(*, username, ip: str) -> datetime | None:
    candidates = [ratelimit_blocked_until(scope=LOGIN_USERNAME_SCOPE, key=login_username_key(username))]
    if ip:
        candidates.append(ratelimit_blocked_until(scope=LOGIN_IP_SCOPE, key=ip))
    blocked = [until for until in candidates if until is not None]
    return max(blocked) if blocked else None


def login_failure_record(*, username, request: HttpRequest | None) -> None:
    limits = settings.KETENREGIE_LOGIN_LIMITS
    key = login_username_key(username)
    ip = client_ip(request)
    audit_record(action=AuditAction.LOGIN_FAILED, actor=None, request=request, target=key[:300])
    checks = [(LOGIN_USERNAME_SCOPE, key, limits["per_username"])]
    if ip:
        checks.append((LOGIN_IP_SCOPE, ip, limits["per_ip"]))
    for scope, scope_key, limit in checks:
        until = ratelimit_record_failure(scope=scope, key=scope_key, limit=limit, window=limits["window"],
                                         block=limits["block"])
        if until is not None:
            audit_record(action=AuditAction.LOCKOUT, actor=None, request=request, target=key[:300],
                         details={"scope": scope, "key": scope_key[:200], "until": until.isoformat()})


def login_success_record(*, user, request: HttpRequest | None) -> None:
    ratelimit_reset(scope=LOGIN_USERNAME_SCOPE, key=login_username_key(user.get_username()))
    audit_record(action=AuditAction.LOGIN, actor=user, request=request, target=user.get_username())
