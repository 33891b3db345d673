"""The questionnaire structure is built once per instrument content, module choice and language, per process."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessments.models import Item, ScaleOption
from rounds.questionnaire import questionnaire_for_round
from tests.must import present
from tests.rounds.respond_builders import build_instrument, build_round

pytest_plugins = ["tests.rounds.respond_support"]


def test_a_structure_built_before_costs_one_query(open_round):
    first = questionnaire_for_round(round=open_round)

    with CaptureQueriesContext(connection) as queries:
        again = questionnaire_for_round(round=open_round)

    assert len(queries) == 1
    assert again is first


def test_rounds_with_the_same_modules_share_the_structure_and_other_choices_do_not(network):
    instrument = build_instrument(n=2)
    plain = build_round(network=network, instrument=instrument, optional=())
    twin = build_round(network=network, instrument=instrument, optional=(), slug="twin")
    with_kw = build_round(network=network, instrument=instrument, optional=("KW",), slug="kw")

    assert questionnaire_for_round(round=plain) is questionnaire_for_round(round=twin)
    assert "KW" in [page.key for page in questionnaire_for_round(round=with_kw).pages]
    assert "KW" not in [page.key for page in questionnaire_for_round(round=plain).pages]


def test_an_edited_item_text_shows_on_the_next_request(open_round):
    questionnaire_for_round(round=open_round)
    item = Item.objects.get(instrument=open_round.instrument, code="MK.1.1")
    item.text_nl = "Een herschreven vraag"
    item.save()

    page, page_item = present(questionnaire_for_round(round=open_round).locate("MK.1.1"))

    assert page_item.text == "Een herschreven vraag"


def test_an_edited_scale_option_shows_on_the_next_request(open_round):
    questionnaire_for_round(round=open_round)
    option = ScaleOption.objects.filter(scale__instrument=open_round.instrument).earliest("pk")
    option.label_nl = "Nieuw label"
    option.save()

    labels = {o.label for page in questionnaire_for_round(round=open_round).pages for item in page.items
              for o in item.options}

    assert "Nieuw label" in labels


def test_a_deleted_item_is_gone_on_the_next_request(open_round):
    questionnaire_for_round(round=open_round)
    Item.objects.get(instrument=open_round.instrument, code="MK.1.1").delete()

    assert questionnaire_for_round(round=open_round).locate("MK.1.1") is None


def test_each_language_gets_its_own_texts(open_round):
    item = Item.objects.get(instrument=open_round.instrument, code="MK.1.1")
    item.text_nl, item.text_en = "Nederlandse vraag", "English question"
    item.save()

    with translation.override("nl"):
        dutch = present(questionnaire_for_round(round=open_round).locate("MK.1.1"))[1].text
    with translation.override("en"):
        english = present(questionnaire_for_round(round=open_round).locate("MK.1.1"))[1].text

    assert (dutch, english) == ("Nederlandse vraag", "English question")


def test_the_cached_structure_cannot_be_changed_by_a_caller(open_round):
    questionnaire = questionnaire_for_round(round=open_round)

    with pytest.raises(TypeError):
        questionnaire._by_key["SF-K"] = None  # type: ignore[index]
    assert questionnaire_for_round(round=open_round).page("SF-K") is not None
