"""Writes to networks, partners and memberships. Views call these; they validate and run atomically."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.links import absolute_url

from .models import Membership, Network, Organisation, Partnership, PlatformRole

User = get_user_model()


@transaction.atomic
def network_create(*, creator, **fields) -> Network:
    network = Network(**fields)
    network.full_clean()
    network.save()
    Membership.objects.create(network=network, user=creator, role=PlatformRole.COORDINATOR)
    return network


@transaction.atomic
def network_update(*, network: Network, **fields) -> Network:
    for name, value in fields.items():
        setattr(network, name, value)
    network.full_clean()
    network.save()
    return network


@transaction.atomic
def network_set_research_consent(*, network: Network, consent: bool, user) -> Network:
    network.research_consent = consent
    network.research_consent_at = timezone.now()
    network.research_consent_by = user
    network.full_clean()
    network.save(update_fields=["research_consent", "research_consent_at", "research_consent_by", "updated_at"])
    return network


def organisation_get_or_create(*, name: str, sector: str) -> Organisation:
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    organisation = Organisation(name=name, sector=sector)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def partnership_add(*, network: Network, organisation: Organisation | None = None, new_organisation_name: str = "",
                    new_organisation_sector: str = "", roles: list[str], since=None, until=None) -> Partnership:
    """Add an existing organisation, or a new one by name and sector, as partner; all or nothing."""
    if organisation is None:
        organisation = organisation_get_or_create(name=new_organisation_name, sector=new_organisation_sector)
    if Partnership.objects.filter(network=network, organisation=organisation).exists():
        raise ValidationError({"organisation": _("Deze organisatie is al partner in dit netwerk.")})
    partnership = Partnership(network=network, organisation=organisation, roles=list(roles), since=since,
                              until=until)
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_update(*, partnership: Partnership, roles: list[str], since=None, until=None) -> Partnership:
    partnership.roles = list(roles)
    partnership.since = since
    partnership.until = until
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_remove(*, partnership: Partnership) -> None:
    if Membership.objects.filter(network=partnership.network, organisation=partnership.organisation).exists():
        raise ValidationError(
            _("Er zijn nog leden gekoppeld aan deze organisatie. Koppel hen eerst aan een andere partner.")
        )
    partnership.delete()


def _send_welcome_mail(*, user, network: Network, invited_by) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    context = {"user": user, "network": network, "invited_by": invited_by, "link": link}
    send_mail(
        subject=_("Uitnodiging voor het netwerk %(network)s op Ketenregie") % {"network": network.name},
        message=render_to_string("networks/email/welcome.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def membership_add(*, network: Network, email: str, invited_by, role: str = PlatformRole.MEMBER,
                   first_name: str = "", last_name: str = "", organisation: Organisation | None = None,
                   level: str = "", chain_role: str = "") -> Membership:
    """Add a person by e-mail; a new person gets an account without password and a mail to set one."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    if Membership.objects.filter(network=network, user=user).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van dit netwerk.")})
    membership = Membership(network=network, user=user, role=role, organisation=organisation, level=level,
                            chain_role=chain_role)
    membership.full_clean()
    membership.save()
    if created:
        transaction.on_commit(lambda: _send_welcome_mail(user=user, network=network, invited_by=invited_by))
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, role: str, organisation: Organisation | None, level: str,
                      chain_role: str) -> Membership:
    if membership.role == PlatformRole.COORDINATOR and role != PlatformRole.COORDINATOR:
        _ensure_other_coordinator(membership)
    membership.role = role
    membership.organisation = organisation
    membership.level = level
    membership.chain_role = chain_role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.role == PlatformRole.COORDINATOR:
        _ensure_other_coordinator(membership)
    membership.delete()


def _ensure_other_coordinator(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(network=membership.network, role=PlatformRole.COORDINATOR)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(_("Een netwerk houdt minstens één coördinator."))
