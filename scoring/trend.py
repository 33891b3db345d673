"""Change between two rounds of the same network (current minus previous).

Differences are taken between the published, rounded values of ``network_scores`` so
that the numbers in the report add up for the reader (62.3 - 58.1 = 4.2), and so that an
old round stored years ago as JSON can be compared without recomputing it.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.codes import natural_key
from scoring.serialise import round1
from scoring.types import RoundScores, Trend

ScoresLike = RoundScores | Mapping[str, object]


def _as_dict(*, scores: ScoresLike) -> Mapping[str, object]:
    """The parts of the ``network_scores`` JSON the trend reads, rounded as published.

    Taken from the engine's values directly: serialising a whole round (breakdowns, distributions) to read a
    few dozen numbers cost more than the rest of a warm dashboard.
    """
    if not isinstance(scores, RoundScores):
        return scores
    aspects = ("presence", "importance")
    return {
        "overall": {aspect: round1(value=getattr(scores.overall, aspect)) for aspect in aspects},
        "areas": {code: {aspect: round1(value=getattr(area, aspect)) for aspect in aspects}
                  for code, area in scores.areas.items()},
        "factors": {code: {aspect: round1(value=getattr(factor, aspect)) for aspect in aspects}
                    for code, factor in scores.factors.items()},
        "items": {code: {"mean": round1(value=stats.mean)} for code, stats in scores.items.items()},
        "minkman": {"phases": {str(phase): round1(value=share) for phase, share in scores.minkman.phases.items()}},
        "challenges": {code: {"recognised_share": round1(value=challenge.recognised_share)}
                       for code, challenge in scores.challenges.items()},
    }


def _section(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def difference(*, current: object, previous: object) -> float | None:
    """current - previous rounded to one decimal; None unless both are numbers."""
    numbers = (int, float)
    if isinstance(current, bool) or isinstance(previous, bool):
        return None
    if not isinstance(current, numbers) or not isinstance(previous, numbers):
        return None
    return round1(value=current - previous)


def _common(current: Mapping[str, object], previous: Mapping[str, object]) -> list[str]:
    return sorted(current.keys() & previous.keys(), key=lambda code: natural_key(code=code))


def _aspects(current: Mapping[str, object], previous: Mapping[str, object]) -> dict[str, dict[str, float | None]]:
    result: dict[str, dict[str, float | None]] = {}
    for code in _common(current, previous):
        cur, prev = current[code], previous[code]
        if not isinstance(cur, Mapping) or not isinstance(prev, Mapping):
            continue
        result[code] = {
            aspect: difference(current=cur.get(aspect), previous=prev.get(aspect))
            for aspect in ("presence", "importance")
        }
    return result


def _field(current: Mapping[str, object], previous: Mapping[str, object], name: str) -> dict[str, float | None]:
    result: dict[str, float | None] = {}
    for code in _common(current, previous):
        cur, prev = current[code], previous[code]
        if isinstance(cur, Mapping) and isinstance(prev, Mapping):
            result[code] = difference(current=cur.get(name), previous=prev.get(name))
    return result


def compute_trend(*, current: ScoresLike, previous: ScoresLike) -> Trend:
    """Differences per area, overall, factor, item (mean), Minkman phase and challenge.

    Only codes present in both rounds are compared (an item added or dropped between
    instrument versions has no trend); those present in one round only are listed in
    ``only_current`` / ``only_previous`` so the report can say so.
    """
    now = _as_dict(scores=current)
    before = _as_dict(scores=previous)
    now_overall, before_overall = _section(now, "overall"), _section(before, "overall")
    now_items, before_items = _section(now, "items"), _section(before, "items")
    now_phases = _section(_section(now, "minkman"), "phases")
    before_phases = _section(_section(before, "minkman"), "phases")
    return Trend(
        overall={
            aspect: difference(current=now_overall.get(aspect), previous=before_overall.get(aspect))
            for aspect in ("presence", "importance")
        },
        areas=_aspects(_section(now, "areas"), _section(before, "areas")),
        factors=_aspects(_section(now, "factors"), _section(before, "factors")),
        items=_field(now_items, before_items, "mean"),
        minkman_phases={
            phase: difference(current=now_phases.get(phase), previous=before_phases.get(phase))
            for phase in _common(now_phases, before_phases)
        },
        challenges=_field(_section(now, "challenges"), _section(before, "challenges"), "recognised_share"),
        only_current=tuple(sorted(now_items.keys() - before_items.keys(), key=lambda c: natural_key(code=c))),
        only_previous=tuple(sorted(before_items.keys() - now_items.keys(), key=lambda c: natural_key(code=c))),
    )
