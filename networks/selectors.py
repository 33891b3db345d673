"""Read access to networks, always scoped to what the asking user may see."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from .models import Membership, Network, Partnership, PlatformRole


def network_list_for_user(*, user) -> QuerySet[Network]:
    return (
        Network.objects.visible_to(user)
        .annotate(partner_count=Count("partnerships", distinct=True), member_count=Count("memberships", distinct=True))
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


def network_detail_data(*, network: Network) -> dict:
    partnerships = list(Partnership.objects.filter(network=network).select_related("organisation"))
    memberships = list(
        Membership.objects.filter(network=network).select_related("user", "organisation")
    )
    return {"partnerships": partnerships, "memberships": memberships}


def network_with_partners(*, network: Network) -> Network:
    return (
        Network.objects.filter(pk=network.pk)
        .prefetch_related(Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")))
        .get()
    )
