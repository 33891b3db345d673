"""Validation and scoring direction of raw answers, before any aggregation.

All later modules work on ``ScoredSheet`` objects, so the rules "None is don't know",
"a code in ``not_applicable`` is n.v.t.", "absent is not answered" and "reverse items are
reflected" are applied exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scoring.types import ItemSpec, Respondent, ScoredSheet


def index_items(*, items: Iterable[ItemSpec]) -> dict[str, ItemSpec]:
    """Index item specs by code, refusing duplicates (they would be counted twice)."""
    index: dict[str, ItemSpec] = {}
    for spec in items:
        if spec.code in index:
            raise ValueError(f"duplicate item code {spec.code!r}")
        index[spec.code] = spec
    return index


def reflect(*, value: int, spec: ItemSpec) -> int:
    """Return the scored value: min + max - x for reverse-scored items, else x.

    A negatively worded item ("we compete for clients") then points the same way as the
    others, so that a higher number always means "better" before items are combined.
    """
    if spec.reverse:
        return spec.scale_min + spec.scale_max - value
    return value


def score_answers(
    *, items: Mapping[str, ItemSpec] | Sequence[ItemSpec], respondents: Sequence[Respondent]
) -> tuple[ScoredSheet, ...]:
    """Validate every answer against its item's scale and reflect reverse items.

    Answers for codes that are not in ``items`` are ignored (free text, retired items, the
    respondent's claimed phase, which is read separately). A value outside the scale, or a
    non-integer, raises ValueError: it signals a storage bug that must not be averaged away.
    """
    index = items if isinstance(items, Mapping) else index_items(items=items)
    # Per item, every valid answer mapped to its scored value: one dict lookup validates and reflects.
    scored = {
        code: {value: reflect(value=value, spec=spec) for value in range(spec.scale_min, spec.scale_max + 1)}
        for code, spec in index.items()
    }
    seen: set[str] = set()
    sheets: list[ScoredSheet] = []
    for respondent in respondents:
        if respondent.id in seen:
            raise ValueError(f"duplicate respondent id {respondent.id!r}")
        seen.add(respondent.id)
        values: dict[str, int] = {}
        dont_know: set[str] = set()
        not_applicable = frozenset(code for code in respondent.not_applicable if code in index)
        for code, answer in respondent.answers.items():
            table = scored.get(code)
            if table is None:
                continue
            if answer is None:
                dont_know.add(code)
                continue
            # type() and not isinstance(): True == 1 and 2.0 == 2 would otherwise be found in the table.
            value = table.get(answer) if type(answer) is int else None
            if value is None:
                _refuse(respondent=respondent, code=code, answer=answer, spec=index[code])
                value = reflect(value=answer, spec=index[code])  # an int subclass within the scale
            values[code] = value
        sheets.append(ScoredSheet(respondent=respondent, values=values, dont_know=frozenset(dont_know),
                                  not_applicable=not_applicable))
    return tuple(sheets)


def _refuse(*, respondent: Respondent, code: str, answer: object, spec: ItemSpec) -> None:
    """Raise for an answer that is not a whole number on the item's scale (an int subclass on it passes)."""
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise ValueError(f"respondent {respondent.id}, {code}: answer must be an int")
    if not spec.scale_min <= answer <= spec.scale_max:
        raise ValueError(f"respondent {respondent.id}, {code}: {answer} outside {spec.scale_min}-{spec.scale_max}")


def values_of(*, sheets: Sequence[ScoredSheet], code: str) -> list[int]:
    """The scored numeric answers to one item, in respondent order."""
    return [sheet.values[code] for sheet in sheets if code in sheet.values]


def dont_know_count(*, sheets: Sequence[ScoredSheet], code: str) -> int:
    """How many respondents answered "weet niet" to one item (version 1: "weet niet / n.v.t.")."""
    return sum(1 for sheet in sheets if code in sheet.dont_know)


def not_applicable_count(*, sheets: Sequence[ScoredSheet], code: str) -> int:
    """How many respondents answered "niet van toepassing" to one item."""
    return sum(1 for sheet in sheets if code in sheet.not_applicable)
