"""The one place that decides who may see or change a network."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import Membership, Network
from .selectors import membership_get, network_get_for_user


@dataclass(frozen=True)
class NetworkAccess:
    network: Network
    membership: Membership | None
    is_coordinator: bool


def network_access(request: HttpRequest, slug: str, *, coordinator: bool = False) -> NetworkAccess:
    """404 for networks the user is not in (no leak of existence); 403 for members asking for coordinator work."""
    network = network_get_for_user(user=request.user, slug=slug)
    membership = membership_get(user=request.user, network=network)
    is_coordinator = request.user.is_superuser or bool(membership and membership.is_coordinator)
    if coordinator and not is_coordinator:
        raise PermissionDenied
    return NetworkAccess(network=network, membership=membership, is_coordinator=is_coordinator)
