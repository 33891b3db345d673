"""Template helpers of the coordinator side: the rounds section of the network page, bilingual titles."""

from dataclasses import dataclass

from django import template

from core.i18n import localized
from networks.access import NetworkAccess

from ..models import Invitation, Round
from ..selectors import invitation_status, invitations_for_user_in_network, round_list_for_network

register = template.Library()


@register.filter
def tr(obj: object, field: str) -> str:
    """``{{ module|tr:"title" }}``: the field in the active language, falling back to Dutch."""
    return localized(obj, field)


@dataclass(frozen=True)
class NetworkRoundRow:
    """A round on the network page with the visitor's own invitation and its status (None: not invited)."""

    round: Round
    own_invitation: Invitation | None
    own_status: str | None


@register.simple_tag(takes_context=True)
def network_rounds(context, network, access: NetworkAccess) -> list[NetworkRoundRow]:
    """The network's rounds for the network page, each with the visitor's own invitation (two queries).

    Lives in a tag so that the network page, owned by the networks app, needs no knowledge of rounds.
    """
    user = context["request"].user
    rounds = round_list_for_network(network=network, include_drafts=access.is_coordinator)
    own = invitations_for_user_in_network(network=network, user=user)
    rows = []
    for round in rounds:
        invitation = own.get(round.pk)
        rows.append(NetworkRoundRow(round=round, own_invitation=invitation,
                                    own_status=invitation_status(invitation) if invitation else None))
    return rows
