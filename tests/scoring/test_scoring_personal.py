"""The personal view: own value beside the network value."""

import pytest

from scoring.personal import respondent_view
from scoring.round import score_round
from scoring.standard import standard_item_specs
from scoring.types import ItemSpec, Respondent

REVERSED = ItemSpec(code="KW.1", module="KW", dimension="d", reverse=True)
ITEMS = (*standard_item_specs(), REVERSED)


def test_own_versus_network() -> None:
    me = Respondent(
        id="me",
        answers={"SF.K1.presence": 5, "SF.K1.importance": None, "MK.1.1": 3, "KW.1": 1},
    )
    other = Respondent(id="other", answers={"SF.K1.presence": 1, "SF.K1.importance": 4, "MK.1.1": 0, "KW.1": 5})
    scores = score_round(items=ITEMS, respondents=[me, other])
    view = respondent_view(respondent=me, items=ITEMS, scores=scores)

    assert view.items["SF.K1.presence"].own == 5.0
    assert view.items["SF.K1.presence"].network == 3.0
    assert view.items["SF.K1.presence"].difference == 2.0
    assert view.items["SF.K1.importance"].own is None
    assert view.items["SF.K1.importance"].own_dont_know is True
    assert view.items["KW.1"].own == 5.0  # reflected: 1 + 5 - 1, same direction as the mean
    assert view.items["KW.1"].network == 3.0

    assert view.factors["SF.K1"]["presence"].own == 100.0
    assert view.factors["SF.K1"]["presence"].network == 50.0
    assert view.factors["SF.K1"]["importance"].own is None
    assert view.factors["SF.K1"]["importance"].difference is None
    assert view.areas["K"].own == 100.0 and view.areas["K"].network == 50.0
    assert view.overall.own == 100.0 and view.overall.network == 50.0
    assert view.minkman_phases[1].own == 100.0
    assert view.minkman_phases[1].network == 50.0
    assert view.minkman_phases[2].own is None

    data = view.to_dict()
    assert data["respondent"] == "me"
    assert data["items"]["SF.K1.presence"] == {
        "difference": 2.0,
        "network": 3.0,
        "own": 5.0,
        "own_dont_know": False,
        "own_not_applicable": False,
    }
    assert list(data["minkman_phases"]) == ["1", "2", "3", "4"]


def test_view_validates_the_respondent() -> None:
    scores = score_round(items=ITEMS, respondents=[])
    with pytest.raises(ValueError):
        respondent_view(respondent=Respondent(id="x", answers={"KO.1": 7}), items=ITEMS, scores=scores)
