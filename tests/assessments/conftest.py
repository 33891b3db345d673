"""Fixtures for the instrument tests: fixture files, a YAML writer for broken variants, and a locker."""

import copy
from pathlib import Path

import pytest
import yaml

from assessments.loader import instrument_file_load
from assessments.models import Instrument
from rounds.models import Answer, Response, Round
from tests.assessments.instrument_testkit import FIXTURES, SHIPPED_V1

_PROEF = yaml.safe_load((FIXTURES / "proef-v1.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def proef_path() -> Path:
    return FIXTURES / "proef-v1.yaml"


@pytest.fixture
def v2_path() -> Path:
    return FIXTURES / "ketenregie-v9.yaml"


@pytest.fixture
def proef_data() -> dict:
    """A fresh, mutable copy of the fixture instrument."""
    return copy.deepcopy(_PROEF)


@pytest.fixture
def write_instrument(tmp_path):
    def write(data: dict, name: str = "proef-v1.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def proef(db, proef_path) -> Instrument:
    instrument_file_load(path=proef_path)
    return Instrument.objects.get(slug="proef", version=1)


@pytest.fixture
def shipped(db) -> Instrument:
    """The shipped version 1, as the data migration loaded it into the test database."""
    instrument_file_load(path=SHIPPED_V1)  # a no-op when the migration already did it
    return Instrument.objects.get(slug="ketenregie", version=1)


@pytest.fixture
def lock(network):
    """Give an instrument one answer, which locks it."""

    def lock_it(instrument: Instrument) -> Answer:
        round_ = Round.objects.create(network=network, name=f"Ronde {instrument.pk}",
                                      slug=f"ronde-{instrument.slug}-{instrument.version}", instrument=instrument)
        response = Response.objects.create(round=round_)
        return Answer.objects.create(response=response, item=instrument.items.earliest("order"), value=3)

    return lock_it

