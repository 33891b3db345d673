"""The personal view: one respondent's own answers beside the network's result.

Members learn most from where they differ from the others, so every number here is a pair
(own, network) on the same scale; the own side uses exactly the network formulas applied
to a single respondent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.answers import index_items, score_answers
from scoring.factors import score_areas, score_factors, score_overall
from scoring.minkman import phase_shares
from scoring.types import Compared, ItemSpec, Respondent, RespondentView, RoundScores


def respondent_view(
    *,
    respondent: Respondent,
    items: Mapping[str, ItemSpec] | Sequence[ItemSpec],
    scores: RoundScores,
) -> RespondentView:
    """Own value beside the network value per item, factor, area, overall and phase.

    Items compare the scored (reflected) answer with the network mean; factors, areas and
    overall compare 0-100 presence and importance; Minkman phases compare realised shares.
    An own "weet niet" is reported as ``own_dont_know``, an own "n.v.t." as
    ``own_not_applicable``, both with no own value.
    """
    index = items if isinstance(items, Mapping) else index_items(items=items)
    (sheet,) = score_answers(items=index, respondents=[respondent])
    own_factors = score_factors(items=index, sheets=[sheet])
    own_areas = score_areas(items=index, sheets=[sheet], factors=own_factors)
    own_overall = score_overall(areas=own_areas)
    own_phases, _ = phase_shares(items=index, sheets=[sheet])
    item_pairs = {
        code: Compared(
            own=None if code not in sheet.values else float(sheet.values[code]),
            network=stats.mean,
            own_dont_know=code in sheet.dont_know,
            own_not_applicable=code in sheet.not_applicable,
        )
        for code, stats in scores.items.items()
    }
    factor_pairs = {
        code: {
            "presence": Compared(own=own_factors[code].presence, network=factor.presence),
            "importance": Compared(own=own_factors[code].importance, network=factor.importance),
        }
        for code, factor in scores.factors.items()
        if code in own_factors
    }
    area_pairs = {
        code: Compared(own=own_areas[code].presence, network=area.presence)
        for code, area in scores.areas.items()
        if code in own_areas
    }
    phase_pairs: dict[int, Compared] = {}
    for phase, share in scores.minkman.phases.items():
        own = own_phases.get(phase)
        phase_pairs[phase] = Compared(own=None if own is None else float(own), network=share)
    return RespondentView(
        respondent_id=respondent.id,
        items=item_pairs,
        factors=factor_pairs,
        areas=area_pairs,
        overall=Compared(own=own_overall.presence, network=scores.overall.presence),
        minkman_phases=phase_pairs,
    )
