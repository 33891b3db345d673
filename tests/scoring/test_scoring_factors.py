"""Success factors: 0-100 scaling, area and overall weighting, the priority matrix."""

import pytest

from scoring.answers import index_items, score_answers
from scoring.factors import (
    MAINTAIN,
    PRIORITY,
    STRENGTH,
    UNDEREXPOSED,
    is_high,
    quadrant,
    score_areas,
    score_factors,
    score_overall,
)
from scoring.standard import success_factor_specs
from scoring.types import Respondent

INDEX = index_items(items=success_factor_specs())


def _score(*answer_sets: dict[str, int | None]):
    people = [Respondent(id=str(i), answers=answers) for i, answers in enumerate(answer_sets)]
    sheets = score_answers(items=INDEX, respondents=people)
    factors = score_factors(items=INDEX, sheets=sheets)
    areas = score_areas(items=INDEX, sheets=sheets, factors=factors)
    return factors, areas, score_overall(areas=areas)


def test_factor_scores_by_hand() -> None:
    factors, _, _ = _score(
        {"SF.K1.presence": 2, "SF.K1.importance": 4},
        {"SF.K1.presence": 4, "SF.K1.importance": 5},
        {"SF.K1.presence": None, "SF.K1.importance": 5},
    )
    k1 = factors["SF.K1"]
    assert k1.presence_mean == 3.0 and k1.presence == 50.0  # (3 - 1) / 4 * 100
    assert k1.importance_mean == pytest.approx(14 / 3)
    assert k1.importance == pytest.approx((14 / 3 - 1) / 4 * 100)
    assert k1.sd == pytest.approx(2**0.5)  # [2, 4]
    assert (k1.n, k1.n_importance) == (2, 3)
    # importance 4.67 > 3 is high; presence exactly 3.0 counts as low (tie rule)
    assert k1.quadrant == PRIORITY


def test_quadrants_and_tie_rule() -> None:
    assert is_high(mean=3, scale_min=1, scale_max=5) is False
    assert is_high(mean=3.01, scale_min=1, scale_max=5) is True
    assert is_high(mean=None, scale_min=1, scale_max=5) is None
    assert quadrant(present=True, important=True) == STRENGTH
    assert quadrant(present=False, important=True) == PRIORITY
    assert quadrant(present=True, important=False) == MAINTAIN
    assert quadrant(present=False, important=False) == UNDEREXPOSED
    assert quadrant(present=None, important=True) is None


def test_missing_aspect_gives_no_quadrant() -> None:
    factors, _, _ = _score({"SF.P1.importance": 5})
    assert factors["SF.P1"].presence is None
    assert factors["SF.P1"].importance == 100.0
    assert factors["SF.P1"].quadrant is None
    assert factors["SF.P1"].n == 0


def test_flags_come_from_the_items() -> None:
    factors, _, _ = _score()
    assert factors["SF.P3"].critical and not factors["SF.P3"].precondition
    assert factors["SF.O3"].precondition and not factors["SF.O3"].critical
    assert factors["SF.X1"].extra and factors["SF.X1"].area == "X"
    assert len(factors) == 21


def test_area_averages_factor_means_not_respondent_means() -> None:
    _, areas, _ = _score(
        {"SF.K1.presence": 5, "SF.K2.presence": 1},
        {"SF.K1.presence": 5},
        {"SF.K1.presence": 5},
    )
    # factor means: K1 100, K2 0 -> area 50 (respondent means would give (50+100+100)/3)
    assert areas["K"].presence == 50.0
    assert areas["K"].factors == 2
    assert areas["K"].n == 3
    assert areas["K"].importance is None
    assert areas["P"].presence is None and areas["P"].n == 0


def test_overall_weighs_core_areas_equally_and_leaves_out_x() -> None:
    _, areas, overall = _score(
        {
            "SF.K1.presence": 5,
            "SF.K2.presence": 1,  # K = (100 + 0) / 2 = 50
            "SF.P1.presence": 5,  # P = 100
            "SF.X1.presence": 1,  # X = 0, reported but not in overall
            "SF.P1.importance": 3,
        }
    )
    assert areas["X"].presence == 0.0
    assert overall.presence == 75.0  # (50 + 100) / 2
    assert overall.areas == 2
    assert overall.importance == 50.0  # only P has importance: (3 - 1) / 4 * 100


def test_no_answers_at_all() -> None:
    factors, areas, overall = _score()
    assert all(f.presence is None and f.quadrant is None for f in factors.values())
    assert overall.presence is None and overall.areas == 0
    assert set(areas) == {"K", "P", "N", "O", "C", "X"}
