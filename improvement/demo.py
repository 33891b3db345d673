"""Demo: "Doen wat werkt" has been through the cycle once, so a newcomer sees it filled in.

The workshop discussed the autumn 2024 round, agreed scores on the first agenda points, made an action plan and
planned the next measurement; the autumn 2025 round is that next measurement, so its report shows the effects.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from assessments.models import ScaleOption
from networks.models import Membership, Network, PlatformRole
from networks.thesis import DOEN_WAT_WERKT
from rounds.models import Round

from . import services
from .models import Action, ActionStatus, NextMeasurement, Workshop

ROUND_SLUG = "2024-najaar"
AGREED = (
    # (index into the item's answer options, no agreement, rationale)
    (None, True, "De meningen bleven verdeeld; we komen erop terug als de nieuwe werkafspraken lopen."),
    (1, False, "Na het gesprek lager ingeschat: op uitvoerend niveau is het nog niet overal bekend."),
    (-2, False, "Hoger ingeschat, met de kanttekening dat het per gemeente verschilt."),
)
ACTIONS = (
    ("Maandelijks casusoverleg met alle ketenpartners", "SF.P1", ActionStatus.DONE),
    ("Gezamenlijke werkafspraken over de regiehouder vastleggen", "SF.O1", ActionStatus.RUNNING),
    ("Cliëntenraad betrekken bij de jaarlijkse evaluatie", "SF.C1", ActionStatus.PLANNED),
)


@transaction.atomic
def demo_improvement_load(*, networks: list[Network]) -> None:
    network = next((n for n in networks if n.slug == DOEN_WAT_WERKT), None)
    round = Round.objects.filter(network=network, slug=ROUND_SLUG).first() if network else None
    if network is None or round is None or not round.is_closed or Workshop.objects.filter(round=round).exists():
        return
    membership = (Membership.objects.filter(network=network, role=PlatformRole.COORDINATOR)
                  .select_related("user").order_by("pk").first())
    user = membership.user if membership else None
    workshop = services.workshop_prepare(round=round, user=user)
    for topic, (value, no_agreement, rationale) in zip(workshop.topics.order_by("position"), AGREED, strict=False):
        options = sorted(ScaleOption.objects.filter(scale__items__instrument=round.instrument,
                                                    scale__items__code=topic.code).values_list("value", flat=True))
        services.topic_decide(topic=topic, agreed_value=None if value is None else options[value],
                              no_agreement=no_agreement, rationale=rationale, user=user)
    owners = list(network.partnerships.select_related("organisation").order_by("pk"))
    for index, (what, target, status) in enumerate(ACTIONS):
        action = services.action_create(
            round=round, user=user, what=what, target_code=target,
            owner_organisation=owners[index % len(owners)].organisation if owners else None,
            due_on=dt.date(2025, 3 + 3 * index, 1))
        Action.objects.filter(pk=action.pk).update(status=status)
    # The planned date lies in the past by now (the next round took place), so it is stored directly.
    NextMeasurement.objects.update_or_create(round=round, defaults={
        "due_on": dt.date(2025, 10, 1), "set_by": user, "reminded_at": timezone.now()})
