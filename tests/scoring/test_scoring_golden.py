"""Golden scores: the engine's whole output for the demo rounds and seeded synthetic rounds never changes by accident.

The expected files under golden/ were written by the engine as it stood before the speed work of issue 17
(Fraction arithmetic, one scan per statistic). Two things are compared for every round: the published
``to_dict()`` JSON, byte for byte, and the unrounded values of every result dataclass (``repr`` of each float),
so a change that only shows after rounding at a .x5 boundary is caught too. The personal view of the first
respondent and the trend against the round before are part of it.

Rewritten once on purpose (3 December 2026): means of sub-scores are summed with ``math.fsum`` instead of
``sum`` so that every Python gives the same bits (3.12 made plain ``sum`` of floats compensated, so 3.11 and 3.13
differed in the last digit of nearly every raw value). The published JSON changed in one place: one partner's
overall presence in a demo round's breakdown, at a .x5 boundary (48.3 -> 48.2).

Regenerate (only when a scoring rule changes on purpose, with the change explained in the commit):

    .venv/bin/python tests/scoring/test_scoring_golden.py --write
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":  # the --write mode runs outside pytest, from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scoring import ItemSpec, Respondent, RoundScores, respondent_view, score_round
from scoring.standard import standard_item_specs

GOLDEN = Path(__file__).resolve().parent / "golden"
DEMO_INPUTS = GOLDEN / "demo_inputs.json"
EXPECTED = GOLDEN / "expected.json"

ORGANISATIONS = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", None)
LEVELS = ("strategisch", "tactisch", "operationeel", None)
ROLES = ("ketenpartner", "professional", "financier", None)

OPTIONAL = (
    ItemSpec(code="KW.1", module="KW", dimension="betrouwbaarheid"),
    ItemSpec(code="KW.2", module="KW", dimension="betrouwbaarheid", reverse=True),
    ItemSpec(code="KW.3", module="KW", dimension="continuiteit", scale_min=0, scale_max=3),
    ItemSpec(code="KW.4", module="KW", dimension="continuiteit", scale_max=3, categorical=True),
    ItemSpec(code="CX.1", module="CX", dimension="complexiteit", scale_min=1, scale_max=7),
    ItemSpec(code="CX.2", module="CX", dimension="complexiteit", scale_min=1, scale_max=7, reverse=True),
    ItemSpec(code="RL.1", module="RL", dimension="rol", scale_min=0, scale_max=10),
)

# (name, seed, respondents, share "weet niet", share "n.v.t.", share not answered, drop items, organisations)
SYNTHETIC = (
    ("synthetic-large", 1, 180, 0.06, 0.03, 0.05, 0, 5),
    ("synthetic-small-groups", 2, 11, 0.10, 0.05, 0.10, 0, 6),
    ("synthetic-tiny", 3, 2, 0.0, 0.0, 0.0, 0, 2),
    ("synthetic-missing-items", 4, 40, 0.15, 0.10, 0.25, 25, 4),
    ("synthetic-agreeing", 5, 9, 0.0, 0.0, 0.0, 0, 3),
    ("synthetic-dont-know-heavy", 6, 23, 0.45, 0.15, 0.05, 0, 3),
)


def _synthetic(*, seed: int, respondents: int, dont_know: float, not_applicable: float, missing: float,
               drop: int, organisations: int) -> tuple[tuple[ItemSpec, ...], list[Respondent]]:
    rng = random.Random(seed)
    items = list(standard_item_specs() + OPTIONAL)
    for _ in range(drop):
        items.pop(rng.randrange(len(items)))
    agreeing = seed == 5
    people = []
    for number in range(respondents):
        answers: dict[str, int | None] = {}
        na: set[str] = set()
        for spec in items:
            draw = rng.random()
            if draw < dont_know:
                answers[spec.code] = None
            elif draw < dont_know + not_applicable:
                na.add(spec.code)
            elif draw < dont_know + not_applicable + missing:
                continue
            elif agreeing:
                answers[spec.code] = spec.scale_max - (number % 2)
            else:
                answers[spec.code] = rng.randint(spec.scale_min, spec.scale_max)
        people.append(Respondent(
            id=f"r{number}", organisation=rng.choice(ORGANISATIONS[:organisations] + (None,)),
            level=rng.choice(LEVELS), role=rng.choice(ROLES), answers=answers, not_applicable=frozenset(na)))
    return tuple(items), people


def _demo_cases():
    for case in json.loads(DEMO_INPUTS.read_text()):
        items = tuple(ItemSpec(**spec) for spec in case["items"])
        people = [Respondent(id=r["id"], organisation=r["organisation"], level=r["level"], role=r["role"],
                             answers=r["answers"], not_applicable=frozenset(r["not_applicable"]))
                  for r in case["respondents"]]
        yield case["name"], case["previous"], items, people, case["network_claimed_phase"]


def _raw(value: object) -> object:
    """Every field of the result dataclasses, floats as repr: the unrounded output."""
    if dataclasses.is_dataclass(value):
        return {f.name: _raw(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict) or hasattr(value, "items") and hasattr(value, "keys"):
        return {str(key): _raw(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [_raw(item) for item in items]
    if isinstance(value, float):
        return repr(value)
    return value


def _outcome(scores, items, people) -> dict[str, object]:
    views = [respondent_view(respondent=person, items=items, scores=scores) for person in people[:1]]
    return {
        "to_dict": json.dumps(scores.to_dict(), ensure_ascii=False, sort_keys=False),
        "raw": _raw(scores),
        "personal": [json.dumps(view.to_dict(), ensure_ascii=False) for view in views],
        "personal_raw": [_raw(view) for view in views],
    }


def _compute() -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    scored: dict[str, RoundScores] = {}
    for name, previous, items, people, claimed in _demo_cases():
        scores = score_round(items=items, respondents=people, network_claimed_phase=claimed,
                             previous=scored.get(previous))
        scored[name] = scores
        results[f"demo:{name}"] = _outcome(scores, items, people)
    earlier = None
    for name, seed, n, dk, na, missing, drop, organisations in SYNTHETIC:
        items, people = _synthetic(seed=seed, respondents=n, dont_know=dk, not_applicable=na, missing=missing,
                                   drop=drop, organisations=organisations)
        for min_group_size in (3, 5):
            scores = score_round(items=items, respondents=people, network_claimed_phase=(seed % 4) + 1,
                                 min_group_size=min_group_size, previous=earlier)
            results[f"{name}:m{min_group_size}"] = _outcome(scores, items, people)
        # The trend also accepts the stored JSON of an earlier round.
        earlier = scores.to_dict() if seed % 2 else scores
    return results


@pytest.fixture(scope="module")
def computed() -> dict[str, dict[str, object]]:
    return _compute()


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, object]]:
    return json.loads(EXPECTED.read_text())


def test_golden_covers_every_demo_round_and_synthetic_case(computed, expected):
    assert sorted(computed) == sorted(expected)
    assert sum(name.startswith("demo:") for name in expected) >= 10
    assert sum(name.startswith("synthetic") for name in expected) == 2 * len(SYNTHETIC)


@pytest.mark.parametrize("part", ["to_dict", "raw", "personal", "personal_raw"])
def test_scores_are_identical_to_the_golden_output(computed, expected, part):
    differing = [name for name in expected if computed[name][part] != expected[name][part]]
    assert not differing, f"{part} differs for {differing}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    cases = sorted(_compute().items())
    # One case per line, so a regenerated file shows in a diff which rounds changed.
    lines = [f"{json.dumps(name)}:{json.dumps(value, ensure_ascii=False, separators=(',', ':'))}"
             for name, value in cases]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"written {EXPECTED}")
