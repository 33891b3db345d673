"""The improvement cycle after a closed round: the workshop that discusses it, the action plan, the next measurement.

Agreed scores live here, on their own table, and never in ``rounds.Answer``: they are the group's judgement
beside the measurement, not a respondent's answer, so research exports (which read answers) never see them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Membership, Network, Organisation
from reports.models import RenderedPdf
from rounds.models import Round


class Workshop(models.Model):
    """The meeting (bijeenkomst) where the network discusses one closed round."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="workshop")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.round}"


class TopicKind(models.TextChoices):
    DISPUTED = "disputed", _("Verdeelde vraag")
    PRIORITY = "priority", _("Prioriteit")
    BLIND_SPOT = "blind_spot", _("Mogelijke blinde vlek")
    BACKLOG = "backlog", _("Ontwikkelpunt")


class Topic(models.Model):
    """One agenda item: always an item of the round's instrument, so the agreed score has that item's scale."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(_("soort"), max_length=20, choices=TopicKind.choices)
    code = models.CharField(_("vraagcode"), max_length=40)
    position = models.PositiveIntegerField(_("volgorde"))
    agreed_value = models.SmallIntegerField(_("afgesproken score"), null=True, blank=True)
    no_agreement = models.BooleanField(_("geen overeenstemming"), default=False)
    rationale = models.TextField(_("toelichting"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "position"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "code"], name="topic_unique_code_per_workshop"),
            models.CheckConstraint(condition=~models.Q(no_agreement=True, agreed_value__isnull=False),
                                   name="topic_agreed_or_no_agreement"),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.code}"

    @property
    def is_decided(self) -> bool:
        return self.no_agreement or self.agreed_value is not None


class ActionStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    RUNNING = "loopt", _("Loopt")
    DONE = "gereed", _("Gereed")
    DROPPED = "vervallen", _("Vervallen")


class Action(models.Model):
    """One line of the network's action plan, serving a success factor, Minkman element or challenge."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="actions")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    what = models.CharField(_("wat"), max_length=300)
    target_code = models.CharField(_("factor, element of uitdaging"), max_length=40, blank=True)
    owner_membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("eigenaar (lid)"))
    owner_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+", verbose_name=_("eigenaar (partnerorganisatie)"))
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    notes = models.TextField(_("notities"), max_length=4000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "due_on", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.what

    @property
    def owner_label(self) -> str:
        if self.owner_membership is not None:
            user = self.owner_membership.user
            return user.get_full_name() or user.email
        if self.owner_organisation is not None:
            return self.owner_organisation.name
        return ""


class NextMeasurement(models.Model):
    """When the network measures again; the coordinators get a reminder before that date."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="next_measurement")
    due_on = models.DateField(_("volgende meting op"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volgende meting")
        verbose_name_plural = _("volgende metingen")

    def __str__(self) -> str:
        return f"{self.round}: {self.due_on}"


class PackFile(RenderedPdf):
    """The rendered workshop pack (PDF), kept like the report files: one per workshop and language, replaced when
    its ``cache_key`` (``improvement.pack.pack_cache_key``: the round's report inputs, the agenda, the agreed
    scores and the round's actions) changes. Made by the report worker (``reports.services.report_render_run``)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="pack_files")

    class Meta:
        verbose_name = _("werkmapbestand")
        verbose_name_plural = _("werkmapbestanden")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "language"], name="pack_file_unique_per_language"),
        ]

    def __str__(self) -> str:
        return f"pack {self.workshop_id} ({self.language})"
