"""Security records: the audit trail, and the counters behind login lock-out and rate limits.

The counters live in the database rather than in a cache: every gunicorn worker sees the same counts
without a shared cache server or an extra ``createcachetable`` step, tests are isolated by the usual
transaction rollback, and an administrator can lift a block in the admin.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Ingelogd")
    LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
    LOGOUT = "logout", _("Uitgelogd")
    LOCKOUT = "lockout", _("Geblokkeerd na te veel pogingen")
    RATE_LIMITED = "rate_limited", _("Limiet overschreden")
    SESSION_EXPIRED = "session_expired", _("Sessie verlopen")
    MEMBERSHIP_ADDED = "membership_added", _("Lid toegevoegd")
    MEMBERSHIP_ROLE_CHANGED = "membership_role_changed", _("Rol gewijzigd")
    MEMBERSHIP_REMOVED = "membership_removed", _("Lid verwijderd")
    USER_PRIVILEGES_CHANGED = "user_privileges_changed", _("Beheerrechten gewijzigd")
    RESEARCH_CONSENT_CHANGED = "research_consent_changed", _("Toestemming voor onderzoek gewijzigd")
    RESEARCH_EXPORT = "research_export", _("Onderzoeksexport")
    EXPORT = "export", _("Export of download")
    RESPONSES_PURGED = "responses_purged", _("Responsen verwijderd (bewaartermijn)")
    IMPROVEMENT_CHANGED = "improvement_changed", _("Bijeenkomst of actieplan gewijzigd")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("door"))
    # Kept beside the foreign key so the trail still says who it was after an account is deleted.
    actor_label = models.CharField(_("door (naam)"), max_length=254, blank=True)
    action = models.CharField(_("handeling"), max_length=40, choices=AuditAction.choices, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    target = models.CharField(_("betreft"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_label} {self.target}".strip()


class RateLimitHit(models.Model):
    """One counted event (a failed login, an unknown token link, an invitation) for a scope and key."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("telling voor snelheidslimiet")
        verbose_name_plural = _("tellingen voor snelheidslimieten")
        indexes = [
            models.Index(fields=["scope", "key", "at"], name="ratelimit_hit_lookup"),
            models.Index(fields=["scope", "at"], name="ratelimit_hit_prune"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key} @ {self.at:%Y-%m-%d %H:%M:%S}"


class RateLimitBlock(models.Model):
    """While ``until`` lies in the future, requests for this scope and key are refused."""

    scope = models.CharField(_("soort"), max_length=40)
    key = models.CharField(_("sleutel"), max_length=200)
    until = models.DateTimeField(_("geblokkeerd tot"))
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        ordering = ["-until"]
        indexes = [models.Index(fields=["scope", "key", "until"], name="ratelimit_block_lookup")]
        verbose_name = _("blokkade")
        verbose_name_plural = _("blokkades")

    def __str__(self) -> str:
        return f"{self.scope}:{self.key} → {self.until:%Y-%m-%d %H:%M}"
