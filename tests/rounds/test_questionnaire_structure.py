"""The page structure of a round: which pages, in which order, with which items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Instrument
from rounds.questionnaire import questionnaire_for_round
from tests.must import present
from tests.rounds.respond_builders import build_instrument, build_round

pytest_plugins = ["tests.rounds.respond_support"]


def test_pages_follow_modules_dimensions_and_switched_on_optional_modules(open_round):
    questionnaire = questionnaire_for_round(round=open_round)

    assert [page.key for page in questionnaire.pages] == ["SF-K", "SF-P", "MK-1", "MK-2", "MK-claim", "KO", "KW"]
    assert [page.number for page in questionnaire.pages] == list(range(1, 8))
    assert [section.code for section in questionnaire.sections] == ["SF", "MK", "KO", "KW"]


def test_optional_module_not_switched_on_has_no_page(open_round):
    keys = [page.key for page in questionnaire_for_round(round=open_round).pages]

    assert "CX" not in keys
    assert questionnaire_for_round(round=open_round).locate("CX.1") is None


def test_phase_claim_is_the_last_page_of_the_phase_module(open_round):
    questionnaire = questionnaire_for_round(round=open_round)
    claim = present(questionnaire.page("MK-claim"))

    assert [item.code for item in claim.items] == ["MK.phase"]
    assert present(questionnaire.next(claim)).key == "KO"
    assert claim.part == claim.parts == 3


def test_items_carry_their_scale_options_in_order(open_round):
    page = present(questionnaire_for_round(round=open_round).page("MK-1"))

    assert [option.value for option in page.items[0].options] == [0, 1, 2, 3]
    assert page.items[0].code == "MK.1.1"


def test_success_factor_items_are_grouped_per_factor(open_round):
    page = present(questionnaire_for_round(round=open_round).page("SF-K"))

    groups = page.groups
    assert [len(group.items) for group in groups] == [2, 1]
    assert groups[0].heading == "Factor SF.K1"


def test_previous_and_next_walk_the_pages(open_round):
    questionnaire = questionnaire_for_round(round=open_round)

    assert questionnaire.previous(present(questionnaire.first)) is None
    assert questionnaire.next(questionnaire.pages[-1]) is None
    assert present(questionnaire.next(present(questionnaire.page("SF-P")))).key == "MK-1"


def test_optional_module_of_another_instrument_is_ignored(network, open_round):
    other = build_instrument(n=2)
    open_round.optional_modules.add(other.modules.get(code="CX"))

    assert "CX" not in [page.key for page in questionnaire_for_round(round=open_round).pages]


def test_structure_is_built_with_the_same_queries_whatever_the_size(network):
    small = build_round(network=network, instrument=build_instrument(n=2))
    large = build_round(network=network, instrument=build_instrument(n=30), optional=("KW", "CX"))

    with CaptureQueriesContext(connection) as few:
        questionnaire_for_round(round=small)
    with CaptureQueriesContext(connection) as many:
        assert questionnaire_for_round(round=large).item_count > 150

    assert len(few) == len(many) == 4


@pytest.mark.django_db
def test_shipped_instrument_gives_one_page_per_area_and_phase():
    instrument = Instrument.objects.latest_published()
    assert instrument is not None, "the data migration loads the shipped instrument"
    from networks.models import Network

    network = Network.objects.create(name="N", slug="n")
    round = build_round(network=network, instrument=instrument, optional=("KW", "CX", "BB", "RL"))

    keys = [page.key for page in questionnaire_for_round(round=round).pages]

    assert keys == ["SF-K", "SF-P", "SF-N", "SF-O", "SF-C", "SF-X", "MK-1", "MK-2", "MK-3", "MK-4", "MK-claim",
                    "KO", "KW", "CX", "BB", "RL"]
