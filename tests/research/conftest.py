"""Builders for research tests: the shipped instrument, researchers, and closed rounds with answers."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from assessments.models import Instrument
from networks.models import ChainRole, Level, Network, Organisation, Partnership, Sector
from rounds.models import Answer, Response, Round, RoundStatus
from tests.must import present
from tests.results.results_testkit import shipped_instrument

_rounds = itertools.count(1)

# A few items of three scales, one answered "weet niet": enough to check values without 115 rows per person.
DEFAULT_ANSWERS = {
    "SF.K1.presence": lambda i: 2 + i % 4,
    "SF.K1.importance": lambda i: None if i == 3 else 4,  # "weet niet" from the fourth respondent on
    "SF.P1.presence": lambda i: 5 - i % 3,
    "MK.1.1": lambda i: i % 4,
    "KO.1": lambda i: 3,
}
SAME = (Level.OPERATIONAL, ChainRole.PROFESSIONAL)


@pytest.fixture
def instrument(db) -> Instrument:
    """The shipped version 1, loaded by the data migration (again if a transactional test flushed it)."""
    return shipped_instrument()


@pytest.fixture
def researcher(make_user):
    user = make_user(email="onderzoeker@example.org")
    user.groups.add(Group.objects.get(name="Onderzoekers"))
    return user


@pytest.fixture
def make_round(db, instrument):
    def make(*, network: Network, status: str = RoundStatus.CLOSED, respondents: int = 3,
             closes_on: dt.date = dt.date(2024, 5, 1), profiles=None, answers=None, submitted: bool = True,
             organisation: Organisation | None = None) -> Round:
        n = next(_rounds)
        closed_at = timezone.make_aware(dt.datetime.combine(closes_on, dt.time(12))) \
            if status == RoundStatus.CLOSED else None
        round_ = Round.objects.create(
            network=network, name=f"Ronde {n}", slug=f"ronde-{n}", instrument=instrument, status=status,
            opens_on=closes_on - dt.timedelta(days=30), closes_on=closes_on, closed_at=closed_at)
        if organisation is None:
            organisation = present(network.partnerships.select_related("organisation").first()).organisation
        profiles = profiles or [(*SAME, organisation)] * respondents
        items = dict(instrument.items.values_list("code", "pk"))
        answers = answers or DEFAULT_ANSWERS
        rows = []
        for i, (level, role, org) in enumerate(profiles):
            response = Response.objects.create(
                round=round_, organisation=org, level=level, chain_role=role,
                submitted_at=timezone.now() if submitted else None)
            rows += [Answer(response=response, item_id=items[code], value=value(i)) for code, value in answers.items()]
        Answer.objects.bulk_create(rows)
        return round_

    return make


@pytest.fixture
def consenting(make_network):
    def make(**fields) -> Network:
        return make_network(research_consent=True, **fields)

    return make


@pytest.fixture
def add_partner(db):
    def add(network: Network, *, sector: str = Sector.MENTAL_HEALTH, name: str | None = None) -> Organisation:
        org = Organisation.objects.create(name=name or f"Partner {network.slug} {sector}", sector=sector)
        Partnership.objects.create(network=network, organisation=org, roles=["ketenpartner"])
        return org

    return add
