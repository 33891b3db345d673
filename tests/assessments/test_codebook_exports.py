"""The codebook selector and its CSV and JSON forms hold every item with its scale, flags and source."""

import csv
import io
import json

import pytest

from assessments.codebook import CSV_COLUMNS, codebook_csv, codebook_json
from assessments.models import DONT_KNOW_EXPORT_CODE
from assessments.selectors import codebook_get

pytestmark = pytest.mark.django_db


def _csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_codebook_lists_every_item_in_questionnaire_order(shipped, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        codebook = codebook_get(instrument=shipped)
    assert [i["code"] for i in codebook.items] == list(shipped.items.order_by("order").values_list("code", flat=True))
    assert [block.module.code for block in codebook.modules] == ["SF", "MK", "KO", "KW", "CX", "BB", "RL"]


def test_the_csv_reads_back_with_every_item_and_intact_accents(shipped):
    rows = _csv_rows(codebook_csv(codebook=codebook_get(instrument=shipped)))
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert {r["code"] for r in rows} == set(shipped.items.values_list("code", flat=True))
    first = rows[0]
    assert first["code"] == "SF.K1.presence"
    assert "cliënt" in first["label_nl"]
    assert first["text_nl"] == shipped.items.get(code="SF.K1.presence").text_nl
    assert first["value_labels_nl"].startswith("1=Niet aanwezig | 2=")
    assert (first["value_min"], first["value_max"]) == ("1", "5")
    assert first["missing_value"] == str(DONT_KNOW_EXPORT_CODE)
    assert first["source_file"] == "004" and first["source_lines"]


def test_the_csv_marks_flags_in_one_column_and_as_zero_one_columns(shipped):
    rows = {r["code"]: r for r in _csv_rows(codebook_csv(codebook=codebook_get(instrument=shipped)))}
    assert rows["SF.P3.presence"]["flags"] == "critical" and rows["SF.P3.presence"]["flag_critical"] == "1"
    assert rows["SF.P1.presence"]["flag_precondition"] == "1" and rows["SF.P1.presence"]["flag_critical"] == "0"
    assert rows["SF.X1.importance"]["flag_extra"] == "1"


def test_the_csv_of_the_fixture_keeps_accents_in_help_text(proef):
    rows = _csv_rows(codebook_csv(codebook=codebook_get(instrument=proef)))
    assert rows[0]["help_nl"] == "Denk aan één concrete cliënt."
    assert rows[-1]["module_optional"] == "1" and rows[-1]["flag_reverse"] == "1"


def test_the_json_holds_instrument_scales_modules_and_every_item(shipped):
    data = json.loads(codebook_json(codebook=codebook_get(instrument=shipped)))
    assert data["instrument"]["slug"] == "ketenregie" and data["instrument"]["version"] == 1
    assert data["missing_value"]["code"] == DONT_KNOW_EXPORT_CODE
    assert data["unanswered_value"] is None
    assert {i["code"] for i in data["items"]} == set(shipped.items.values_list("code", flat=True))
    scales = {s["code"]: s for s in data["scales"]}
    for item in data["items"]:
        assert item["scale"] in scales
        assert item["text"]["nl"] and item["text"]["en"]
        assert item["source"]["file"] and item["source_reference"].startswith("seed ")
    mk = next(m for m in data["modules"] if m["code"] == "MK")
    assert [d["code"] for d in mk["dimensions"]] == ["1", "2", "3", "4", "claim"]
    assert len(mk["dimensions"][0]["items"]) == 10
    assert [o["value"] for o in scales["realised4"]["options"]] == [0, 1, 2, 3]


def test_the_json_keeps_non_ascii_characters_readable(proef):
    text = codebook_json(codebook=codebook_get(instrument=proef))
    assert "cliënt" in text and "\\u00eb" not in text
