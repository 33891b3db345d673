"""Building blocks shared by the schemas of the reviewed YAML files: instrument files (assessments.schema) and
advice files (reports.advice_schema).

Both cite the seed texts the same way and carry every text in Dutch and English, so the source reference and
the bilingual text are defined once here. Validation errors come back as pydantic's, with the custom types
below; each file's module turns them into its own messages (``Problem`` is the common, plain form).

No Django imports: the advice module and its tests run without Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

LANGUAGES = ("nl", "en")

# "2762-2790", "2879" or several of those separated by commas: "2808-2810, 2149-2155".
LINE_RANGES = re.compile(r"\d+(?:-\d+)?(?:\s*,\s*\d+(?:-\d+)?)*")

TRANSLATION_MISSING = "translation_missing"
LINE_RANGE_REVERSED = "line_range_reversed"
FILE_PROBLEM = "file_problem"
"""A check of one file's own (instrument or advice) whose message is already written: ``ctx["problem"]``."""


class FileModel(BaseModel):
    """A mapping in a reviewed file: no unknown keys (a typo must not be ignored), no silent type coercion
    (YAML's ``yes`` stays a string, ``1`` for a flag is refused), surrounding spaces stripped."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True, frozen=True)


def file_problem(problem: str) -> PydanticCustomError:
    """An error with a ready message (the instrument's Dutch through gettext, the advice's English)."""
    return PydanticCustomError(FILE_PROBLEM, "{problem}", {"problem": problem})


def none_as_empty(value: Any) -> Any:
    # `nl:` without a value is YAML's null: an empty text, reported as a missing translation.
    return "" if value is None else value


def number_as_text(value: Any) -> Any:
    """Codes and line numbers may be written bare (``code: 1``, ``lines: 400``); they are text all the same."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _ascending_ranges(value: str) -> str:
    for part in value.split(","):
        start, _dash, end = part.strip().partition("-")
        if end and int(end) < int(start):
            raise PydanticCustomError(LINE_RANGE_REVERSED, "line range {part!r} ends before it starts",
                                      {"part": part.strip()})
    return value


# In an Annotated type the constraints stand before a conversion (BeforeValidator), or the JSON Schema loses them.
Translation = Annotated[str, BeforeValidator(none_as_empty)]
Filled = Annotated[str, StringConstraints(min_length=1), BeforeValidator(none_as_empty)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
LineRanges = Annotated[str, StringConstraints(min_length=1, pattern=rf"^{LINE_RANGES.pattern}$"),
                       BeforeValidator(number_as_text), AfterValidator(_ascending_ranges)]


class Text(FileModel):
    """A text in both languages, or in neither (an optional text left empty)."""

    nl: Translation = ""
    en: Translation = ""

    @model_validator(mode="after")
    def _both_or_neither(self) -> Text:
        empty = [language for language in LANGUAGES if not getattr(self, language)]
        if len(empty) == 1:
            raise PydanticCustomError(TRANSLATION_MISSING, "translation missing: {languages}", {"languages": empty})
        return self

    def as_fields(self, name: str) -> dict[str, str]:
        """``{"name_nl": ..., "name_en": ...}``: the model fields of a bilingual text."""
        return {f"{name}_{language}": getattr(self, language) for language in LANGUAGES}

    def as_dict(self) -> dict[str, str]:
        return {language: getattr(self, language) for language in LANGUAGES}


class RequiredText(Text):
    """A text that needs both languages."""

    nl: Filled
    en: Filled


class SourceRef(FileModel):
    """Where in the seed texts (shared/seeds/) a question or an advice comes from.

    ``file`` is the three-digit prefix of the seed file and must be quoted ("004"): YAML reads 004 as the
    number 4. ``lines`` are line numbers in that file, one range or several separated by commas.
    """

    file: NonEmpty
    section: NonEmpty | None = None
    lines: LineRanges | None = None
    note: NonEmpty | None = None

    def as_dict(self) -> dict[str, str]:
        return self.model_dump(exclude_none=True)


class CitedSource(SourceRef):
    """A source reference that names the lines: every question and every advice has one."""

    lines: LineRanges


@dataclass(frozen=True)
class Problem:
    """One validation error in plain terms: where (the path into the file), what kind, and its details."""

    loc: tuple[str | int, ...]
    kind: str
    ctx: dict[str, Any]
    input: Any
    message: str

    @property
    def field(self) -> str | int | None:
        return self.loc[-1] if self.loc else None


def problems_of(error: ValidationError) -> Iterator[Problem]:
    """The errors of a validation, with pydantic's ``string_too_short`` and ``too_short`` (and the like) as one
    kind each, whatever constraint produced them."""
    for item in error.errors(include_url=False):
        kind = item["type"].removeprefix("string_")
        yield Problem(loc=tuple(item["loc"]), kind=kind, ctx=dict(item.get("ctx") or {}), input=item.get("input"),
                      message=item["msg"])


def node_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The raw value at a path into the parsed YAML, or None where the path does not exist (any more)."""
    node = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
        elif isinstance(step, str) and isinstance(node, dict):
            node = node.get(step)
        else:
            return None
    return node


def code_of(node: Any) -> str | None:
    """The code a raw mapping names itself by, to say where a problem is; None without a usable one."""
    if not isinstance(node, dict):
        return None
    code = number_as_text(node.get("code"))
    return code.strip() if isinstance(code, str) and code.strip() else None
