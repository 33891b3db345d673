"""Builders for the improvement-cycle tests: a closed round on the shipped instrument with telling answers."""

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from assessments.models import Instrument
from rounds.models import Answer, Response, Round, RoundStatus

# Four respondents: SF.K1.presence split down the middle (disputed), SF.P1 important but absent (priority).
ANSWERS = [
    {"SF.K1.presence": 1, "SF.K1.importance": 5, "SF.P1.presence": 1, "SF.P1.importance": 5, "MK.1.1": 1},
    {"SF.K1.presence": 5, "SF.K1.importance": 5, "SF.P1.presence": 1, "SF.P1.importance": 5, "MK.1.1": 1},
    {"SF.K1.presence": 1, "SF.K1.importance": 5, "SF.P1.presence": 2, "SF.P1.importance": 5, "MK.1.1": 0},
    {"SF.K1.presence": 5, "SF.K1.importance": 5, "SF.P1.presence": 1, "SF.P1.importance": 4, "MK.1.1": 1},
]


@pytest.fixture(autouse=True)
def _fresh_cache_and_dutch():
    cache.clear()
    with translation.override("nl"):
        yield
    cache.clear()


@pytest.fixture
def instrument(db) -> Instrument:
    return Instrument.objects.get(slug="ketenregie", version=1)


@pytest.fixture
def make_round(db, instrument):
    def make(*, network, status: str = RoundStatus.CLOSED, slug: str = "voorjaar", answers=ANSWERS) -> Round:
        now = timezone.now()
        round = Round.objects.create(network=network, name=f"Ronde {slug}", slug=slug, instrument=instrument,
                                     status=status, opened_at=now,
                                     closed_at=now if status == RoundStatus.CLOSED else None)
        items = dict(instrument.items.values_list("code", "pk"))
        for sheet in answers:
            response = Response.objects.create(round=round, submitted_at=now, level="operationeel")
            Answer.objects.bulk_create([Answer(response=response, item_id=items[code], value=value)
                                        for code, value in sheet.items()])
        Round.objects.filter(pk=round.pk).update(answers_changed_at=now)
        round.refresh_from_db()
        return round

    return make


@pytest.fixture
def closed_round(make_round, network):
    return make_round(network=network)
