"""Loading instrument files: validation, atomicity, idempotence, in-place updates and versions side by side."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.loader import instrument_file_load, instrument_files_load
from assessments.models import Dimension, Instrument, InstrumentStatus, Item, Module, Scale, ScaleOption
from assessments.schema import InstrumentFileError, instrument_file_parse
from assessments.selectors import codebook_get
from tests.assessments.instrument_testkit import SHIPPED_V1, find, writes

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Instrument, Scale, ScaleOption, Module, Dimension, Item))


def test_fixture_file_loads_every_row(proef_path):
    result = instrument_file_load(path=proef_path)
    instrument = Instrument.objects.get(slug="proef", version=1)
    assert result.action == "created"
    assert set(instrument.items.values_list("code", flat=True)) == {
        "SF.K1.presence", "SF.K1.importance", "MK.1.1", "MK.phase", "KO.1", "XT.1"}
    assert instrument.scales.count() == 5
    assert instrument.modules.get(code="XT").optional is True
    assert instrument.modules.get(code="XT").allow_comment is False
    assert instrument.status == InstrumentStatus.PUBLISHED  # the default when the file does not say
    item = instrument.items.get(code="SF.K1.presence")
    assert (item.factor, item.aspect) == ("SF.K1", "presence")  # derived from the code
    assert item.flags == ["critical"]
    assert item.source == {"file": "004", "section": "4.6", "lines": "1661-1662", "note": "Test note."}
    assert list(item.scale.options.values_list("value", flat=True)) == [1, 2, 3, 4, 5]


def test_items_keep_file_order(proef):
    assert list(proef.items.order_by("order").values_list("code", flat=True)) == [
        "SF.K1.presence", "SF.K1.importance", "MK.1.1", "MK.phase", "KO.1", "XT.1"]


def test_loading_an_unchanged_file_again_writes_nothing(proef, proef_path):
    before = Instrument.objects.get(pk=proef.pk).loaded_at
    with CaptureQueriesContext(connection) as captured:
        result = instrument_file_load(path=proef_path)
    assert result.action == "unchanged"
    assert writes(captured) == []
    assert Instrument.objects.get(pk=proef.pk).loaded_at == before


def test_loading_the_shipped_file_twice_writes_nothing(shipped):
    with CaptureQueriesContext(connection) as captured:
        instrument_files_load(paths=[SHIPPED_V1])
        instrument_files_load(paths=[SHIPPED_V1])
    assert writes(captured) == []


def test_first_load_of_the_shipped_file_then_a_second_is_a_no_op(shipped):
    shipped.delete()
    assert instrument_file_load(path=SHIPPED_V1).action == "created"
    with CaptureQueriesContext(connection) as captured:
        assert instrument_file_load(path=SHIPPED_V1).action == "unchanged"
    assert writes(captured) == []


def test_a_changed_file_updates_an_unlocked_version_in_place(proef, proef_data, write_instrument):
    ids = dict(proef.items.values_list("code", "pk"))
    find(proef_data, "KO.1")["text"]["nl"] = "Herkent u dit in onze samenwerking?"
    proef_data["modules"][3]["dimensions"][0]["items"].append({
        "code": "XT.2", "label": {"nl": "Nieuw", "en": "New"}, "text": {"nl": "Nieuwe vraag", "en": "New question"},
        "scale": "presence5", "source": {"file": "002", "lines": "401"}})
    proef_data["modules"][1]["dimensions"][0]["items"] = []  # removing MK.1.1 needs at least one item: drop dim
    proef_data["modules"][1]["dimensions"].pop(0)
    proef_data["scales"][1]["options"].append({"value": 3, "label": {"nl": "Middel", "en": "Medium"}})
    proef_data["instrument"]["status"] = "retired"

    result = instrument_file_load(path=write_instrument(proef_data))

    assert result.action == "updated"
    assert result.created == ["XT.2"] and result.deleted == ["MK.1.1"] and "KO.1" in result.changed
    items = dict(Instrument.objects.get(pk=proef.pk).items.values_list("code", "pk"))
    assert set(items) == set(ids) - {"MK.1.1"} | {"XT.2"}
    assert all(items[code] == ids[code] for code in ids if code in items)  # upserted, not recreated
    assert Item.objects.get(pk=ids["KO.1"]).text_nl == "Herkent u dit in onze samenwerking?"
    assert not Dimension.objects.filter(module__instrument=proef, code="1").exists()
    assert list(proef.scales.get(code="importance5").options.values_list("value", flat=True)) == [1, 5, 3]
    assert Instrument.objects.get(pk=proef.pk).status == InstrumentStatus.RETIRED


def test_an_item_can_move_to_another_dimension(proef, proef_data, write_instrument):
    item = find(proef_data, "XT.1")
    proef_data["modules"][3]["dimensions"][0]["items"].append({**item, "code": "XT.9"})
    proef_data["modules"][3]["dimensions"].append({
        "code": "tweede", "title": {"nl": "Tweede", "en": "Second"}, "items": [item]})
    proef_data["modules"][3]["dimensions"][0]["items"].remove(item)
    instrument_file_load(path=write_instrument(proef_data))
    assert Item.objects.get(instrument=proef, code="XT.1").dimension.code == "tweede"


def test_a_second_version_loads_beside_the_first_and_both_stay_readable(shipped, v2_path):
    v1_items = shipped.items.count()
    result = instrument_file_load(path=v2_path)
    v2 = Instrument.objects.get(slug="ketenregie", version=9)
    assert result.action == "created"
    assert shipped.items.count() == v1_items
    assert Instrument.objects.latest_published() == v2
    assert len(codebook_get(instrument=shipped).items) == v1_items
    assert [i["code"] for i in codebook_get(instrument=v2).items] == ["SF.K1.presence"]
    # The same stable code lives in both versions, each with its own wording.
    texts = dict(Item.objects.filter(code="SF.K1.presence").values_list("instrument__version", "text_nl"))
    assert texts[1] != texts[9]
    # Loading both again is a no-op.
    with CaptureQueriesContext(connection) as captured:
        instrument_files_load(paths=[SHIPPED_V1, v2_path])
    assert writes(captured) == []


def test_two_files_for_the_same_version_are_refused(proef_path, proef_data, write_instrument):
    copy_path = write_instrument(proef_data, name="copy.yaml")
    with pytest.raises(InstrumentFileError, match="proef v1 staat ook in"):
        instrument_files_load(paths=[proef_path, copy_path])
    assert not Instrument.objects.filter(slug="proef").exists()


# --- bad files ---------------------------------------------------------------------------------------------


def _duplicate_code(d):
    find(d, "KO.1")["code"] = "MK.1.1"
    d["modules"][2]["code"] = "KO"


def _duplicate_code_same_module(d):
    items = d["modules"][0]["dimensions"][0]["items"]
    items.append(dict(items[0]))


def _unknown_scale(d):
    find(d, "KO.1")["scale"] = "herkenning9"


def _missing_translation(d):
    find(d, "MK.1.1")["text"]["en"] = ""


def _missing_language_key(d):
    del find(d, "MK.1.1")["label"]["en"]


def _missing_help_translation(d):
    find(d, "SF.K1.presence")["help"]["en"] = ""


def _missing_source(d):
    del find(d, "KO.1")["source"]


def _missing_source_lines(d):
    del find(d, "KO.1")["source"]["lines"]


def _unknown_flag(d):
    find(d, "KO.1")["flags"] = ["kritiek"]


def _bad_sf_code(d):
    find(d, "SF.K1.presence")["code"] = "SF.K1.aanwezig"


def _sf_code_in_wrong_area(d):
    find(d, "SF.K1.presence")["code"] = "SF.P1.presence"


def _bad_mk_code(d):
    find(d, "MK.1.1")["code"] = "MK.5.1"


def _bad_ko_code(d):
    find(d, "KO.1")["code"] = "KO.10"


def _optional_module_code_without_prefix(d):
    find(d, "XT.1")["code"] = "RL.1"


def _label_too_long(d):
    find(d, "KO.1")["label"]["nl"] = "x" * 61


def _reserved_missing_value(d):
    d["scales"][0]["options"][0]["value"] = -9


def _duplicate_option_value(d):
    d["scales"][0]["options"][1]["value"] = 1


def _unknown_field(d):
    find(d, "KO.1")["flag"] = ["critical"]


def _contradicting_factor(d):
    find(d, "SF.K1.presence")["factor"] = "SF.K2"


BAD_FILES = [
    (_duplicate_code, "item MK.1.1", "dubbele itemcode"),
    (_duplicate_code_same_module, "item SF.K1.presence", "dubbele itemcode"),
    (_unknown_scale, "item KO.1", "onbekende schaal 'herkenning9'"),
    (_missing_translation, "item MK.1.1", "vertaling ontbreekt: 'text.en' is leeg"),
    (_missing_language_key, "item MK.1.1", "vertaling ontbreekt: 'label.en' is leeg"),
    (_missing_help_translation, "item SF.K1.presence", "vertaling ontbreekt: 'help.en' is leeg"),
    (_missing_source, "item KO.1", "bronvermelding 'source' ontbreekt"),
    (_missing_source_lines, "item KO.1", "veld 'lines' ontbreekt"),
    (_unknown_flag, "item KO.1", "onbekende vlag 'kritiek'"),
    (_bad_sf_code, "item SF.K1.aanwezig", "volgt het schema van module SF niet"),
    (_sf_code_in_wrong_area, "item SF.P1.presence", "hoort niet bij dimensie K"),
    (_bad_mk_code, "item MK.5.1", "volgt het schema van module MK niet"),
    (_bad_ko_code, "item KO.10", "volgt het schema van module KO niet"),
    (_optional_module_code_without_prefix, "item RL.1", "moet beginnen met de modulecode: 'XT.'"),
    (_label_too_long, "item KO.1", "'label.nl' is langer dan 60 tekens"),
    (_reserved_missing_value, "schaal presence5", "gereserveerd voor 'weet niet"),
    (_duplicate_option_value, "schaal presence5", "dubbele optiewaarde 1"),
    (_unknown_field, "item KO.1", "onbekend veld 'flag'"),
    (_contradicting_factor, "item SF.K1.presence", "'factor' moet SF.K1 zijn"),
]


@pytest.mark.parametrize(("breakage", "where", "problem"), BAD_FILES, ids=[b[0].__name__[1:] for b in BAD_FILES])
def test_a_bad_file_is_refused_naming_file_item_and_problem(breakage, where, problem, proef_data,
                                                            write_instrument):
    breakage(proef_data)
    path = write_instrument(proef_data, name="kapot-v1.yaml")
    before = _counts()
    with pytest.raises(InstrumentFileError) as excinfo:
        instrument_file_load(path=path)
    message = str(excinfo.value)
    line = next((ln for ln in message.splitlines() if problem in ln), None)
    assert line is not None, message
    assert line.startswith(str(path)) or line.startswith("kapot-v1.yaml") or "kapot-v1.yaml" in line
    assert where in line
    assert _counts() == before


def test_a_bad_file_for_a_loaded_version_leaves_the_stored_version_untouched(proef, proef_data,
                                                                              write_instrument):
    find(proef_data, "KO.1")["text"]["nl"] = "Nieuwe tekst"
    find(proef_data, "MK.1.1")["scale"] = "bestaat-niet"
    with pytest.raises(InstrumentFileError):
        instrument_file_load(path=write_instrument(proef_data))
    assert Item.objects.get(instrument=proef, code="KO.1").text_nl == "Herkent u dit?"


def test_all_problems_are_reported_at_once(proef_data, write_instrument):
    _unknown_scale(proef_data)
    _missing_translation(proef_data)
    with pytest.raises(InstrumentFileError) as excinfo:
        instrument_file_load(path=write_instrument(proef_data))
    assert len(excinfo.value.problems) == 2
    assert {where for where, _problem in excinfo.value.problems} == {"item KO.1", "item MK.1.1"}


def test_a_failure_while_writing_leaves_nothing_half_loaded(proef_path, monkeypatch):
    real_bulk_create = Item.objects.bulk_create

    def insert_two_then_fail(objs, *args, **kwargs):
        real_bulk_create(objs[:2], *args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Item.objects, "bulk_create", insert_two_then_fail)
    before = _counts()
    with pytest.raises(RuntimeError):
        instrument_file_load(path=proef_path)
    assert _counts() == before


def test_duplicate_yaml_keys_are_refused(write_instrument, tmp_path, proef_path):
    text = proef_path.read_text(encoding="utf-8").replace(
        "            scale: recognition4\n",
        "            scale: recognition4\n            scale: presence5\n")
    path = tmp_path / "dubbel.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentFileError, match="duplicate key 'scale'"):
        instrument_file_parse(path=path)


def test_an_unquoted_seed_number_is_refused(tmp_path, proef_path):
    text = proef_path.read_text(encoding="utf-8").replace('{file: "002", lines: "400"}', "{file: 002, lines: 400}")
    path = tmp_path / "nummer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentFileError, match="item XT.1: 'source.file' moet tekst"):
        instrument_file_parse(path=path)


def test_invalid_yaml_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "stuk.yaml"
    path.write_text("instrument: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentFileError, match="stuk.yaml: bestand: geen geldige YAML"):
        instrument_file_parse(path=path)


def test_the_status_comes_from_the_file(proef_data, write_instrument):
    proef_data["instrument"]["status"] = "draft"
    instrument_file_load(path=write_instrument(proef_data))
    assert Instrument.objects.get(slug="proef").status == InstrumentStatus.DRAFT
    proef_data["instrument"]["status"] = "gepland"
    with pytest.raises(InstrumentFileError, match="onbekende status 'gepland'"):
        instrument_file_parse(path=write_instrument(proef_data))


def test_the_yaml_dump_of_the_shipped_file_parses_to_the_same_content(tmp_path):
    """A reformatted file (other quoting, no comments) has other bytes but the same content."""
    data = yaml.safe_load(SHIPPED_V1.read_text(encoding="utf-8"))
    path = tmp_path / "herschreven.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    original, rewritten = instrument_file_parse(path=SHIPPED_V1), instrument_file_parse(path=path)
    assert original.checksum != rewritten.checksum
    assert original.content == rewritten.content
