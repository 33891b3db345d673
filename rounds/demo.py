"""Demo rounds with simulated answers for the demo networks, so dashboards, reports and the benchmark have content.

The three thesis networks follow the thesis (seed 004): success factors as ch. 5.4 judges them factor by factor
(networks/thesis.py: the six critical factors present and important, the five preconditions present but not named
as important, client value under-exposed, combining funding streams important but missing, the other factors
partly present and not named); Minkman elements realised so that each lands where ch. 5.1 places it (Flevoland
phase 1, Oost-Gelderland between 2 and 3, Doen wat werkt 4). The thesis did not poll Kaats & Opheij's challenges,
so their simulated answers recognise none in particular. The fictional networks get varied, plausible answers.

Deterministic (seeded). Idempotent: a network whose demo data are of the current ``DEMO_VERSION`` is left as it
is; an older version has its demo rounds rebuilt once.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments.models import Instrument, Item
from networks.demo import DEMO_LOGINS, DEMO_VERSION, FICTIONAL_NETWORKS, demo_slug
from networks.models import Level, Membership, Network, PlatformRole
from networks.thesis import (
    DEMO_FACTOR_OVERRIDES,
    DOEN_WAT_WERKT,
    FLEVOLAND,
    FULL,
    NOT,
    OOST_GELDERLAND,
    PARTLY,
    THESIS_CASES,
    THESIS_FACTORS,
    YES,
)

from .models import Answer, Invitation, Response, Round, RoundStatus

# Answer mixes for the Minkman elements: weights of (nee, gepland, gedeeltelijk, ja). Realisation ("ja" 1,
# "gedeeltelijk" 1/2, docs/scoring.md) in brackets.
REALISED = (0.03, 0.02, 0.15, 0.80)  # 87.5 %
MOSTLY = (0.07, 0.05, 0.30, 0.58)  # 73 %
HALFWAY = (0.12, 0.13, 0.45, 0.30)  # 52.5 %
DESIGNING = (0.10, 0.20, 0.45, 0.25)  # 47.5 %
STARTED = (0.30, 0.35, 0.25, 0.10)  # 22.5 %
NOT_YET = (0.60, 0.30, 0.08, 0.02)  # 6 %

PRESENCE_MEAN = {FULL: 4.3, PARTLY: 2.2, NOT: 1.5}
IMPORTANCE_MEAN = {YES: 4.5, "no": 2.1}
DONT_KNOW = 0.05


@dataclass(frozen=True)
class DemoRoundSpec:
    slug: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    status: str
    phases: tuple[tuple[float, float, float, float], ...]  # answer mix per Minkman phase 1-4
    maturity: float = 0.0  # shifts success-factor presence up or down
    optional_modules: tuple[str, ...] = ()
    dont_know_phases: tuple[int, ...] = ()  # phases most respondents cannot answer ("weet niet")


def _spring(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3, 1), dt.date(year, 4, 15)


def _autumn(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 10, 1), dt.date(year, 11, 15)


CLOSED, OPEN = RoundStatus.CLOSED, RoundStatus.OPEN
OPEN_2026 = (dt.date(2026, 11, 1), dt.date(2026, 12, 20))

DEMO_ROUNDS: dict[str, tuple[DemoRoundSpec, ...]] = {
    # ch. 5.1: designing the project, discovering each other's possibilities, drafting the agreement: phase 1.
    FLEVOLAND: (
        DemoRoundSpec("2025-najaar", "Najaar 2025", *_autumn(2025), CLOSED,
                      (DESIGNING, STARTED, NOT_YET, NOT_YET), maturity=-0.3),
        DemoRoundSpec("2026-najaar", "Najaar 2026", *OPEN_2026, OPEN,
                      (HALFWAY, STARTED, NOT_YET, NOT_YET), maturity=-0.2),
    ),
    # ch. 5.1: past experimenting, goals laid down, first evaluation held and improving: between phase 2 and 3.
    OOST_GELDERLAND: (
        DemoRoundSpec("2025-voorjaar", "Voorjaar 2025", *_spring(2025), CLOSED,
                      (REALISED, MOSTLY, HALFWAY, STARTED), optional_modules=("KW", "CX")),
        DemoRoundSpec("2026-najaar", "Najaar 2026", *OPEN_2026, OPEN,
                      (REALISED, MOSTLY, HALFWAY, STARTED), maturity=0.1),
    ),
    # ch. 5.1: past the project phase, embedded in regular structures and funding, innovating: phase 4.
    DOEN_WAT_WERKT: (
        DemoRoundSpec("2024-najaar", "Najaar 2024", *_autumn(2024), CLOSED,
                      (REALISED, REALISED, MOSTLY, MOSTLY), maturity=0.1),
        DemoRoundSpec("2025-najaar", "Najaar 2025", *_autumn(2025), CLOSED,
                      (REALISED, REALISED, REALISED, MOSTLY), maturity=0.2, optional_modules=("KW",)),
        DemoRoundSpec("2026-najaar", "Najaar 2026", *OPEN_2026, OPEN,
                      (REALISED, REALISED, REALISED, MOSTLY), maturity=0.2),
    ),
}

# One closed round per fictional network, spread over the phases; one with a backlog (a weak phase 2 beside
# realised later phases) and one whose phase 4 most respondents cannot judge.
_FICTIONAL_PHASES = (
    (REALISED, MOSTLY, STARTED, NOT_YET),
    (REALISED, MOSTLY, MOSTLY, HALFWAY),
    (DESIGNING, STARTED, NOT_YET, NOT_YET),
    (REALISED, HALFWAY, MOSTLY, MOSTLY),
    (MOSTLY, MOSTLY, HALFWAY, STARTED),
    (REALISED, REALISED, MOSTLY, STARTED),
)
_FICTIONAL_MATURITY = (-0.4, 0.3, -0.6, 0.5, 0.0, 0.2)
DEMO_ROUNDS.update({
    demo_slug(network.name): (
        DemoRoundSpec("2025-najaar", "Najaar 2025", *_autumn(2025), CLOSED, phases, maturity=maturity,
                      dont_know_phases=(4,) if index == len(FICTIONAL_NETWORKS) - 1 else ()),
    )
    for index, (network, phases, maturity) in enumerate(
        zip(FICTIONAL_NETWORKS, _FICTIONAL_PHASES, _FICTIONAL_MATURITY, strict=True))
})


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _factor_means(*, network: str, factor: str, maturity: float) -> tuple[float, float]:
    """(presence, importance) means on 1-5: the thesis's reading for its networks, varied for fictional ones."""
    if network in THESIS_CASES:
        presence, importance = DEMO_FACTOR_OVERRIDES.get(factor) or THESIS_FACTORS.get(factor, ((PARTLY,) * 3,
                                                                                                 ("no",) * 3))
        index = THESIS_CASES.index(network)
        return PRESENCE_MEAN[presence[index]] + maturity, IMPORTANCE_MEAN[importance[index]]
    factor_rng = random.Random(f"{network}/{factor}")  # the same leaning for a factor in every round
    return 3.1 + maturity + factor_rng.uniform(-1.2, 1.2), 3.5 + factor_rng.uniform(-1.4, 1.2)


