"""Rate limits and lock-outs that hold across all gunicorn workers, stored in the database.

Two kinds of limit:

* **failure counting** (``ratelimit_record_failure`` + ``ratelimit_blocked_until``): count bad events
  (a wrong password, an unknown token link); when ``limit`` of them fall within ``window`` seconds, block
  the key for ``block`` seconds. Used for login lock-out and for token links.
* **a budget** (``ratelimit_consume`` and the ``@ratelimit`` decorator): every request or unit of work
  spends from a budget of ``limit`` per ``window`` seconds; a request that would overspend is refused.
  Used for invitations and password-reset mails.

The blocks are checked on every request under /r/ and every login, so the active blocks of a scope are read
from the shared cache (CACHE_URL) and re-read from the database at most every BLOCKS_CACHE_SECONDS or when a
block is made or lifted (audit.signals). The counters themselves stay in the database: they are written only on
failures and spent budgets, and a lost cache must not reset a lock-out.

Under true concurrency two requests may both pass the last free slot; a limit can overshoot by a few,
which is acceptable for throttling and keeps the checks free of table locks.

Apply the budget to a view::

    @ratelimit(scope="invitations", limit=200, window=3600, key="user")
    def invitation_send(request, ...): ...

or spend several units at once from inside a view, e.g. one per invitation sent::

    if not ratelimit_consume(scope="invitations", key=f"user:{request.user.pk}", limit=200, window=3600,
                             cost=len(invitees)):
        return too_many_requests(request, retry_after=3600)
"""

import hashlib
import ipaddress
import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger("ketenregie.security")

KeyFunc = Callable[[HttpRequest], str]


def client_ip(request: HttpRequest | None) -> str:
    """The client's address; behind ``KETENREGIE_TRUSTED_PROXY_COUNT`` proxies, taken from X-Forwarded-For.

    Only the entry appended by our own outermost proxy is trusted: anything further left was written by
    the client and could be forged to dodge the per-address limits.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "KETENREGIE_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            remote = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return ""


# The counters are stored by the audit app, which builds on core: looked up in the app registry rather than
# imported, so that core does not import an app above it.
def _hit_model():
    return apps.get_model("audit", "RateLimitHit")


def _block_model():
    return apps.get_model("audit", "RateLimitBlock")


def _key(value: str) -> str:
    """Keys longer than the column (a pasted essay as username) are hashed, never truncated into collisions."""
    value = str(value)
    if len(value) <= 150:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


# A process whose cache is its own memory (development) sees another process's new block this much later.
BLOCKS_CACHE_SECONDS = 10


def _blocks_cache_key(scope: str) -> str:
    return f"ratelimit:blocks:{scope}"


def ratelimit_blocks_forget(*, scope: str) -> None:
    """After a block is made or lifted: the next check reads the scope's blocks from the database again."""
    cache.delete(_blocks_cache_key(scope))


def _active_blocks(*, scope: str) -> dict[str, float]:
    RateLimitBlock = _block_model()  # noqa: N806 - a model class

    blocks = cache.get(_blocks_cache_key(scope))
    if blocks is None:
        rows = (RateLimitBlock.objects.filter(scope=scope, until__gt=timezone.now()).values("key")
                .annotate(last=Max("until")).values_list("key", "last"))
        blocks = {key: until.timestamp() for key, until in rows}
        cache.set(_blocks_cache_key(scope), blocks, BLOCKS_CACHE_SECONDS)
    return blocks


def ratelimit_blocked_until(*, scope: str, key: str) -> datetime | None:
    until = _active_blocks(scope=scope).get(_key(key))
    if until is None or until <= timezone.now().timestamp():
        return None
    return datetime.fromtimestamp(until, tz=UTC)


