"""The records a coordinator keeps about a collaboration network (seed 004 Bijlage 2, seed 003 ch. 5)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    YOUTH_CARE = "youth_care", _("Jeugdzorg")
    MENTAL_HEALTH = "mental_health", _("Geestelijke gezondheidszorg")
    DISABILITY_CARE = "disability_care", _("Gehandicaptenzorg")
    EDUCATION = "education", _("Onderwijs")
    JUSTICE = "justice", _("Justitie en veiligheid")
    MUNICIPALITY = "municipality", _("Gemeente")
    WELFARE = "welfare", _("Welzijn")
    HEALTH_INSURER = "health_insurer", _("Zorgverzekeraar")
    PROVINCE = "province", _("Provincie")
    OTHER = "other", _("Anders")


class NetworkForm(models.TextChoices):
    """Chain forms of seed 004 ch. 3.4."""

    LINEAR = "linear", _("Lineaire keten")
    CONFIGURATION = "configuration", _("Netwerkconfiguratie")
    DIFFUSE = "diffuse", _("Diffuus netwerk")


class ClaimedPhase(models.IntegerChoices):
    """Minkman's development phases (seed 004 ch. 4.3) as the network itself claims them."""

    INITIATIVE = 1, _("1. Initiatief- en ontwerpfase")
    EXPERIMENT = 2, _("2. Experiment- en uitvoeringsfase")
    EXPANSION = 3, _("3. Uitbouw- en monitoringfase")
    SUSTAINING = 4, _("4. Verduurzaming- en transformatiefase")


class ChainRole(models.TextChoices):
    """Roles in a chain: the ten of seed 003 ch. 5 plus keteneigenaar (seed 004 ch. 3.5)."""

    CHAIN_PARTNER = "ketenpartner", _("Ketenpartner")
    CHAIN_DIRECTOR = "ketenregisseur", _("Ketenregisseur")
    CHAIN_OWNER = "keteneigenaar", _("Keteneigenaar")
    COMMISSIONER = "opdrachtgever", _("Opdrachtgever")
    FUNDER = "financier", _("Financier")
    SUPERVISOR = "toezichthouder", _("Toezichthouder")
    KNOWLEDGE_PARTNER = "kennispartner", _("Kennispartner")
    POLICY_MAKER = "beleidsmaker", _("Beleidsmaker")
    PROBLEM_OWNER = "probleemhebber", _("Probleemhebber")
    CLIENT = "client", _("Cliënt(vertegenwoordiging)")
    PROFESSIONAL = "professional", _("Professional")


class Level(models.TextChoices):
    """Organisational levels of seed 004 lines 1723-1729."""

    STRATEGIC = "strategisch", _("Strategisch (bestuur)")
    TACTICAL = "tactisch", _("Tactisch (leidinggevend kader)")
    OPERATIONAL = "operationeel", _("Operationeel (werkvloer)")


class PlatformRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    MEMBER = "member", _("Lid")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


