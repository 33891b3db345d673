"""Ketenregie scoring engine: pure functions from answers to numbers.

No Django, no ORM, no I/O: item specs and respondents in, a ``RoundScores`` out, whose
``to_dict()`` is the stored ``network_scores`` JSON. Every formula is documented in
docs/scoring.md, which the report's method appendix reuses.
"""

from scoring.personal import respondent_view
from scoring.round import score_round
from scoring.trend import compute_trend
from scoring.types import (
    AreaScores,
    Breakdown,
    ChallengeScores,
    Compared,
    DimensionScores,
    FactorScores,
    GroupScores,
    ItemSpec,
    ItemStats,
    MinkmanScores,
    OverallScores,
    Respondent,
    RespondentView,
    RoundScores,
    Trend,
)

__all__ = [
    "AreaScores",
    "Breakdown",
    "ChallengeScores",
    "Compared",
    "DimensionScores",
    "FactorScores",
    "GroupScores",
    "ItemSpec",
    "ItemStats",
    "MinkmanScores",
    "OverallScores",
    "Respondent",
    "RespondentView",
    "RoundScores",
    "Trend",
    "compute_trend",
    "respondent_view",
    "score_round",
]