@transaction.atomic
def ratelimit_record_failure(*, scope: str, key: str, limit: int, window: int, block: int | None = None
                             ) -> datetime | None:
    """Count one failure; returns the end of the block when this failure reaches the limit, else None."""
    RateLimitBlock, RateLimitHit = _block_model(), _hit_model()  # noqa: N806 - model classes

    now = timezone.now()
    key = _key(key)
    RateLimitHit.objects.filter(scope=scope, at__lt=now - timedelta(seconds=window)).delete()
    RateLimitHit.objects.create(scope=scope, key=key, at=now)
    count = RateLimitHit.objects.filter(scope=scope, key=key).aggregate(total=Sum("weight"))["total"] or 0
    if count < limit:
        return None
    until = now + timedelta(seconds=block if block is not None else window)
    RateLimitBlock.objects.filter(scope=scope, until__lt=now).delete()
    RateLimitBlock.objects.create(scope=scope, key=key, until=until, created_at=now)
    # The block is the penalty; afterwards the key starts with a clean count.
    RateLimitHit.objects.filter(scope=scope, key=key).delete()
    return until


def ratelimit_reset(*, scope: str, key: str) -> None:
    RateLimitHit = _hit_model()  # noqa: N806 - a model class

    RateLimitHit.objects.filter(scope=scope, key=_key(key)).delete()


@transaction.atomic
def ratelimit_consume(*, scope: str, key: str, limit: int, window: int, cost: int = 1) -> bool:
    """Spend ``cost`` from the budget; False (and nothing spent) when that would exceed ``limit``."""
    RateLimitHit = _hit_model()  # noqa: N806 - a model class

    now = timezone.now()
    key = _key(key)
    RateLimitHit.objects.filter(scope=scope, at__lt=now - timedelta(seconds=window)).delete()
    used = RateLimitHit.objects.filter(scope=scope, key=key).aggregate(total=Sum("weight"))["total"] or 0
    if used + cost > limit:
        return False
    RateLimitHit.objects.create(scope=scope, key=key, at=now, weight=cost)
    return True


def too_many_requests(request: HttpRequest, *, retry_after: int, message: str | None = None) -> HttpResponse:
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(request, "errors/429.html", {"message": message, "retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(max(1, int(retry_after)))
    return response


def seconds_until(moment: datetime) -> int:
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def _request_key(request: HttpRequest, key: str | KeyFunc) -> str:
    if callable(key):
        return key(request)
    if key == "user" and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def ratelimit(*, scope: str, limit: int, window: int, key: str | KeyFunc = "user",
              methods: tuple[str, ...] = ("POST",), message: str | None = None):
    """Refuse with 429 once ``limit`` requests per ``window`` seconds are spent for the key.

    ``key`` is "user" (the logged-in user, else the address), "ip", or a function of the request.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                request_key = _request_key(request, key)
                if not ratelimit_consume(scope=scope, key=request_key, limit=limit, window=window):
                    logger.warning("rate limit %s reached for %s", scope, request_key)
                    return too_many_requests(request, retry_after=window, message=message or _(
                        "U hebt dit te vaak gedaan in korte tijd. Probeer het later opnieuw."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


INVITATION_SCOPE = "invitations"


def invitation_budget_consume(*, user, count: int) -> bool:
    """Spend ``count`` mails (invitations or reminders) from the coordinator's hourly budget; False if over."""
    config = settings.KETENREGIE_INVITATION_LIMIT
    return ratelimit_consume(scope=INVITATION_SCOPE, key=f"user:{user.pk}", limit=config["limit"],
                             window=config["window"], cost=max(0, count))


def invitation_ratelimit(view):
    """Decorator for views that send invitation or reminder mails: 429 once the hourly budget is spent.

    Counts one per POST; a view that sends many mails in one request should call
    ``invitation_budget_consume(user=..., count=n)`` itself instead.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        config = settings.KETENREGIE_INVITATION_LIMIT
        limited = ratelimit(scope=INVITATION_SCOPE, key="user", limit=config["limit"], window=config["window"],
                            message=_("U hebt in het afgelopen uur te veel uitnodigingen verstuurd. Probeer het "
                                      "later opnieuw."))(view)
        return limited(request, *args, **kwargs)

    return wrapped
