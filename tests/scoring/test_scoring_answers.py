"""Validation, "weet niet" versus unanswered, and reflection of reverse items."""

from typing import Any

import pytest

from scoring.answers import dont_know_count, index_items, reflect, score_answers, values_of
from scoring.types import ItemSpec, Respondent

PRESENCE = ItemSpec(code="SF.K1.presence", module="SF", factor="SF.K1", aspect="presence")
REVERSED = ItemSpec(code="KW.1", module="KW", dimension="d", reverse=True)
REVERSED_03 = ItemSpec(code="MK.1.1", module="MK", scale_min=0, scale_max=3, reverse=True)
ITEMS = (PRESENCE, REVERSED, REVERSED_03)


def test_reverse_items_are_reflected_min_plus_max_minus_x() -> None:
    assert reflect(value=2, spec=REVERSED) == 4  # 1 + 5 - 2
    assert reflect(value=1, spec=REVERSED_03) == 2  # 0 + 3 - 1
    assert reflect(value=2, spec=PRESENCE) == 2


def test_dont_know_is_kept_apart_from_unanswered() -> None:
    people = [
        Respondent(id="a", answers={"SF.K1.presence": 4, "KW.1": 2, "MK.1.1": 1}),
        Respondent(id="b", answers={"SF.K1.presence": None}),
        Respondent(id="c", answers={}),
    ]
    sheets = score_answers(items=ITEMS, respondents=people)
    assert values_of(sheets=sheets, code="SF.K1.presence") == [4]
    assert values_of(sheets=sheets, code="KW.1") == [4]
    assert values_of(sheets=sheets, code="MK.1.1") == [2]
    assert dont_know_count(sheets=sheets, code="SF.K1.presence") == 1
    assert sheets[2].values == {} and sheets[2].dont_know == frozenset()


def test_unknown_codes_are_ignored() -> None:
    (sheet,) = score_answers(items=ITEMS, respondents=[Respondent(id="a", answers={"FREE.1": 99, "MK.phase": 3})])
    assert sheet.values == {}


@pytest.mark.parametrize("bad", [0, 6, True, 2.5, "3"])
def test_invalid_values_are_refused(bad: Any) -> None:  # deliberately outside the declared answer type
    with pytest.raises(ValueError):
        score_answers(items=ITEMS, respondents=[Respondent(id="a", answers={"KW.1": bad})])


def test_duplicates_are_refused() -> None:
    with pytest.raises(ValueError):
        index_items(items=[PRESENCE, PRESENCE])
    with pytest.raises(ValueError):
        score_answers(items=ITEMS, respondents=[Respondent(id="a"), Respondent(id="a")])


def test_input_validation() -> None:
    with pytest.raises(ValueError):
        Respondent(id="a", level="bestuur")
    with pytest.raises(ValueError):
        ItemSpec(code="X", module="KW", scale_min=5, scale_max=1)
    with pytest.raises(ValueError):
        ItemSpec(code="X", module="SF", aspect="relevance")


def test_respondent_answers_are_read_only() -> None:
    source = {"KW.1": 3}
    person = Respondent(id="a", answers=source)
    source["KW.1"] = 1
    assert person.answers["KW.1"] == 3
    with pytest.raises(TypeError):
        person.answers["KW.1"] = 2  # type: ignore[index]
