"""Read access to networks, always scoped to what the asking user may see."""

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from core.names import sorted_people

from .models import Membership, MembershipInvitation, Network, Partnership, PlatformRole

REGISTRATION_ANYONE = "anyone"
REGISTRATION_APPROVED = "approved"


def _count_of(model, **filters) -> Coalesce:
    """A correlated COUNT(*) per network: independent of the joins that ``visible_to`` adds for the viewer."""
    rows = model.objects.filter(network=OuterRef("pk"), **filters).order_by().values("network")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def network_list_for_user(*, user) -> QuerySet[Network]:
    """The user's networks with all their partners and members counted (one query)."""
    return (
        Network.objects.visible_to(user)
        .annotate(partner_count=_count_of(Partnership), member_count=_count_of(Membership))
        .order_by("name")
    )


def network_get_for_user(*, user, slug: str) -> Network:
    """The network if the user belongs to it; otherwise 404, so that its existence does not leak."""
    network = Network.objects.visible_to(user).filter(slug=slug).first()
    if network is None:
        raise Http404("Network not found")
    return network


def membership_get(*, user, network: Network) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, network=network).select_related("organisation").first()


def user_is_coordinator(*, user, network: Network) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, network=network, role=PlatformRole.COORDINATOR).exists()


def network_detail_data(*, network: Network, is_coordinator: bool = False) -> dict:
    partnerships = list(Partnership.objects.filter(network=network).select_related("organisation"))
    memberships = sorted_people(Membership.objects.filter(network=network).select_related("user", "organisation"))
    # Pending invitations: only for coordinators, and only with the address they typed (no account data).
    invitations = (list(MembershipInvitation.objects.filter(network=network).select_related("organisation")
                        .only("pk", "email", "role", "level", "chain_role", "created_at", "organisation__name"))
                   if is_coordinator else [])
    return {"partnerships": partnerships, "memberships": memberships, "pending_invitations": invitations}


def membership_invitations_for_user(*, user) -> QuerySet[MembershipInvitation]:
    """The invitations waiting for this person's answer, with the network they are about."""
    return MembershipInvitation.objects.for_user(user).select_related("network", "organisation").order_by(
        "-created_at")


def user_may_register_network(*, user) -> bool:
    """Who may register a network: ``KETENREGIE_NETWORK_REGISTRATION`` (docs/operations.md).

    "approved" (the default, for a public installation): superusers and accounts an administrator gave the
    permission "networks | netwerk | Can add netwerk" (directly or through a group). "anyone": every account.
    """
    if not user.is_authenticated:
        return False
    if settings.KETENREGIE_NETWORK_REGISTRATION == REGISTRATION_ANYONE:
        return True
    return user.is_superuser or user.has_perm("networks.add_network")


def network_with_partners(*, network: Network) -> Network:
    return (
        Network.objects.filter(pk=network.pk)
        .prefetch_related(Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")))
        .get()
    )
