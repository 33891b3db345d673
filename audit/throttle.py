"""Login lock-out: too many failed logins for one username or from one address block further attempts."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from core.ratelimit import client_ip, ratelimit_blocked_until, ratelimit_record_failure, ratelimit_reset

from .models import AuditAction
from .services import audit_record

LOGIN_USERNAME_SCOPE = "login_username"
LOGIN_IP_SCOPE = "login_ip"


def login_username_key(username) -> str:
    """The name the throttle counts under: the username as authentication sees it, case-insensitive.

    The login form hands the backend ``normalize_username`` (NFKC) of the stripped value, so a fullwidth
    "\uff42member" or a ligature "\ufb01ona" logs in as "bmember" or "fiona". The key is built the same way
    (strip, NFKC through the user model) and then casefolded, so every spelling that reaches one account draws
    from the same five attempts, whichever spelling the failures or the check came in with.
    """
    normalised = get_user_model().normalize_username(str(username or "").strip())
    return normalised.strip().casefold()


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
