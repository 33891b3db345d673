"""A version with answers is locked: model saves and deletes, and the loader, refuse to change it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.loader import instrument_file_load
from assessments.models import (
    Dimension,
    Instrument,
    InstrumentLockedError,
    InstrumentStatus,
    Item,
    Module,
    Scale,
    ScaleOption,
)
from tests.assessments.instrument_testkit import find, writes

pytestmark = pytest.mark.django_db


def test_an_instrument_without_answers_is_not_locked(proef):
    assert proef.is_locked is False


def test_one_answer_locks_the_instrument(proef, lock):
    lock(proef)
    assert proef.is_locked is True


@pytest.mark.parametrize("get_row", [
    lambda i: i.items.get(code="KO.1"),
    lambda i: i.scales.get(code="presence5"),
    lambda i: ScaleOption.objects.filter(scale__instrument=i).first(),
    lambda i: i.modules.get(code="XT"),
    lambda i: Dimension.objects.filter(module__instrument=i).first(),
], ids=["item", "scale", "option", "module", "dimension"])
def test_saving_a_row_of_a_locked_version_is_refused(proef, lock, get_row):
    lock(proef)
    row = get_row(proef)
    field = "label_nl" if hasattr(row, "label_nl") else "title_nl" if hasattr(row, "title_nl") else "name_nl"
    setattr(row, field, "Stiekem gewijzigd")
    with pytest.raises(InstrumentLockedError):
        row.save()
    assert getattr(type(row).objects.get(pk=row.pk), field) != "Stiekem gewijzigd"


@pytest.mark.parametrize("get_row", [
    lambda i: i.items.get(code="XT.1"),
    lambda i: ScaleOption.objects.filter(scale__instrument=i, scale__code="phase4").first(),
    lambda i: i.modules.get(code="XT"),
    lambda i: Dimension.objects.get(module__instrument=i, code="extra"),
], ids=["item", "option", "module", "dimension"])
def test_deleting_a_row_of_a_locked_version_is_refused(proef, lock, get_row):
    lock(proef)
    row = get_row(proef)
    with pytest.raises(InstrumentLockedError):
        row.delete()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_adding_an_item_to_a_locked_version_is_refused(proef, lock):
    lock(proef)
    dimension = Dimension.objects.get(module__instrument=proef, code="extra")
    item = Item(instrument=proef, dimension=dimension, scale=proef.scales.get(code="presence5"), code="XT.2",
                label_nl="x", label_en="x", text_nl="x", text_en="x", source={"file": "002", "lines": "1"})
    with pytest.raises(InstrumentLockedError):
        item.save()


def test_moving_an_item_out_of_a_locked_version_is_refused(proef, lock, v2_path):
    instrument_file_load(path=v2_path)
    v2 = Instrument.objects.get(slug="ketenregie", version=9)
    lock(proef)
    item = proef.items.get(code="XT.1")
    item.instrument = v2
    with pytest.raises(InstrumentLockedError):
        item.save()


def test_rows_of_an_unlocked_version_can_still_be_edited(proef):
    item = proef.items.get(code="KO.1")
    item.label_nl = "Gedeelde ambitie"
    item.save()
    assert Item.objects.get(pk=item.pk).label_nl == "Gedeelde ambitie"


def test_a_locked_version_may_be_retired_but_not_renamed_or_deleted(proef, lock):
    lock(proef)
    proef.status = InstrumentStatus.RETIRED
    proef.save()
    assert Instrument.objects.get(pk=proef.pk).status == InstrumentStatus.RETIRED
    proef.name_nl = "Andere naam"
    with pytest.raises(InstrumentLockedError):
        proef.save()
    with pytest.raises(InstrumentLockedError):
        Instrument.objects.get(pk=proef.pk).delete()


def test_an_unlocked_version_can_be_deleted_whole(proef):
    proef.delete()
    assert not Item.objects.filter(instrument__slug="proef").exists()
    assert not Scale.objects.filter(instrument__slug="proef").exists()


def test_the_loader_refuses_changed_content_for_a_locked_version(proef, lock, proef_data, write_instrument):
    lock(proef)
    find(proef_data, "KO.1")["text"]["nl"] = "Een andere vraag"
    with CaptureQueriesContext(connection) as captured, pytest.raises(InstrumentLockedError) as excinfo:
        instrument_file_load(path=write_instrument(proef_data))
    message = " ".join(excinfo.value.messages)
    assert "proef-v1.yaml" in message and "vergrendeld" in message and "item KO.1 is gewijzigd" in message
    assert writes(captured) == []
    assert Item.objects.get(instrument=proef, code="KO.1").text_nl == "Herkent u dit?"


@pytest.mark.parametrize("change", [
    lambda d: d["modules"][0]["dimensions"][0]["items"].pop(),
    lambda d: d["scales"][0]["options"].pop(),
    lambda d: d["modules"][0].update(title={"nl": "Factoren", "en": "Factors"}),
    lambda d: d["instrument"].update(name={"nl": "Andere naam", "en": "Other name"}),
], ids=["item-removed", "option-removed", "module-retitled", "instrument-renamed"])
def test_the_loader_refuses_any_content_change_for_a_locked_version(proef, lock, proef_data, write_instrument,
                                                                     change):
    lock(proef)
    change(proef_data)
    with pytest.raises(InstrumentLockedError):
        instrument_file_load(path=write_instrument(proef_data))


def test_the_loader_may_retire_a_locked_version(proef, lock, proef_data, write_instrument):
    lock(proef)
    proef_data["instrument"]["status"] = "retired"
    result = instrument_file_load(path=write_instrument(proef_data))
    assert result.action == "status"
    assert Instrument.objects.get(pk=proef.pk).status == InstrumentStatus.RETIRED


def test_a_reformatted_but_equal_file_for_a_locked_version_only_updates_the_checksum(proef, lock, proef_path,
                                                                                      tmp_path):
    lock(proef)
    path = tmp_path / "proef-v1.yaml"
    path.write_text("# reformatted\n" + proef_path.read_text(encoding="utf-8"), encoding="utf-8")
    with CaptureQueriesContext(connection) as captured:
        result = instrument_file_load(path=path)
    assert result.action == "checksum"
    assert [sql for sql in writes(captured) if "assessments_instrument" not in sql] == []


def test_the_shipped_version_locks_too(shipped, lock, tmp_path):
    from tests.assessments.instrument_testkit import SHIPPED_V1

    lock(shipped)
    path = tmp_path / "ketenregie-v1.yaml"
    path.write_text(SHIPPED_V1.read_text(encoding="utf-8").replace("In hoeverre is dit in ons netwerk aanwezig?",
                                                                  "Is dit aanwezig?", 1), encoding="utf-8")
    with pytest.raises(InstrumentLockedError, match="SF.K1.presence is gewijzigd"):
        instrument_file_load(path=path)
    assert Module.objects.filter(instrument=shipped).count() == 7
