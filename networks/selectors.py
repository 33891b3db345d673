"""Read access to networks, always scoped to what the asking user may see."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from core.names import sorted_people

from .models import Membership, Network, Partnership, PlatformRole


def _count_of(model, **filters) -> Subquery:
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


def user_may_register_network(*, user) -> bool:
    """Whether to offer "register a network": not to people who only answer questionnaires or only research.

    Administrators and coordinators may; so may a new account without any network yet (it came to register
    one). A member of networks who coordinates none, or a researcher, is not offered it.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if PlatformRole.COORDINATOR in roles:
        return True
    return not roles and not user.has_perm("networks.export_research_data")


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


def network_detail_data(*, network: Network) -> dict:
    partnerships = list(Partnership.objects.filter(network=network).select_related("organisation"))
    memberships = sorted_people(Membership.objects.filter(network=network).select_related("user", "organisation"))
    return {"partnerships": partnerships, "memberships": memberships}


def network_with_partners(*, network: Network) -> Network:
    return (
        Network.objects.filter(pk=network.pk)
        .prefetch_related(Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")))
        .get()
    )
