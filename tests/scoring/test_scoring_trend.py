"""Trend between rounds: differences of published values, only for common codes."""

import json

from scoring.round import score_round
from scoring.standard import challenge_specs, success_factor_specs
from scoring.trend import compute_trend, difference
from scoring.types import ItemSpec, Respondent

KW1 = ItemSpec(code="KW.1", module="KW", dimension="betrouwbaarheid")
KW2 = ItemSpec(code="KW.2", module="KW", dimension="betrouwbaarheid")


def _round(items, answers: list[dict[str, int | None]], **kwargs):
    people = [Respondent(id=str(i), answers=a) for i, a in enumerate(answers)]
    return score_round(items=items, respondents=people, **kwargs)


PREVIOUS_ITEMS = (*success_factor_specs(), *challenge_specs(), KW1)
CURRENT_ITEMS = (*success_factor_specs(), *challenge_specs(), KW2)


def _previous():
    return _round(
        PREVIOUS_ITEMS,
        [
            {"SF.K1.presence": 2, "SF.P1.presence": 3, "KO.1": 1, "KW.1": 4},
            {"SF.K1.presence": 3, "SF.P1.presence": 3, "KO.1": 3, "KW.1": 4},
        ],
    )


def _current():
    return _round(
        CURRENT_ITEMS,
        [
            {"SF.K1.presence": 4, "SF.P1.presence": 3, "KO.1": 3, "KW.2": 2},
            {"SF.K1.presence": 5, "SF.P1.presence": None, "KO.1": 3, "KW.2": 2},
        ],
    )


def test_differences_by_hand() -> None:
    trend = compute_trend(current=_current(), previous=_previous())
    # K: 2.5 -> 37.5 before, 4.5 -> 87.5 now; P stays 50
    assert trend.areas["K"] == {"presence": 50.0, "importance": None}
    assert trend.areas["P"]["presence"] == 0.0
    # overall (K + P) / 2: 43.8 before (43.75 rounded up), 68.8 now
    assert trend.overall["presence"] == 25.0
    assert trend.factors["SF.K1"]["presence"] == 50.0
    assert trend.items["SF.K1.presence"] == 2.0
    assert trend.items["SF.K2.presence"] is None  # no data in either round
    assert trend.challenges["KO.1"] == 50.0  # 50 % -> 100 % recognised


def test_codes_missing_in_one_round_are_not_compared() -> None:
    trend = compute_trend(current=_current(), previous=_previous())
    assert "KW.1" not in trend.items and "KW.2" not in trend.items
    assert trend.only_current == ("KW.2",)
    assert trend.only_previous == ("KW.1",)


def test_stored_json_gives_the_same_trend() -> None:
    stored = json.loads(json.dumps(_previous().to_dict()))
    assert compute_trend(current=_current(), previous=stored) == compute_trend(current=_current(), previous=_previous())


def test_score_round_embeds_the_trend() -> None:
    scores = _round(
        CURRENT_ITEMS,
        [{"SF.K1.presence": 4}, {"SF.K1.presence": 5}],
        previous=_previous().to_dict(),
    )
    assert scores.trend is not None
    assert scores.to_dict()["trend"]["areas"]["K"]["presence"] == 50.0
    assert _previous().to_dict()["trend"] is None


def test_difference_uses_rounded_values_and_rejects_non_numbers() -> None:
    assert difference(current=62.3, previous=58.1) == 4.2
    assert difference(current=None, previous=1.0) is None
    assert difference(current=True, previous=1.0) is None
    assert difference(current=1.0, previous=1.0) == 0.0


def test_empty_previous() -> None:
    trend = compute_trend(current=_current(), previous={})
    assert trend.areas == {} and trend.items == {}
    assert trend.overall == {"presence": None, "importance": None}
