"""Evaluation rounds, invitations, responses and answers.

Integrity rules live in the database, not only in Python: one response per invitation, one answer per
item per response, and one revision counter per questionnaire page so that a stale page is detected.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Instrument, Item, Module
from networks.models import ChainRole, Level, Network, Organisation


def new_token() -> str:
    """256 bits from the OS random source: unguessable, URL-safe."""
    return secrets.token_urlsafe(32)


def new_claim_key() -> str:
    """128 random bits naming the one browser that may open a started response (rounds.respond_access)."""
    return secrets.token_urlsafe(16)


INVITATION_MESSAGE_MAX_LENGTH = 1000


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


class RoundQuerySet(models.QuerySet):
    def closed(self) -> "RoundQuerySet":
        return self.filter(status=RoundStatus.CLOSED)

    def open(self) -> "RoundQuerySet":
        return self.filter(status=RoundStatus.OPEN)

    def for_network(self, network: Network) -> "RoundQuerySet":
        return self.filter(network=network)


class Round(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=80)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds",
                                   verbose_name=_("vragenlijstversie"))
    optional_modules = models.ManyToManyField(Module, blank=True, related_name="rounds",
                                              verbose_name=_("aanvullende modules"))
    opens_on = models.DateField(_("opent op"), null=True, blank=True)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    show_respondents = models.BooleanField(
        _("coördinatoren zien wie heeft gereageerd"), default=False,
        help_text=_("Antwoorden zelf zijn nooit per persoon zichtbaar. Deze keuze ligt vast zodra er een "
                    "antwoord is."),
    )
    invitation_message = models.TextField(
        _("persoonlijk bericht in de uitnodiging"), max_length=INVITATION_MESSAGE_MAX_LENGTH, blank=True,
        help_text=_("Optioneel. Komt boven de uitleg in elke uitnodiging en herinnering, bijvoorbeeld waarom "
                    "uw mening telt of wanneer u de uitkomsten bespreekt."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    answers_changed_at = models.DateTimeField(null=True, blank=True,
                                              help_text="Bumped on every answer change; report caches key on it.")

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-opens_on", "-created_at"]
        verbose_name = _("evaluatieronde")
        verbose_name_plural = _("evaluatierondes")
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="round_unique_slug_per_network"),
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True)
                | models.Q(opens_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", kwargs={"network_slug": self.network.slug, "round_slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class InvitationQuerySet(models.QuerySet):
    def active(self) -> "InvitationQuerySet":
        return self.filter(revoked_at__isnull=True)


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    # Annotated by rounds.selectors.invitation_list_for_round: the invitee's partner organisation, if any.
    organisation_name: str | None

    class Meta:
        ordering = ["round", "created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="invitation_unique_per_round")]

    def __str__(self) -> str:
        return f"{self.user} → {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:respond", kwargs={"token": self.token})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ResponseQuerySet(models.QuerySet):
    def submitted(self) -> "ResponseQuerySet":
        return self.filter(submitted_at__isnull=False)


class Response(models.Model):
    """One respondent's answers in one round: from an invitation, or imported from paper with an external id."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(Invitation, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="response")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="responses")
    external_id = models.CharField(max_length=100, blank=True,
                                   help_text="Identifier of an imported paper or workshop response.")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="responses", verbose_name=_("partnerorganisatie"))
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, blank=True)
    chain_role = models.CharField(_("rol in de keten"), max_length=20, choices=ChainRole.choices, blank=True)
    profile_confirmed = models.BooleanField(default=False)
    comment_consent = models.BooleanField(
        _("mijn open opmerkingen mogen anoniem in het rapport"), default=False)
    last_page = models.CharField(max_length=40, blank=True)
    # The browser holding this key in its claim cookie may open the response through the token link; a new
    # key (resume link, login as the invitee) shuts out every other browser. Empty: nobody holds a claim.
    claim_key = models.CharField(max_length=32, blank=True, editable=False)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["round", "started_at"]
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent"], condition=models.Q(respondent__isnull=False),
                                    name="response_unique_respondent_per_round"),
            models.UniqueConstraint(fields=["round", "external_id"], condition=~models.Q(external_id=""),
                                    name="response_unique_external_id_per_round"),
        ]

    def __str__(self) -> str:
        return f"response {self.pk} in {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


# In answer dicts of the respondent side (item code -> value) "niet van toepassing" is this marker; a number is a
# scale value and None "weet niet" (in instrument version 1 the combined "weet niet / n.v.t.").
NOT_APPLICABLE = "na"
StoredAnswer = int | None | str


def answer_from_row(*, value: int | None, not_applicable: bool) -> StoredAnswer:
    """The answer-dict value of a stored row: the scale value, None (weet niet) or NOT_APPLICABLE."""
    return NOT_APPLICABLE if not_applicable else value


def answer_row_fields(*, answer: StoredAnswer) -> dict[str, int | None | bool]:
    """The Answer columns for an answer-dict value (the inverse of ``answer_from_row``)."""
    if answer == NOT_APPLICABLE:
        return {"value": None, "not_applicable": True}
    if isinstance(answer, str):
        raise ValueError(f"not a stored answer: {answer!r}")
    return {"value": answer, "not_applicable": False}


class Answer(models.Model):
    """A row with ``value`` NULL means "weet niet" (version 1: "weet niet / n.v.t."), or with ``not_applicable``
    set "niet van toepassing"; an item without a row is unanswered."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.IntegerField(null=True, blank=True)
    # db_default: writers that name their columns (raw SQL, historical models) need not know this one.
    not_applicable = models.BooleanField(_("niet van toepassing"), default=False, db_default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_unique_per_item"),
            models.CheckConstraint(condition=models.Q(not_applicable=False) | models.Q(value__isnull=True),
                                   name="answer_not_applicable_has_no_value"),
        ]

    def __str__(self) -> str:
        shown = "n.v.t." if self.not_applicable else self.value
        return f"{self.item.code}={shown}"


class PageState(models.Model):
    """Revision counter per questionnaire page, so a save based on an outdated page is detected."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="page_states")
    page = models.CharField(max_length=40)
    revision = models.PositiveIntegerField(default=0)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("paginastatus")
        verbose_name_plural = _("paginastatussen")
        constraints = [models.UniqueConstraint(fields=["response", "page"], name="page_state_unique")]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.page} r{self.revision}"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")


class MailDelivery(models.Model):
    """One invitation or reminder mail: queued by the request, sent by a worker in a batch, retried on failure.

    The coordinator sees its status per invitee (queued, sent, failed with the mail server's reason).
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    queued_at = models.DateTimeField(default=timezone.now)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("e-mailbezorging")
        verbose_name_plural = _("e-mailbezorgingen")
        indexes = [models.Index(fields=["invitation", "-queued_at"], name="mail_delivery_latest")]

    def __str__(self) -> str:
        return f"{self.kind} mail {self.pk} for invitation {self.invitation_id} ({self.status})"
