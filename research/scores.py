"""Area and overall scores of rounds, for the stored snapshots behind exports and benchmarks.

The numbers are computed by the scoring engine's own functions (scoring.factors: factors → areas → overall)
from the same input the results app uses (the submitted responses of the round), and rounded by the engine's
``to_dict``: they equal ``network_scores["areas"]`` and ``["overall"]``. Only the success-factor part of the
engine runs, and answers are read for many rounds per query, so storing a thousand rounds takes seconds.
"""

from collections.abc import Iterable
from typing import Any

from assessments.models import Item
from results.selectors import item_specs_from
from rounds.models import Answer, Response, Round
from scoring import ItemSpec, Respondent
from scoring.answers import index_items, score_answers
from scoring.codes import SF_MODULE
from scoring.factors import score_areas, score_factors, score_overall


def _sf_specs(instrument_id: int) -> tuple[ItemSpec, ...]:
    """Success-factor items of a version, as engine specs. 1 query."""
    return item_specs_from(items=Item.objects.filter(instrument_id=instrument_id, dimension__module__code=SF_MODULE))


def area_scores(*, items: Iterable[ItemSpec], respondents: list[Respondent]) -> dict[str, Any]:
    """``{"respondents": n, "areas": {...}, "overall": {...}}`` exactly as in network_scores."""
    index = index_items(items=items)
    sheets = score_answers(items=index, respondents=respondents)
    factors = score_factors(items=index, sheets=sheets)
    areas = score_areas(items=index, sheets=sheets, factors=factors)
    return {
        "respondents": len(sheets),
        "areas": {code: area.to_dict() for code, area in areas.items()},
        "overall": score_overall(areas=areas).to_dict(),
    }


def rounds_area_scores(*, rounds: list[Round]) -> dict[int, dict[str, Any]]:
    """Area scores of several rounds. 2 queries (responses, answers) plus 1 per instrument version."""
    answers: dict[int, dict[int, dict[str, int | None]]] = {r.pk: {} for r in rounds}
    for round_id, pk in Response.objects.submitted().filter(round__in=[r.pk for r in rounds]).values_list(
            "round_id", "pk"):
        answers[round_id][pk] = {}
    rows = Answer.objects.filter(
        response__round__in=[r.pk for r in rounds], response__submitted_at__isnull=False,
        item__dimension__module__code=SF_MODULE,
    ).values_list("response__round_id", "response_id", "item__code", "value")
    for round_id, response_id, code, value in rows:
        answers[round_id][response_id][code] = value
    specs = {instrument_id: _sf_specs(instrument_id) for instrument_id in {r.instrument_id for r in rounds}}
    return {
        r.pk: area_scores(items=specs[r.instrument_id],
                          respondents=[Respondent(id=str(pk), answers=given)
                                       for pk, given in sorted(answers[r.pk].items())])
        for r in rounds
    }


def round_area_scores(*, round: Round) -> dict[str, Any]:
    return rounds_area_scores(rounds=[round])[round.pk]
