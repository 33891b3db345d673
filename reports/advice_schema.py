"""The advice file format (``reports/advice/advice-v<N>.yaml``, docs/advice.md) as schema models, and the messages
for what breaks it.

The texts and the source reference are the instrument file's types (core.schema). ``load_advice`` reports the
first problem found, naming the recommendation's code (``AdviceFileError``). The published JSON Schema
(docs/advice.schema.json) is generated from these models. No Django imports, like reports.advice.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from core.schema import (
    FILE_PROBLEM,
    LANGUAGES,
    LINE_RANGE_REVERSED,
    CitedSource,
    FileModel,
    Problem,
    RequiredText,
    code_of,
    file_problem,
    node_at,
    problems_of,
)

FACTOR_CODE = re.compile(r"SF\.[KPNOCX]\d")
CHALLENGE_CODE = re.compile(r"KO\.[1-9]")
# MK.<n>: a network positioned in phase n; MK.<n>.open: open elements of an earlier phase n (backlog);
# MK.data: too few answers to place the network in a phase.
PHASE_CODE = re.compile(r"MK\.(?:[1-4](?:\.open)?|data)")
COMPLEXITY_CODE = re.compile(r"CX\.(?:simple|mixed|complex)")
ADVICE_CODE = re.compile("|".join(f"(?:{p.pattern})" for p in (FACTOR_CODE, CHALLENGE_CODE, PHASE_CODE,
                                                               COMPLEXITY_CODE)))
RECOMMENDATION_CODE = re.compile(r"REC\.\d{3}\.[A-Za-z0-9][A-Za-z0-9_.-]*")
SOURCE_KIND = "source"
PRACTICE_KIND = "practice"
KINDS = (SOURCE_KIND, PRACTICE_KIND)
"""``source``: says only what its cited passage says. ``practice``: advice the product adds of its own,
shown as "Praktijkadvies van Ketenregie"; its source is the passage it builds on."""


class RecommendationEntry(FileModel):
    """One recommendation as written in the file."""

    code: Annotated[str, StringConstraints(min_length=1, pattern=rf"^{RECOMMENDATION_CODE.pattern}$")]
    kind: Literal["source", "practice"] = "source"
    title: RequiredText
    text: RequiredText
    source: CitedSource
    applies_to: Annotated[list[Annotated[str, StringConstraints(pattern=rf"^(?:{ADVICE_CODE.pattern})$")]],
                          Field(min_length=1)]

    @field_validator("applies_to")
    @classmethod
    def _each_code_once(cls, codes: list[str]) -> list[str]:
        for index, code in enumerate(codes):
            if code in codes[:index]:
                raise file_problem(f"'applies_to' lists {code} twice")
        return codes


class AdviceFile(FileModel):
    """One version of the advice: ``reports/advice/advice-v<N>.yaml``."""

    version: Annotated[int, Field(ge=1)]
    instrument: Annotated[str, StringConstraints(min_length=1)]
    recommendations: Annotated[list[RecommendationEntry], Field(min_length=1)]

    @field_validator("recommendations")
    @classmethod
    def _unique_codes(cls, recommendations: list[RecommendationEntry]) -> list[RecommendationEntry]:
        seen: set[str] = set()
        for recommendation in recommendations:
            if recommendation.code in seen:
                raise PydanticCustomError(FILE_PROBLEM, "{problem}", {
                    "problem": "duplicate code (codes must be unique)", "code": recommendation.code})
            seen.add(recommendation.code)
        return recommendations


def advice_json_schema() -> dict[str, Any]:
    """The JSON Schema of an advice file (docs/advice.schema.json), for editors that check YAML."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **AdviceFile.model_json_schema(),
            "title": "Ketenregie advice file",
            "description": "The recommendations a report shows: reports/advice/advice-v<N>.yaml (docs/advice.md)."}


# --------------------------------------------------------------------------------------------------------
# Pydantic's errors as the format's messages
# --------------------------------------------------------------------------------------------------------

