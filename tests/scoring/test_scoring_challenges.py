"""Kaats & Opheij challenges: recognised share, intensity and the top-three tie-breaks."""

from collections.abc import Mapping

import pytest

from scoring.answers import index_items, score_answers
from scoring.challenges import score_challenges, top_challenges
from scoring.standard import challenge_specs
from scoring.types import ChallengeScores, Respondent

INDEX = index_items(items=challenge_specs())


def _score(*answer_sets: Mapping[str, int | None]) -> dict[str, ChallengeScores]:
    people = [Respondent(id=str(i), answers=answers) for i, answers in enumerate(answer_sets)]
    return score_challenges(items=INDEX, sheets=score_answers(items=INDEX, respondents=people))


def test_recognised_share_and_mean_by_hand() -> None:
    scores = _score({"KO.1": 2}, {"KO.1": 3}, {"KO.1": 1}, {"KO.1": 0}, {"KO.1": None})
    ko1 = scores["KO.1"]
    assert ko1.n == 4 and ko1.n_dont_know == 1
    assert ko1.recognised_share == 50.0  # 2 and 3 of four numeric answers
    assert ko1.mean == 1.5
    assert scores["KO.2"].recognised_share is None and scores["KO.2"].mean is None
    assert list(scores) == [f"KO.{n}" for n in range(1, 10)]


def test_top_three_tie_breaks() -> None:
    columns = {
        "KO.1": [2, 2, 1, 1],  # 50 %, mean 1.5
        "KO.2": [3, 3, 1, 1],  # 50 %, mean 2.0  -> beats KO.1 on mean
        "KO.3": [2, 2, 2, 0],  # 75 %, mean 1.5  -> first on share
        "KO.4": [3, 2, 1, 0],  # 50 %, mean 1.5  -> ties KO.1 fully, loses on code
        "KO.5": [1, 1, 1, 1],  # 0 %: never listed
    }
    people = [{code: values[i] for code, values in columns.items()} for i in range(4)]
    scores = _score(*people)
    assert top_challenges(challenges=scores) == ("KO.3", "KO.2", "KO.1")
    assert top_challenges(challenges=scores, count=4) == ("KO.3", "KO.2", "KO.1", "KO.4")


def test_top_list_can_be_shorter_and_orders_codes_naturally() -> None:
    scores = _score({"KO.9": 3, "KO.8": 1})
    assert top_challenges(challenges=scores) == ("KO.9",)
    tie = {
        code: ChallengeScores(code=code, recognised_share=50.0, mean=2.0, n=2, n_dont_know=0)
        for code in ("KO.10", "KO.2")
    }
    assert top_challenges(challenges=tie) == ("KO.2", "KO.10")


def test_all_dont_know() -> None:
    scores = _score({"KO.1": None}, {"KO.1": None})
    assert scores["KO.1"].n == 0 and scores["KO.1"].n_dont_know == 2
    assert scores["KO.1"].recognised_share is None
    assert top_challenges(challenges=scores) == ()


@pytest.mark.parametrize("value", [-1, 4])
def test_out_of_scale(value: int) -> None:
    with pytest.raises(ValueError):
        _score({"KO.1": value})
