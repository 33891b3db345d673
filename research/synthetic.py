"""Synthetic networks, rounds and answers for load tests and demos of the research area (docs/research.md).

Everything is written in bulk: networks, partners, rounds and responses with ``bulk_create`` in batches;
answers (the bulk of the rows) through PostgreSQL's COPY when the database is PostgreSQL, else with
``bulk_create`` too. Values are not uniform noise: each network has its own level, each respondent leans a
little, and about 3 % answer "weet niet", so exports and benchmarks look like real data.
"""

import datetime as dt
import io
import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from assessments.models import Instrument, Item, Module, ScaleOption
from networks.models import ChainRole, ClaimedPhase, Level, Network, NetworkForm, Organisation, Partnership, Sector
from rounds.models import Answer, Response, Round, RoundStatus

from .models import ConsentEvent

NETWORK_BATCH = 50
# "Weet niet" when five random bits are all zero: 1 in 32, about 3 %.
DONT_KNOW_BITS = 5
# Normal noise is drawn from a precomputed table by random bits: much cheaper than random.gauss per answer.
NOISE_BITS = 10
SLUG_PREFIX = "syn"
# Weighted so that most attribute combinations are common and a few are rare: the small-cell rule has work.
LEVEL_WEIGHTS = ((Level.OPERATIONAL, 5), (Level.TACTICAL, 3), (Level.STRATEGIC, 2))
ROLE_WEIGHTS = ((ChainRole.PROFESSIONAL, 6), (ChainRole.CHAIN_PARTNER, 5), (ChainRole.CHAIN_DIRECTOR, 1),
                (ChainRole.FUNDER, 1))
FORMS = (*NetworkForm.values, "")
PHASES = (*ClaimedPhase.values, None)


class SyntheticDataExists(Exception):
    pass


@dataclass(frozen=True)
class SyntheticResult:
    networks: int
    rounds: int
    responses: int
    answers: int


@dataclass(frozen=True)
class _ItemSpec:
    pk: int
    low: int
    high: int
    categorical: bool
    claimed_phase: bool

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    @property
    def spread(self) -> float:
        return (self.high - self.low) / 4


def _items(instrument: Instrument) -> list[_ItemSpec]:
    bounds: dict[int, list[int]] = {}
    for scale_id, value in ScaleOption.objects.filter(scale__instrument=instrument).values_list("scale_id", "value"):
        bounds.setdefault(scale_id, []).append(value)
    specs = []
    for pk, code, scale_id, scale_code in Item.objects.filter(instrument=instrument).order_by("order").values_list(
            "pk", "code", "scale_id", "scale__code"):
        values = bounds[scale_id]
        specs.append(_ItemSpec(pk=pk, low=min(values), high=max(values), categorical=scale_code == "route3",
                               claimed_phase=code == "MK.phase"))
    return specs


def _response_values(items: list[_ItemSpec], *, lean: float, phase: int, rng: random.Random,
                     noise: list[float]) -> list[int | None]:
    """One respondent's answers: the network's level plus a personal lean plus noise, clamped to the scale."""
    bits = rng.getrandbits
    values: list[int | None] = []
    for spec in items:
        if bits(DONT_KNOW_BITS) == 0:
            values.append(None)
        elif spec.claimed_phase:
            values.append(min(spec.high, max(spec.low, phase + (-1, 0, 0, 0, 1, 0, 0, 0)[bits(3)])))
        elif spec.categorical:
            values.append(rng.randint(spec.low, spec.high))
        else:
            value = int(spec.middle + spec.spread * (lean + noise[bits(NOISE_BITS)]) + 0.5)
            values.append(spec.low if value < spec.low else spec.high if value > spec.high else value)
    return values


def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _copy_answers(rows: list[tuple[int, int, int | None]], now: dt.datetime) -> None:
    """PostgreSQL COPY: an order of magnitude faster than INSERT for millions of rows."""
    table = Answer._meta.db_table
    column_of = {field.name: field.column for field in Answer._meta.concrete_fields}
    columns = ", ".join(column_of[name] for name in ("response", "item", "value", "updated_at"))
    stamp = now.isoformat()
    buffer = io.StringIO()
    null = "\\N"
    for response_id, item_id, value in rows:
        buffer.write(f"{response_id}\t{item_id}\t{null if value is None else value}\t{stamp}\n")
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _write_answers(rows: list[tuple[int, int, int | None]], now: dt.datetime) -> None:
    if connection.vendor == "postgresql":
        _copy_answers(rows, now)
    else:
        Answer.objects.bulk_create([Answer(response_id=r, item_id=i, value=v, updated_at=now) for r, i, v in rows],
                                   batch_size=2000)


def _organisations(*, seed: int, count: int, rng: random.Random) -> list[Organisation]:
    """The partner pool of a seed; reused when networks of that seed were deleted and are generated again."""
    wanted = [Organisation(name=f"Synthetische organisatie {seed}-{i:04d}", sector=rng.choice(Sector.values))
              for i in range(count)]
    existing = {o.name: o for o in Organisation.objects.filter(name__in=[o.name for o in wanted])}
    Organisation.objects.bulk_create([o for o in wanted if o.name not in existing], batch_size=1000)
    return [existing.get(o.name, o) for o in wanted]


