"""Demo rounds with simulated answers for the demo networks, so dashboards and reports have content.

The answer patterns follow the thesis (seed 004 ch. 5.4-5.5): critical factors present and important,
preconditions present but not named as important, client value under-exposed, combining funding streams
important but missing; Minkman elements realised up to each network's phase as ch. 5.1 places it.
Deterministic (seeded) and idempotent: an existing round is left as it is.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments.models import Instrument, Item
from networks.demo import DEMO_LOGINS
from networks.models import Level, Membership, Network, PlatformRole

from .models import Answer, Invitation, Response, Round, RoundStatus

CRITICAL = {"SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1"}
PRECONDITIONS = {"SF.P1", "SF.P2", "SF.O1", "SF.O3", "SF.C3"}


@dataclass(frozen=True)
class DemoRoundSpec:
    slug: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    status: str
    realised_phase: float  # how far the network truly is, used to simulate Minkman elements
    maturity: float  # shifts success-factor presence up or down
    challenges: tuple[str, ...]  # challenges this network recognises strongly
    optional_modules: tuple[str, ...] = ()


DEMO_ROUNDS: dict[str, tuple[DemoRoundSpec, ...]] = {
    "duurzame-jeugdzorg-flevoland": (
        DemoRoundSpec("2025-najaar", "Najaar 2025", dt.date(2025, 10, 1), dt.date(2025, 11, 15), RoundStatus.CLOSED,
                      1.2, -0.6, ("KO.1", "KO.5", "KO.9")),
        DemoRoundSpec("2026-najaar", "Najaar 2026", dt.date(2026, 11, 1), dt.date(2026, 12, 20), RoundStatus.OPEN,
                      1.6, -0.3, ("KO.1", "KO.5")),
    ),
    "ketenconvenant-oost-gelderland": (
        DemoRoundSpec("2025-voorjaar", "Voorjaar 2025", dt.date(2025, 3, 1), dt.date(2025, 4, 15),
                      RoundStatus.CLOSED, 2.5, 0.0, ("KO.3", "KO.6", "KO.8"), ("KW", "CX")),
        DemoRoundSpec("2026-najaar", "Najaar 2026", dt.date(2026, 11, 1), dt.date(2026, 12, 20), RoundStatus.OPEN,
                      2.7, 0.1, ("KO.3", "KO.8")),
    ),
    "doen-wat-werkt": (
        DemoRoundSpec("2024-najaar", "Najaar 2024", dt.date(2024, 10, 1), dt.date(2024, 11, 15), RoundStatus.CLOSED,
                      3.4, 0.3, ("KO.2", "KO.3", "KO.8")),
        DemoRoundSpec("2025-najaar", "Najaar 2025", dt.date(2025, 10, 1), dt.date(2025, 11, 15), RoundStatus.CLOSED,
                      3.8, 0.5, ("KO.2", "KO.3"), ("KW",)),
        DemoRoundSpec("2026-najaar", "Najaar 2026", dt.date(2026, 11, 1), dt.date(2026, 12, 20), RoundStatus.OPEN,
                      3.9, 0.6, ("KO.2",)),
    ),
}


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _factor_means(factor: str, maturity: float) -> tuple[float, float]:
    """(presence, importance) means on 1-5 mirroring the thesis's findings."""
    if factor in CRITICAL:
        return 4.1 + maturity, 4.6
    if factor in PRECONDITIONS:
        return 4.0 + maturity, 2.3
    if factor.startswith("SF.K"):
        return 2.0 + maturity, 2.2
    if factor == "SF.C2":
        return 1.8 + maturity / 2, 4.4
    return 3.2 + maturity, 3.3


def _simulated_value(item: Item, spec: DemoRoundSpec, level: str, rng: random.Random) -> int | None:
    if rng.random() < 0.04:
        return None  # "weet niet"
    values = [o.value for o in item.scale.options.all()]
    low, high = min(values), max(values)
    # Managers rate a network further along than the work floor (DMIC research); mimic that bias.
    optimism = {Level.STRATEGIC: 0.4, Level.TACTICAL: 0.15}.get(level, -0.1)
    if item.code.startswith("SF."):
        presence, importance = _factor_means(item.factor, spec.maturity)
        mean = presence + optimism if item.aspect == "presence" else importance
        return _clamp(rng.gauss(mean, 0.7), low, high)
    if item.code == "MK.phase":
        return _clamp(spec.realised_phase + optimism * 2 + rng.gauss(0.3, 0.6), low, high)
    if item.code.startswith("MK."):
        phase = int(item.code.split(".")[1])
        gap = phase - spec.realised_phase
        mean = 2.8 if gap <= -1 else 2.3 if gap <= 0 else 1.2 if gap <= 1 else 0.4
        return _clamp(rng.gauss(mean + optimism, 0.6), low, high)
    if item.code.startswith("KO."):
        mean = 2.4 if item.code in spec.challenges else 0.7
        return _clamp(rng.gauss(mean, 0.7), low, high)
    return _clamp(rng.gauss((low + high) / 2 + spec.maturity, 0.9), low, high)


@transaction.atomic
def demo_rounds_load(*, networks: list[Network]) -> list[Round]:
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        return []
    items = list(
        Item.objects.filter(instrument=instrument)
        .select_related("dimension__module", "scale")
        .prefetch_related("scale__options")
    )
    created = []
    for network in networks:
        for spec in DEMO_ROUNDS.get(network.slug, ()):
            if Round.objects.filter(network=network, slug=spec.slug).exists():
                continue
            created.append(_demo_round(network=network, spec=spec, instrument=instrument, items=items))
    return created


def _demo_round(*, network: Network, spec: DemoRoundSpec, instrument: Instrument, items: list[Item]) -> Round:
    rng = random.Random(f"{network.slug}/{spec.slug}")
    now = timezone.now()
    round_ = Round.objects.create(
        network=network, name=spec.name, slug=spec.slug, instrument=instrument, opens_on=spec.opens_on,
        closes_on=spec.closes_on, status=spec.status, opened_at=now,
        closed_at=now if spec.status == RoundStatus.CLOSED else None, answers_changed_at=now,
    )
    modules = list(instrument.modules.filter(code__in=spec.optional_modules))
    round_.optional_modules.set(modules)
    active_modules = {m.code for m in instrument.modules.filter(optional=False)} | set(spec.optional_modules)
    round_items = [i for i in items if i.dimension.module.code in active_modules]
    memberships = (
        Membership.objects.filter(network=network, role=PlatformRole.MEMBER)
        .select_related("user", "organisation").order_by("pk")
    )
    answers = []
    for membership in memberships:
        invitation = Invitation.objects.create(round=round_, user=membership.user, sent_at=now)
        is_demo_member = membership.user.email == DEMO_LOGINS["member"]
        if spec.status == RoundStatus.OPEN and (is_demo_member or rng.random() < 0.4):
            continue  # leaves work for the demo member and a realistic response rate in open rounds
        if spec.status == RoundStatus.CLOSED and rng.random() < 0.12:
            continue  # non-response
        response = Response.objects.create(
            round=round_, invitation=invitation, respondent=membership.user, organisation=membership.organisation,
            level=membership.level, chain_role=membership.chain_role, profile_confirmed=True,
            comment_consent=rng.random() < 0.7, submitted_at=now,
        )
        answers.extend(
            Answer(response=response, item=item, value=_simulated_value(item, spec, membership.level, rng))
            for item in round_items
        )
    Answer.objects.bulk_create(answers, batch_size=1000)
    return round_
