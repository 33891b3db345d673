"""Research rows code "niet van toepassing" (instrument version 2) as -8, apart from "weet niet" (-9 / null)."""

import pytest

from assessments.models import DONT_KNOW_EXPORT_CODE, NOT_APPLICABLE_EXPORT_CODE, Instrument
from assessments.selectors import codebook_get
from research.selectors import ResearchFilters, research_answers
from rounds.models import Answer
from tests.must import present

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument(db) -> Instrument:
    return Instrument.objects.get(slug="ketenregie", version=2)


def test_nvt_rows_carry_their_own_code_and_weet_niet_stays_null(make_round, consenting, instrument):
    round_ = make_round(network=consenting(), respondents=5)
    answers = Answer.objects.filter(response__round=round_, item__code="KO.1").order_by("response_id")
    nvt, dont_know = answers[0], answers[1]
    Answer.objects.filter(pk=nvt.pk).update(value=None, not_applicable=True)
    Answer.objects.filter(pk=dont_know.pk).update(value=None)
    values = {response_id: value for _round, response_id, item_id, value, *_rest
              in research_answers(filters=ResearchFilters(instrument=instrument)) if item_id == nvt.item_id}
    assert values[nvt.response_id] == NOT_APPLICABLE_EXPORT_CODE == -8
    assert values[dont_know.response_id] is None  # the writers turn it into DONT_KNOW_EXPORT_CODE
    assert sorted(set(values.values()) - {None, -8}) == [3]


def test_the_v2_codebook_names_both_codes_and_v1_keeps_the_combined_one(instrument):
    v2 = codebook_get(instrument=instrument)
    assert v2.missing_value == {"code": DONT_KNOW_EXPORT_CODE, "label": {"nl": "Weet niet", "en": "Don't know"}}
    assert present(v2.not_applicable_value)["code"] == NOT_APPLICABLE_EXPORT_CODE
    v1 = codebook_get(instrument=Instrument.objects.get(slug="ketenregie", version=1))
    assert v1.not_applicable_value is None and "niet van toepassing" in v1.missing_value["label"]["nl"]


def test_both_missing_codes_are_declared_for_every_export():
    from research.columns import missing_codes, missing_values

    assert missing_codes() == (DONT_KNOW_EXPORT_CODE, NOT_APPLICABLE_EXPORT_CODE)
    assert dict(missing_values("nl"))[NOT_APPLICABLE_EXPORT_CODE] == "Niet van toepassing"
    assert dict(missing_values("en"))[NOT_APPLICABLE_EXPORT_CODE] == "Not applicable"