def synthetic_data_generate(*, networks: int, rounds: int, respondents: int, seed: int = 1,
                            instrument: Instrument | None = None, progress=None) -> SyntheticResult:
    """Create consenting networks, each with ``rounds`` closed rounds of ``respondents`` submitted responses
    answering every item of every module. Slugs are ``syn-<seed>-<n>``; a seed can be used once."""
    instrument = instrument or Instrument.objects.latest_published()
    if instrument is None:
        raise ValueError("no published instrument; run load_instruments first")
    prefix = f"{SLUG_PREFIX}-{seed}-"
    if Network.objects.filter(slug__startswith=prefix).exists():
        raise SyntheticDataExists(prefix)
    rng = random.Random(seed)
    items = _items(instrument)
    optional = list(Module.objects.filter(instrument=instrument, optional=True).values_list("pk", flat=True))
    now = timezone.now()
    organisations = _organisations(seed=seed, count=max(20, networks // 2), rng=rng)
    totals = {"networks": 0, "rounds": 0, "responses": 0, "answers": 0}
    for start in range(0, networks, NETWORK_BATCH):
        count = min(NETWORK_BATCH, networks - start)
        with transaction.atomic():
            _generate_batch(start=start, count=count, prefix=prefix, seed=seed, rounds=rounds,
                            respondents=respondents, instrument=instrument, items=items, optional=optional,
                            organisations=organisations, rng=rng, now=now, totals=totals)
        if progress:
            progress(totals)
    return SyntheticResult(**totals)


def _generate_batch(*, start, count, prefix, seed, rounds, respondents, instrument, items, optional, organisations,
                    rng, now, totals) -> None:
    batch = Network.objects.bulk_create([
        Network(name=f"Synthetisch netwerk {seed}-{start + i + 1:05d}", slug=f"{prefix}{start + i + 1:05d}",
                form=rng.choice(FORMS), claimed_phase=rng.choice(PHASES), research_consent=True,
                research_consent_at=now)
        for i in range(count)
    ])
    # bulk_create skips signals, so the consent history is written here.
    ConsentEvent.objects.bulk_create([ConsentEvent(network=network, granted=True, at=now) for network in batch])
    partners: dict[int, list[Organisation]] = {}
    links = []
    for network in batch:
        chosen = rng.sample(organisations, rng.randint(3, 6))
        partners[network.pk] = chosen
        links += [Partnership(network=network, organisation=org, roles=[ChainRole.CHAIN_PARTNER]) for org in chosen]
    Partnership.objects.bulk_create(links)

    round_objects = []
    for network in batch:
        for number in range(rounds):
            closes = dt.date(2020 + number * 2, rng.randint(1, 12), rng.randint(1, 28))
            closed_at = timezone.make_aware(dt.datetime.combine(closes, dt.time(17, 0)))
            round_objects.append(Round(
                network=network, name=f"Ronde {number + 1}", slug=f"ronde-{number + 1}", instrument=instrument,
                opens_on=closes - dt.timedelta(days=28), closes_on=closes, status=RoundStatus.CLOSED,
                opened_at=closed_at - dt.timedelta(days=28), closed_at=closed_at, answers_changed_at=closed_at,
            ))
    round_objects = Round.objects.bulk_create(round_objects)
    Through = Round.optional_modules.through
    Through.objects.bulk_create([Through(round_id=r.pk, module_id=m) for r in round_objects for m in optional])

    quality = {network.pk: rng.gauss(0, 0.7) for network in batch}
    response_objects = []
    for round_ in round_objects:
        if round_.closed_at is None:
            raise ValueError("synthetic rounds are created closed")
        for _number in range(respondents):
            response_objects.append(Response(
                round=round_, organisation=rng.choice(partners[round_.network_id]),
                level=_weighted(rng, LEVEL_WEIGHTS), chain_role=_weighted(rng, ROLE_WEIGHTS), profile_confirmed=True,
                started_at=round_.closed_at - dt.timedelta(days=10),
                submitted_at=round_.closed_at - dt.timedelta(days=2),
            ))
    response_objects = Response.objects.bulk_create(response_objects, batch_size=2000)

    phases = {network.pk: network.claimed_phase or 2 for network in batch}
    network_of = {round_.pk: round_.network_id for round_ in round_objects}
    noise = [rng.gauss(0, 0.8) for _ in range(1 << NOISE_BITS)]
    item_pks = [spec.pk for spec in items]
    answers: list[tuple[int, int, int | None]] = []
    for response in response_objects:
        network_id = network_of[response.round_id]
        values = _response_values(items, lean=quality[network_id] + rng.gauss(0, 0.4), phase=phases[network_id],
                                  rng=rng, noise=noise)
        answers += zip([response.pk] * len(item_pks), item_pks, values, strict=True)
    _write_answers(answers, now)
    totals["networks"] += len(batch)
    totals["rounds"] += len(round_objects)
    totals["responses"] += len(response_objects)
    totals["answers"] += len(answers)