def _minkman_value(*, phase_mix: tuple[float, ...], level: str, rng: random.Random) -> int:
    value = rng.choices(range(4), weights=phase_mix)[0]
    # Managers rate a network further along than the work floor (DMIC research); mimic that a little.
    if level == Level.STRATEGIC and rng.random() < 0.25:
        value = min(3, value + 1)
    elif level == Level.OPERATIONAL and rng.random() < 0.1:
        value = max(0, value - 1)
    return value


def _simulated_value(*, item: Item, network: str, spec: DemoRoundSpec, level: str, challenges: set[str],
                     rng: random.Random) -> int | None:
    code = item.code
    phase = int(code.split(".")[1]) if code.startswith("MK.") and code != "MK.phase" else None
    if phase in spec.dont_know_phases and rng.random() < 0.85:
        return None
    if rng.random() < DONT_KNOW:
        return None  # "weet niet"
    values = [o.value for o in item.scale.options.all()]
    low, high = min(values), max(values)
    optimisms: dict[str, float] = {Level.STRATEGIC: 0.35, Level.TACTICAL: 0.1}
    optimism = optimisms.get(level, -0.1)
    if code.startswith("SF."):
        presence, importance = _factor_means(network=network, factor=item.factor, maturity=spec.maturity)
        mean = presence + optimism if item.aspect == "presence" else importance
        return _clamp(rng.gauss(mean, 0.7), low, high)
    if code == "MK.phase":
        reached = sum(1 for mix in spec.phases if mix[3] + mix[2] / 2 >= 0.6) or 1
        return _clamp(reached + optimism * 2 + rng.gauss(0, 0.6), low, high)
    if phase is not None:
        return _minkman_value(phase_mix=spec.phases[phase - 1], level=level, rng=rng)
    if code.startswith("KO."):
        return _clamp(rng.gauss(2.2, 0.7) if code in challenges else rng.gauss(0.3, 0.5), low, high)
    return _clamp(rng.gauss((low + high) / 2 + spec.maturity, 0.9), low, high)


def _challenges(*, network: str, items: list[Item]) -> set[str]:
    """The thesis networks recognise no challenge in particular (the thesis did not poll them); a fictional
    network recognises two."""
    if network in THESIS_CASES:
        return set()
    codes = sorted(item.code for item in items if item.code.startswith("KO."))
    return set(random.Random(f"{network}/KO").sample(codes, 2)) if len(codes) >= 2 else set()


@transaction.atomic
def demo_rounds_load(*, networks: list[Network]) -> list[Round]:
    """Create the demo rounds that are missing; rebuild them for a network with demo data of an older version."""
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
        specs = DEMO_ROUNDS.get(network.slug, ())
        if network.demo_version != DEMO_VERSION:
            Round.objects.filter(network=network, slug__in=[spec.slug for spec in specs]).delete()
            Network.objects.filter(pk=network.pk).update(demo_version=DEMO_VERSION)
            network.demo_version = DEMO_VERSION
        existing = set(Round.objects.filter(network=network).values_list("slug", flat=True))
        for spec in specs:
            if spec.slug not in existing:
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
    challenges = _challenges(network=network.slug, items=round_items)
    memberships = (
        Membership.objects.filter(network=network, role=PlatformRole.MEMBER)
        .select_related("user", "organisation").order_by("pk")
    )
    answers: list[Answer] = []
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
            Answer(response=response, item=item,
                   value=_simulated_value(item=item, network=network.slug, spec=spec, level=membership.level,
                                          challenges=challenges, rng=rng))
            for item in round_items
        )
    Answer.objects.bulk_create(answers, batch_size=1000)
    return round_
