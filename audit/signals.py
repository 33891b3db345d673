"""Receivers that turn logins, role changes and consent changes into audit events.

Role and consent changes are caught at the model level rather than in the views, so that changes made
through the Django admin, a management command or a future view are recorded too.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from core.middleware import SESSION_LOGIN_AT_KEY
from core.ratelimit import ratelimit_blocks_forget
from core.signals import session_expired, token_links_blocked
from networks.models import Membership, Network
from networks.signals import research_consent_change

from .models import AuditAction, RateLimitBlock
from .services import audit_record
from .throttle import login_failure_record, login_success_record

User = get_user_model()
_PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "is_active")


@receiver(user_logged_in, dispatch_uid="audit_user_logged_in")
def on_user_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        # The clock for the absolute session lifetime (core.middleware.SessionLifetimeMiddleware).
        request.session[SESSION_LOGIN_AT_KEY] = timezone.now().timestamp()
    login_success_record(user=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_user_logged_out")
def on_user_logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, actor=user, request=request, target=user.get_username())


@receiver(user_login_failed, dispatch_uid="audit_user_login_failed")
def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already replaced the password in ``credentials`` by stars.
    username = credentials.get("username") or credentials.get(User.USERNAME_FIELD) or ""
    login_failure_record(username=username, request=request)


@receiver(session_expired, dispatch_uid="audit_session_expired")
def on_session_expired(sender, request, user, **kwargs) -> None:
    audit_record(action=AuditAction.SESSION_EXPIRED, actor=user, request=request, target=user.get_username())


@receiver(token_links_blocked, dispatch_uid="audit_token_links_blocked")
def on_token_links_blocked(sender, request, scope: str, until, **kwargs) -> None:
    audit_record(action=AuditAction.RATE_LIMITED, actor=None, request=request, target=_("vragenlijstlinks"),
                 details={"scope": scope, "until": until.isoformat()})


def _membership_names(membership: Membership) -> tuple[str, str]:
    # During cascading deletes the related rows may already be gone; the ids still identify them.
    try:
        username = membership.user.get_username()
    except ObjectDoesNotExist:
        username = f"user #{membership.user_id}"
    try:
        slug = membership.network.slug
    except ObjectDoesNotExist:
        slug = f"network #{membership.network_id}"
    return username, slug


def _membership_target(membership: Membership) -> str:
    username, slug = _membership_names(membership)
    return f"{username} in {slug}"


def _membership_details(membership: Membership, **extra) -> dict:
    username, slug = _membership_names(membership)
    return {"network_id": membership.network_id, "network": slug, "user_id": membership.user_id,
            "user": username, **extra}


@receiver(pre_save, sender=Membership, dispatch_uid="audit_membership_pre_save")
def remember_old_role(sender, instance: Membership, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._audit_old_role = None
        return
    instance._audit_old_role = Membership.objects.filter(pk=instance.pk).values_list("role", flat=True).first()


@receiver(post_save, sender=Membership, dispatch_uid="audit_membership_post_save")
def on_membership_saved(sender, instance: Membership, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    if created:
        audit_record(action=AuditAction.MEMBERSHIP_ADDED, target=_membership_target(instance),
                     details=_membership_details(instance, role=instance.role))
        return
    old_role = getattr(instance, "_audit_old_role", None)
    if old_role is not None and old_role != instance.role:
        audit_record(action=AuditAction.MEMBERSHIP_ROLE_CHANGED, target=_membership_target(instance),
                     details=_membership_details(instance, old_role=old_role, role=instance.role))


@receiver(post_delete, sender=Membership, dispatch_uid="audit_membership_post_delete")
def on_membership_deleted(sender, instance: Membership, **kwargs) -> None:
    audit_record(action=AuditAction.MEMBERSHIP_REMOVED, target=_membership_target(instance),
                 details=_membership_details(instance, role=instance.role))


@receiver(post_save, sender=Network, dispatch_uid="audit_network_post_save")
def on_network_saved(sender, instance: Network, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    changed, old = research_consent_change(network=instance, created=created)
    if changed:
        audit_record(action=AuditAction.RESEARCH_CONSENT_CHANGED, target=instance.slug,
                     details={"network_id": instance.pk, "network": instance.slug,
                              "consent": instance.research_consent, "previous": old})


@receiver(pre_save, sender=User, dispatch_uid="audit_user_pre_save")
def remember_old_privileges(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._audit_old_privileges = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(_PRIVILEGE_FIELDS):
        return  # e.g. the last_login update at every login: no extra query
    instance._audit_old_privileges = (
        User.objects.filter(pk=instance.pk).values(*_PRIVILEGE_FIELDS).first())


@receiver(post_save, sender=User, dispatch_uid="audit_user_post_save")
def on_user_saved(sender, instance, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    new = {field: getattr(instance, field) for field in _PRIVILEGE_FIELDS}
    if created:
        changes = {field: [None, value] for field, value in new.items()
                   if field != "is_active" and value}
    else:
        old = getattr(instance, "_audit_old_privileges", None) or new
        changes = {field: [old[field], new[field]] for field in _PRIVILEGE_FIELDS if old[field] != new[field]}
    if changes:
        audit_record(action=AuditAction.USER_PRIVILEGES_CHANGED, target=instance.get_username(),
                     details={"user_id": instance.pk, "changes": changes})


@receiver(post_save, sender=RateLimitBlock, dispatch_uid="audit_ratelimit_block_saved")
@receiver(post_delete, sender=RateLimitBlock, dispatch_uid="audit_ratelimit_block_deleted")
def on_ratelimit_block_change(sender, instance: RateLimitBlock, **kwargs) -> None:
    # After the commit too: a check in between would cache the blocks without this one.
    ratelimit_blocks_forget(scope=instance.scope)
    transaction.on_commit(lambda: ratelimit_blocks_forget(scope=instance.scope))
