"""Writing the audit trail. Other apps call ``audit_record`` for events no signal sees (research exports)."""

import logging

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from core.ratelimit import client_ip
from core.request_context import current_request, current_request_id

from .models import AuditEvent

logger = logging.getLogger("ketenregie.audit")


def _actor_label(actor) -> str:
    if actor is None:
        return ""
    return (getattr(actor, "email", "") or actor.get_username())[:254]


@transaction.atomic
def audit_record(*, action: str, actor=None, request: HttpRequest | None = None, target: str = "",
                 details: dict | None = None) -> AuditEvent:
    """Store one security-relevant event.

    Without ``request`` the request being handled by this thread is used (if any), so that signal
    receivers also record the address. Without ``actor`` the logged-in user of that request is taken.
    """
    request = request or current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        at=timezone.now(), actor=actor, actor_label=_actor_label(actor), action=action,
        ip_address=client_ip(request) or None, target=str(target)[:300], details=details or {},
        request_id=current_request_id(),
    )
    # The actor is the user at hand; skipping its existence check saves a query on every login.
    event.full_clean(exclude=["actor"])
    event.save()
    logger.info("audit %s %s %s", action, event.actor_label or "-", event.target or "-",
                extra={"audit_action": action, "actor_id": event.actor_id, "target": event.target})
    return event