EXPECTED_CODES = "SF.[KPNOCX]<digit>, KO.[1-9], MK.[1-4], MK.[1-4].open, MK.data or CX.simple/mixed/complex"


def advice_problem(*, data: Any, error: ValidationError) -> tuple[str, str | None]:
    """The first problem of a validation as (message, recommendation code or None)."""
    problems = list(problems_of(error))
    first = problems[0]
    if first.kind == "extra_forbidden":
        keys = ", ".join(sorted(str(p.loc[-1]) for p in problems
                                if p.kind == "extra_forbidden" and p.loc[:-1] == first.loc[:-1]))
        first = Problem(loc=first.loc, kind=first.kind, ctx={"keys": keys}, input=None, message=first.message)
    if first.kind == FILE_PROBLEM and "code" in first.ctx:
        return first.ctx["problem"], first.ctx["code"]
    if len(first.loc) >= 2 and first.loc[0] == "recommendations" and isinstance(first.loc[1], int):
        index = first.loc[1]
        return (_recommendation_message(first, first.loc[2:], number=index + 1),
                code_of(node_at(data, first.loc[:2])))
    return _file_message(first), None


def _file_message(problem: Problem) -> str:
    name = problem.loc[0] if problem.loc else None
    if problem.kind == "extra_forbidden":
        return f"unknown top-level keys: {problem.ctx['keys']}"
    if name == "version":
        value = None if problem.kind == "missing" else problem.input
        return f"'version' must be a positive whole number, not {value!r}"
    if name == "instrument":
        return "'instrument' must be the slug of the instrument the advice is for"
    if name == "recommendations":
        return "'recommendations' must be a non-empty list"
    return "the file must be a mapping with version, instrument and recommendations"


def _recommendation_message(problem: Problem, rest: tuple[str | int, ...], *, number: int) -> str:
    name = rest[0] if rest else None
    if problem.kind == FILE_PROBLEM:
        return problem.ctx["problem"]
    if name is None:
        return f"recommendation #{number} must be a mapping"
    if problem.kind == "extra_forbidden" and len(rest) == 1:
        return f"unknown keys: {problem.ctx['keys']}"
    if name == "code":
        if problem.kind == "pattern_mismatch":
            return "code must look like REC.<3-digit seed>.<id>, e.g. REC.004.1a"
        return f"recommendation #{number} has no 'code'"
    if name == "kind":
        return f"'kind' must be one of {', '.join(KINDS)}, not {problem.input!r}"
    if name in ("title", "text"):
        return _text_message(problem, str(name), rest[1:])
    if name == "source":
        return _source_message(problem, rest[1:])
    if len(rest) > 1:
        return f"'applies_to' has unknown code {problem.input!r} (expected {EXPECTED_CODES})"
    return "'applies_to' must be a non-empty list of codes"


def _text_message(problem: Problem, name: str, rest: tuple[str | int, ...]) -> str:
    if not rest:
        return f"'{name}' must be a mapping with the languages {', '.join(LANGUAGES)}"
    if problem.kind == "extra_forbidden":
        return f"'{name}' has an unknown language {problem.ctx['keys']!r}"
    return f"'{name}' has no {rest[0]} text"


def _source_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    if not rest:
        return "'source' must be a mapping with file and lines"
    if problem.kind == "extra_forbidden":
        return f"'source' has unknown keys: {problem.ctx['keys']}"
    key = rest[0]
    if key == "file":
        hint = " (quote it: YAML reads 004 as the number 4)" if isinstance(problem.input, int) else ""
        return f"'source' has no file{hint}"
    if key != "lines":
        return f"'source' {key} must be text when given"
    if problem.kind == "pattern_mismatch":
        return f"'source' lines {problem.input!r} must look like '2762-2790' or '2808-2810, 2149-2155'"
    if problem.kind == LINE_RANGE_REVERSED:
        return f"'source' line range {problem.ctx['part']!r} ends before it starts"
    return "'source' has no lines"
