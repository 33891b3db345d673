"""Where a person lands after logging in (and on the home page): the place their role works in.

- a coordinator (or the platform administrator): their networks;
- a researcher who coordinates no network: the research area;
- a member: "Mijn vragenlijsten", where their invitations are;
- someone without any of these (a new account): the network list, which explains what to do.
"""

from __future__ import annotations

from django.urls import reverse

from networks.models import Membership, PlatformRole
from rounds.models import Invitation

RESEARCH_PERMISSION = "networks.export_research_data"


def landing_url(*, user) -> str:
    if user.is_superuser:
        return reverse("networks:list")
    if Membership.objects.filter(user=user, role=PlatformRole.COORDINATOR).exists():
        return reverse("networks:list")
    if user.has_perm(RESEARCH_PERMISSION):
        return reverse("research:index")
    if Membership.objects.filter(user=user).exists() or Invitation.objects.filter(user=user).exists():
        return reverse("rounds:my_responses")
    return reverse("networks:list")
