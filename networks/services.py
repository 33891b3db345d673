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

from .models import Membership, MembershipInvitation, Network, Organisation, Partnership, PlatformRole

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


def _set_password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


def _send_invitation_mail(*, user, new_account: bool) -> None:
    """A neutral mail: no network name, no inviter, nothing a caller chose. What it is about is shown after login.

    A new account gets a link to choose a password; an existing one a link to its invitations page.
    """
    invitations_url = absolute_url(reverse("networks:invitations"))
    context = {"user": user, "invitations_url": invitations_url,
               "link": _set_password_link(user) if new_account else invitations_url}
    if new_account:
        subject, template = _("Uw account op Ketenregie"), "networks/email/welcome.txt"
    else:
        subject, template = _("Er staat een uitnodiging voor u klaar op Ketenregie"), "networks/email/invitation.txt"
    send_mail(subject=subject, message=render_to_string(template, context), from_email=None,
              recipient_list=[user.email])


@transaction.atomic
def membership_invite(*, network: Network, email: str, invited_by, role: str = PlatformRole.MEMBER,
                      first_name: str = "", last_name: str = "", organisation: Organisation | None = None,
                      level: str = "", chain_role: str = "") -> MembershipInvitation:
    """Invite a person by e-mail; they become a member only when they accept (``membership_invitation_accept``).

    The same happens whether or not the address has an account: an unknown address gets an account without
    password (named as the coordinator typed it) and a neutral welcome mail; a known one a neutral notice. The
    stored name of an existing account is never shown to the network, and nothing in the answer differs.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if Membership.objects.filter(network=network, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van dit netwerk.")})
    if MembershipInvitation.objects.filter(network=network, email__iexact=email).exists():
        raise ValidationError({"email": _("Dit adres is al uitgenodigd voor dit netwerk.")})
    user = User.objects.filter(email__iexact=email).first()
    new_account = user is None
    if new_account:
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    invitation = MembershipInvitation(network=network, user=user, email=email, role=role, organisation=organisation,
                                      level=level, chain_role=chain_role, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: _send_invitation_mail(user=user, new_account=new_account))
    return invitation


@transaction.atomic
def membership_invitation_accept(*, invitation: MembershipInvitation, user) -> Membership:
    """The invitee joins with the role, organisation and level the coordinator chose; the invitation is used up."""
    invitation = MembershipInvitation.objects.select_for_update().get(pk=invitation.pk, user=user)
    membership = Membership.objects.filter(network_id=invitation.network_id, user=user).first()
    if membership is None:
        organisation = invitation.organisation
        if organisation is not None and not Partnership.objects.filter(
                network_id=invitation.network_id, organisation=organisation).exists():
            organisation = None  # the partner left the network in the meantime
        membership = Membership(network_id=invitation.network_id, user=user, role=invitation.role,
                                organisation=organisation, level=invitation.level, chain_role=invitation.chain_role)
        membership.full_clean()
        membership.save()
    invitation.delete()
    return membership


@transaction.atomic
def membership_invitation_decline(*, invitation: MembershipInvitation, user) -> None:
    MembershipInvitation.objects.filter(pk=invitation.pk, user=user).delete()


@transaction.atomic
def membership_invitation_withdraw(*, invitation: MembershipInvitation) -> None:
    """The coordinator takes an invitation back; the account (if it was made for it) stays, without the network."""
    MembershipInvitation.objects.filter(pk=invitation.pk).delete()


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