def reserved_network_slugs() -> frozenset[str]:
    """Every fixed first path segment under /networks/ ("new", "invitations", ...): a network with that slug would
    be hidden behind that page. Read from the networks URLconf, so a new fixed page is reserved automatically."""
    from networks import urls  # noqa: PLC0415 - the URLconf imports the views, which import this module

    segments = set()
    for pattern in urls.urlpatterns:
        first = str(pattern.pattern).split("/", 1)[0]
        if first and not first.startswith("<"):
            segments.add(first)
    return frozenset(segments)


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NetworkQuerySet":
        """Networks a user may see: superusers all, everyone else only the networks they belong to."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()

    def coordinated_by(self, user) -> "NetworkQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__role=PlatformRole.COORDINATOR).distinct()

    def research_consenting(self) -> "NetworkQuerySet":
        return self.filter(research_consent=True)


class Network(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=80, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    common_goal = models.TextField(_("gezamenlijk doel"), blank=True)
    target_group = models.TextField(_("doelgroep"), blank=True)
    form = models.CharField(_("netwerkvorm"), max_length=20, choices=NetworkForm.choices, blank=True)
    region = models.CharField(_("regio"), max_length=120, blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    client_count = models.PositiveIntegerField(_("aantal cliënten per jaar"), null=True, blank=True)
    origin = models.TextField(_("ontstaan"), blank=True)
    funding = models.TextField(_("financiering"), blank=True)
    claimed_phase = models.PositiveSmallIntegerField(
        _("ontwikkelingsfase volgens het netwerk"), choices=ClaimedPhase.choices, null=True, blank=True,
        help_text=_("Leeg laten als u het niet weet."),
    )
    research_consent = models.BooleanField(_("toestemming voor onderzoek"), default=False)
    demo_version = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False,
        help_text="Set by load_demo: a demo network with simulated answers (and the version of its demo data).",
    )
    research_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    research_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkQuerySet.as_manager()

    # Annotated by networks.selectors.network_list_for_user.
    partner_count: int
    member_count: int

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        permissions = [("export_research_data", "Can export pseudonymised research data")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="network_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.slug and self.slug.lower() in reserved_network_slugs():
            errors["slug"] = _("De korte naam “%(slug)s” is gereserveerd voor een pagina van het platform. Kies een "
                               "andere.") % {"slug": self.slug}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt vóór de startdatum.")
        if errors:
            raise ValidationError(errors)


class Partnership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    roles = models.JSONField(_("rollen in de keten"), default=list, blank=True)
    since = models.DateField(_("sinds"), null=True, blank=True)
    until = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="partnership_unique_per_network"),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True)
                | models.Q(since__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="partnership_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.network}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        unknown = [role for role in self.roles or [] if role not in ChainRole.values]
        if unknown:
            errors["roles"] = _("Onbekende rol: %(roles)s.") % {"roles": ", ".join(map(str, unknown))}
        if self.since and self.until and self.until < self.since:
            errors["until"] = _("De einddatum ligt vóór de begindatum.")
        if errors:
            raise ValidationError(errors)

    def role_labels(self) -> list[str]:
        labels = dict(ChainRole.choices)
        return [str(labels.get(role, role)) for role in self.roles or []]


class MembershipQuerySet(models.QuerySet):
    def coordinators(self) -> "MembershipQuerySet":
        return self.filter(role=PlatformRole.COORDINATOR)


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol op het platform"), max_length=20, choices=PlatformRole.choices,
                            default=PlatformRole.MEMBER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships",
        verbose_name=_("partnerorganisatie"),
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, blank=True)
    chain_role = models.CharField(_("rol in de keten"), max_length=20, choices=ChainRole.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    # The role before this save, set by audit.signals (pre_save) for its post_save receiver.
    _audit_old_role: str | None

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__email"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="membership_unique_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.network} ({self.role})"

    @property
    def is_coordinator(self) -> bool:
        return self.role == PlatformRole.COORDINATOR

    def clean(self) -> None:
        if self.organisation_id and self.network_id and not Partnership.objects.filter(
            network_id=self.network_id, organisation_id=self.organisation_id
        ).exists():
            raise ValidationError(
                {"organisation": _("Deze organisatie is geen partner in dit netwerk.")}
            )


class MembershipInvitationQuerySet(models.QuerySet):
    def for_user(self, user) -> "MembershipInvitationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class MembershipInvitation(models.Model):
    """A coordinator asked someone to join; the person becomes a member only by accepting it in the product.

    Until then the network sees only ``email`` as the coordinator typed it, never the account's stored name, and
    nothing tells the coordinator whether the address already had an account.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="membership_invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="membership_invitations")
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol op het platform"), max_length=20, choices=PlatformRole.choices,
                            default=PlatformRole.MEMBER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("partnerorganisatie"),
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, blank=True)
    chain_role = models.CharField(_("rol in de keten"), max_length=20, choices=ChainRole.choices, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("uitnodiging voor een netwerk")
        verbose_name_plural = _("uitnodigingen voor een netwerk")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="membership_invitation_unique_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.network}"
