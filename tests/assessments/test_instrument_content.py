"""The shipped version 1 carries the three frameworks completely, bilingually and with sources."""

import re

import pytest

from assessments.models import Item, ItemFlag
from assessments.schema import CODE_SCHEMES, instrument_file_parse
from tests.assessments.instrument_testkit import SHIPPED_V1

pytestmark = pytest.mark.django_db

AREAS = {"K": 3, "P": 3, "N": 5, "O": 6, "C": 3}  # seed 004 ch. 4.6: twenty factors in five areas


def _codes(instrument, prefix: str) -> set[str]:
    return set(instrument.items.filter(code__startswith=prefix).values_list("code", flat=True))


def test_all_21_success_factors_are_asked_for_presence_and_importance(shipped):
    expected = {f"SF.{area}{n}.{aspect}" for area, count in AREAS.items() for n in range(1, count + 1)
                for aspect in ("presence", "importance")}
    expected |= {"SF.X1.presence", "SF.X1.importance"}
    assert _codes(shipped, "SF.") == expected
    assert len(expected) == 42


def test_success_factor_items_carry_factor_and_aspect(shipped):
    for item in shipped.items.filter(code__startswith="SF."):
        factor, aspect = item.code.rsplit(".", 1)
        assert (item.factor, item.aspect) == (factor, aspect)


def test_six_critical_factors_and_five_preconditions_are_flagged(shipped):
    items = list(shipped.items.filter(code__startswith="SF."))
    critical = {i.factor for i in items if i.is_critical}
    preconditions = {i.factor for i in items if i.is_precondition}
    assert critical == {"SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1"}
    assert preconditions == {"SF.P1", "SF.P2", "SF.O1", "SF.O3", "SF.C3"}


def test_all_40_minkman_elements_and_the_phase_question_are_present(shipped):
    expected = {f"MK.{phase}.{n}" for phase in range(1, 5) for n in range(1, 11)} | {"MK.phase"}
    assert _codes(shipped, "MK.") == expected
    phases = {i.code: i.dimension.code for i in shipped.items.filter(code__startswith="MK.").select_related(
        "dimension")}
    assert all(phases[code] == code.split(".")[1] for code in expected - {"MK.phase"})


def test_minkman_elements_use_the_realised_scale_0_to_3(shipped):
    for item in shipped.items.filter(code__regex=r"^MK\.[1-4]\.").select_related("scale"):
        assert list(item.scale.options.values_list("value", flat=True)) == [0, 1, 2, 3], item.code


def test_all_9_challenges_are_present_on_the_recognition_scale(shipped):
    assert _codes(shipped, "KO.") == {f"KO.{n}" for n in range(1, 10)}
    for item in shipped.items.filter(code__startswith="KO.").select_related("scale"):
        assert list(item.scale.options.values_list("value", flat=True)) == [0, 1, 2, 3]


def test_every_item_has_both_languages_and_a_source_reference(shipped):
    items = list(shipped.items.all())
    assert len(items) >= 42 + 41 + 9
    for item in items:
        for field in ("label_nl", "label_en", "text_nl", "text_en"):
            assert getattr(item, field).strip(), f"{item.code}: {field} empty"
        assert item.source.get("file") and item.source.get("lines"), item.code
        assert re.fullmatch(r"seed \d{3}(, §.+)?, r\. [\d\-, ]+", item.source_reference()), item.source_reference()


def test_codes_are_unique_and_follow_the_scheme(shipped):
    codes = list(shipped.items.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for item in shipped.items.select_related("dimension__module"):
        module = item.dimension.module.code
        scheme = CODE_SCHEMES.get(module)
        if scheme:
            assert scheme.fullmatch(item.code), item.code
        else:
            assert item.code.startswith(f"{module}."), item.code


def test_flags_come_from_the_known_set(shipped):
    for flags in shipped.items.values_list("flags", flat=True):
        assert set(flags) <= set(ItemFlag.values)


def test_the_database_holds_exactly_what_the_file_says(shipped):
    spec = instrument_file_parse(path=SHIPPED_V1)
    stored = {i.code: i for i in Item.objects.filter(instrument=shipped)}
    assert stored.keys() == spec.items.keys()
    for code, row in spec.items.items():
        assert stored[code].text_nl == row["text_nl"] and stored[code].text_en == row["text_en"]
    assert shipped.checksum == spec.checksum
