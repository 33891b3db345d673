"""One evaluation round, scored end to end: the single entry point for the application."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from scoring.agreement import rank_disputed
from scoring.answers import index_items, score_answers
from scoring.challenges import score_challenges, top_challenges
from scoring.dimensions import score_dimensions
from scoring.factors import score_areas, score_factors, score_overall
from scoring.groups import DEFAULT_MIN_GROUP_SIZE, respondent_cells, score_breakdowns
from scoring.items import score_items
from scoring.minkman import score_minkman
from scoring.tally import tally_sheets, tally_sum
from scoring.trend import compute_trend
from scoring.types import ItemSpec, Respondent, RoundScores


def score_round(
    *,
    items: Sequence[ItemSpec],
    respondents: Sequence[Respondent],
    network_claimed_phase: int | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    previous: RoundScores | Mapping[str, object] | None = None,
) -> RoundScores:
    """Compute every score of a round from item specs and respondents.

    Pure: same input, same output, no I/O. Pass ``previous`` (an earlier round's
    RoundScores or its stored ``to_dict()``) to include the trend.
    """
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1")
    index = index_items(items=items)
    sheets = score_answers(items=index, respondents=respondents)
    # The answers are counted once, per organisation x level x role; the network and every breakdown group
    # are sums of those counts.
    cells = respondent_cells(items=index, sheets=sheets)
    tally = tally_sum(tallies=list(cells.values())) if cells else tally_sheets(items=index, sheets=sheets)
    item_stats = score_items(items=index, sheets=sheets, tally=tally)
    factors = score_factors(items=index, sheets=sheets, tally=tally)
    areas = score_areas(items=index, sheets=sheets, factors=factors, tally=tally)
    challenges = score_challenges(items=index, sheets=sheets, tally=tally)
    scores = RoundScores(
        respondents=len(sheets),
        min_group_size=min_group_size,
        items=item_stats,
        factors=factors,
        areas=areas,
        overall=score_overall(areas=areas),
        disputed=rank_disputed(items=item_stats),
        dimensions=score_dimensions(items=index, item_stats=item_stats, sheets=sheets),
        minkman=score_minkman(items=index, sheets=sheets, network_claimed_phase=network_claimed_phase, tally=tally),
        challenges=challenges,
        top_challenges=top_challenges(challenges=challenges),
        breakdowns=score_breakdowns(items=index, sheets=sheets, min_group_size=min_group_size, cells=cells),
    )
    if previous is None:
        return scores
    return replace(scores, trend=compute_trend(current=scores, previous=previous))
