"""Research records: the history of consent, the log of every export, and stored area scores per round."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from rounds.models import Round


class ConsentEvent(models.Model):
    """One grant or withdrawal of research consent; the network row only keeps the latest state."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="consent_events",
                                verbose_name=_("netwerk"))
    granted = models.BooleanField(_("toestemming gegeven"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["network", "at"], name="consent_event_network_at")]
        verbose_name = _("toestemmingswijziging")
        verbose_name_plural = _("toestemmingsgeschiedenis")

    def __str__(self) -> str:
        state = "granted" if self.granted else "withdrawn"
        return f"{self.network_id} {state} {self.at:%Y-%m-%d %H:%M}"


class ExportChannel(models.TextChoices):
    WEB = "web", _("Website")
    CLI = "cli", _("Opdrachtregel")


class ExportLog(models.Model):
    """Who exported what, with which filters, and how much of it was delivered.

    Written when an export starts and completed when its last byte is produced, so that a download that
    broke off shows as incomplete instead of vanishing.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("door"))
    # Kept beside the foreign key: the log must still say who it was after an account is deleted, and the
    # command line has no user account at all ("cli:<OS user>").
    actor_label = models.CharField(_("door (naam)"), max_length=254)
    channel = models.CharField(_("kanaal"), max_length=8, choices=ExportChannel.choices)
    started_at = models.DateTimeField(_("gestart"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    layout = models.CharField(_("indeling"), max_length=16)
    format = models.CharField(_("bestandsformaat"), max_length=8)
    filters = models.JSONField(_("filters"), default=dict)
    row_count = models.PositiveBigIntegerField(_("aantal rijen"), null=True, blank=True)
    coarsened = models.PositiveIntegerField(
        _("vergroofde respondenten"), default=0,
        help_text=_("Respondenten van wie kenmerken zijn vergroofd volgens de regel voor kleine groepen."))
    suppressed_rounds = models.PositiveIntegerField(_("weggelaten rondes"), default=0)
    suppressed_items = models.PositiveIntegerField(
        _("weggelaten vragen"), default=0,
        help_text=_("Vragen die in een ronde door minder respondenten dan de minimale groepsgrootte inhoudelijk "
                    "zijn beantwoord, en daarom voor die ronde zijn weggelaten (telling per ronde en vraag)."))

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("onderzoeksexport")
        verbose_name_plural = _("onderzoeksexports")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.actor_label} {self.layout}.{self.format}"

    @property
    def completed(self) -> bool:
        return self.finished_at is not None


class RoundScoreSnapshot(models.Model):
    """The area scores of one round as the scoring engine computed them, stored for cross-network use.

    Comparing a network with a thousand others cannot afford scoring a thousand rounds per page view.
    ``area`` is an area code (K, P, N, O, C, X) or ``overall``; numbers are 0-100 as in network_scores.
    """

    OVERALL = "overall"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="score_snapshots")
    area = models.CharField(max_length=20)
    presence = models.FloatField(null=True, blank=True)
    importance = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(default=0)
    respondents = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "area"]
        constraints = [models.UniqueConstraint(fields=["round", "area"], name="score_snapshot_unique_area")]
        verbose_name = _("opgeslagen rondescore")
        verbose_name_plural = _("opgeslagen rondescores")

    def __str__(self) -> str:
        return f"{self.round_id}:{self.area} {self.presence}"
