"""Kaats & Opheij's nine collaboration challenges (seed 002, Check 2) as a poll.

The question is which challenges members recognise, so the headline number is the share of
respondents who recognise a challenge clearly (2 duidelijk) or strongly (3 sterk); the mean
intensity separates "widely but mildly" from "widely and strongly" recognised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.codes import KO_MODULE, is_challenge, natural_key
from scoring.tally import Tally, tally_sheets
from scoring.types import ChallengeScores, ItemSpec, ScoredSheet

RECOGNISED_FROM = 2
"""Answers 2 (duidelijk) and 3 (sterk) count as recognised; 1 (een beetje) does not."""

TOP_COUNT = 3


def score_challenges(*, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet],
                     tally: Tally | None = None) -> dict[str, ChallengeScores]:
    """Per challenge: recognised share = #answers >= 2 / #numeric answers * 100, and mean.

    "Weet niet" and "n.v.t." are excluded from both numerator and denominator; both are counted.
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    result: dict[str, ChallengeScores] = {}
    codes = sorted(
        (code for code, spec in items.items() if spec.module == KO_MODULE and is_challenge(code=code)),
        key=lambda code: natural_key(code=code),
    )
    for code in codes:
        counts = tally.counts(code)
        n = sum(counts.values())
        recognised = sum(count for value, count in counts.items() if value >= RECOGNISED_FROM)
        result[code] = ChallengeScores(
            code=code,
            recognised_share=recognised * 100 / n if n else None,
            mean=sum(value * count for value, count in counts.items()) / n if n else None,
            n=n,
            n_dont_know=tally.dont_know[code],
            n_not_applicable=tally.not_applicable[code],
        )
    return result


def top_challenges(*, challenges: Mapping[str, ChallengeScores], count: int = TOP_COUNT) -> tuple[str, ...]:
    """The most recognised challenges, at most ``count``.

    Order: recognised share descending, then mean intensity descending, then code in
    natural order (KO.1 before KO.2). Challenges nobody recognises (share 0 or no data)
    are never listed, so the list can be shorter than three.
    """
    candidates = [c for c in challenges.values() if c.recognised_share]
    candidates.sort(key=lambda c: natural_key(code=c.code))
    candidates.sort(key=lambda c: (-(c.recognised_share or 0.0), -(c.mean or 0.0)))
    return tuple(c.code for c in candidates[:count])
