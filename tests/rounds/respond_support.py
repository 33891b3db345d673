"""Fixtures for the respondent-side tests, loaded as a pytest plugin by those test modules.

``pytest_plugins = ["tests.rounds.respond_support"]`` shares them without a conftest in tests/rounds, which
the coordinator-side tests own.
"""

import pytest

from assessments.models import Instrument
from networks.models import PlatformRole
from rounds.models import Invitation, Round
from tests.rounds.respond_builders import build_instrument, build_round


@pytest.fixture
def instrument(db) -> Instrument:
    return build_instrument(n=3)


@pytest.fixture
def open_round(network, instrument) -> Round:
    return build_round(network=network, instrument=instrument)


@pytest.fixture
def invitation(open_round, make_membership, network) -> Invitation:
    membership = make_membership(network=network, role=PlatformRole.MEMBER)
    return Invitation.objects.create(round=open_round, user=membership.user)


@pytest.fixture
def token(invitation) -> str:
    return invitation.token
