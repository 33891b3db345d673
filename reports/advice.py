"""Source-based advice attached to a scored report.

The advice lives in ``reports/advice/advice-v<N>.yaml`` (see the header comment of that file for the
format and for how to add a new version). This module only reads and validates it; it has no Django
imports so it can be used from the scoring code, management commands and plain tests alike.

A report asks for advice with three inputs:

* the success factors in the ``priority`` quadrant (important but not present), e.g. ``["SF.O5"]``;
* the top recognised Kaats & Opheij challenges, e.g. ``["KO.3", "KO.5"]``;
* the calculated Minkman development phase, 1-4 (advice for a network *in* that phase: what to work
  on to reach the next one).

:meth:`AdviceSet.for_report` returns the recommendations grouped per requested code, in that order,
showing every recommendation only once (under the first code that asks for it). Each returned item is
a :class:`ReportedRecommendation`, which also lists all requested codes it answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ADVICE_DIR = Path(__file__).resolve().parent / "advice"
CURRENT_VERSION = 1
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

FACTOR_CODE = re.compile(r"SF\.[KPNOCX]\d")
CHALLENGE_CODE = re.compile(r"KO\.[1-9]")
PHASE_CODE = re.compile(r"MK\.[1-4]")
RECOMMENDATION_CODE = re.compile(r"REC\.\d{3}\.[A-Za-z0-9][A-Za-z0-9_.-]*")
# "2762-2790", "2879" or several of those separated by commas: "2808-2810, 2149-2155".
LINE_RANGES = re.compile(r"\d+(?:-\d+)?(?:\s*,\s*\d+(?:-\d+)?)*")
_VERSION_IN_NAME = re.compile(r"advice-v(\d+)\.ya?ml")

_TOP_LEVEL_KEYS = {"version", "instrument", "recommendations"}
_RECOMMENDATION_KEYS = {"code", "title", "text", "source", "applies_to"}
_SOURCE_KEYS = {"file", "section", "lines"}


class AdviceFileError(ValueError):
    """The advice file is missing, unreadable or does not follow the format.

    The message names the file, the recommendation code (when known) and the problem; the same parts
    are available as attributes for callers that want to show them separately.
    """

    def __init__(self, path: Path | str, problem: str, *, code: str | None = None):
        self.path = Path(path)
        self.code = code
        self.problem = problem
        where = f"{self.path}: {code}" if code else str(self.path)
        super().__init__(f"{where}: {problem}")


def is_advice_code(code: object) -> bool:
    """True for a code advice can apply to: ``SF.K1``, ``KO.4``, ``MK.2`` and the like."""
    return isinstance(code, str) and any(
        pattern.fullmatch(code) for pattern in (FACTOR_CODE, CHALLENGE_CODE, PHASE_CODE)
    )


@dataclass(frozen=True)
class Recommendation:
    """One piece of advice, in Dutch and English, with the source passage it is based on."""

    code: str
    title: dict[str, str]
    text: dict[str, str]
    source: dict[str, str]
    applies_to: tuple[str, ...]

    def __hash__(self) -> int:  # the dict fields are not hashable; the code is unique in a file
        return hash((type(self), self.code))

    def title_in(self, language: str) -> str:
        """The title in ``language``, falling back to Dutch (the platform's working language)."""
        return self.title.get(language) or self.title[DEFAULT_LANGUAGE]

    def text_in(self, language: str) -> str:
        """The text in ``language``, falling back to Dutch."""
        return self.text.get(language) or self.text[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class ReportedRecommendation(Recommendation):
    """A recommendation as shown in one report: ``answers`` lists every requested code it applies to,
    in request order; the first one is the code it is listed under."""

    answers: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash((type(self), self.code, self.answers))


@dataclass(frozen=True)
class AdviceSet:
    """All recommendations of one advice file, in file order."""

    version: int
    instrument: str
    recommendations: tuple[Recommendation, ...]
    path: Path | None = None
    _by_code: dict[str, Recommendation] = field(init=False, repr=False, compare=False)
    _by_target: dict[str, tuple[Recommendation, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Per code: first the recommendations whose main (first) code it is, then the ones that only
        # also apply to it; each group in file order.
        by_target: dict[str, list[Recommendation]] = {}
        for main_only in (True, False):
            for recommendation in self.recommendations:
                targets = recommendation.applies_to[:1] if main_only else recommendation.applies_to[1:]
                for target in targets:
                    by_target.setdefault(target, []).append(recommendation)
        object.__setattr__(self, "_by_code", {r.code: r for r in self.recommendations})
        object.__setattr__(self, "_by_target", {k: tuple(v) for k, v in by_target.items()})

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.recommendations)

    def __len__(self) -> int:
        return len(self.recommendations)

    def get(self, code: str) -> Recommendation | None:
        """The recommendation with this ``REC.…`` code, or None."""
        return self._by_code.get(code)

    def covered_codes(self) -> set[str]:
        """Every factor, challenge and phase code at least one recommendation applies to."""
        return set(self._by_target)

    def for_code(self, code: str) -> list[Recommendation]:
        """The recommendations that apply to one factor, challenge or phase code: those whose main
        (first) ``applies_to`` code it is first, then the others, each group in file order."""
        return list(self._by_target.get(code, ()))

    def for_report(
        self,
        *,
        priority_factors: Sequence[str] = (),
        top_challenges: Sequence[str] = (),
        calculated_phase: int | None = None,
        max_per_code: int | None = None,
    ) -> list[tuple[str, list[ReportedRecommendation]]]:
        """The advice for one report, as ``(code, recommendations)`` pairs.

        Order: the priority factors as given, then the top challenges as given, then ``MK.<phase>``.
        A recommendation that applies to several requested codes is shown once, under the first of
        them; its ``answers`` names all of them. A code whose recommendations were all shown earlier
        is still returned, with an empty list, so the report can say "see the advice above". A code
        requested twice is returned once. ``calculated_phase`` may be None when no phase could be
        calculated. ``max_per_code`` caps how many recommendations are listed under one code (a
        recommendation left out there may still appear under a later code).

        Raises ValueError for codes that do not fit their argument (e.g. a KO code among the
        factors) or a phase outside 1-4.
        """
        requested: list[str] = []
        for argument, values, pattern in (
            ("priority_factors", priority_factors, FACTOR_CODE),
            ("top_challenges", top_challenges, CHALLENGE_CODE),
        ):
            if isinstance(values, str):
                raise ValueError(f"{argument} must be a list of codes, not the string {values!r}")
            for code in values:
                if not isinstance(code, str) or not pattern.fullmatch(code):
                    raise ValueError(f"{argument}: {code!r} is not a code of the form {pattern.pattern}")
                if code not in requested:
                    requested.append(code)
        if calculated_phase is not None:
            if isinstance(calculated_phase, bool) or calculated_phase not in (1, 2, 3, 4):
                raise ValueError(f"calculated_phase must be 1, 2, 3 or 4, not {calculated_phase!r}")
            requested.append(f"MK.{calculated_phase}")
        if max_per_code is not None and (
            isinstance(max_per_code, bool) or not isinstance(max_per_code, int) or max_per_code < 1
        ):
            raise ValueError(f"max_per_code must be a positive whole number or None, not {max_per_code!r}")

        shown: set[str] = set()
        sections: list[tuple[str, list[ReportedRecommendation]]] = []
        for code in requested:
            items: list[ReportedRecommendation] = []
            for recommendation in self._by_target.get(code, ()):
                if recommendation.code in shown:
                    continue
                if max_per_code is not None and len(items) >= max_per_code:
                    break
                shown.add(recommendation.code)
                answers = tuple(c for c in requested if c in recommendation.applies_to)
                items.append(
                    ReportedRecommendation(
                        code=recommendation.code,
                        title=recommendation.title,
                        text=recommendation.text,
                        source=recommendation.source,
                        applies_to=recommendation.applies_to,
                        answers=answers,
                    )
                )
            sections.append((code, items))
        return sections


def advice_path(version: int = CURRENT_VERSION) -> Path:
    """Where the advice file of a version lives."""
    return ADVICE_DIR / f"advice-v{version}.yaml"


def load_advice(*, path: Path | str | None = None, version: int | None = None) -> AdviceSet:
    """Read and validate an advice file.

    Without arguments the current version's file is loaded; ``version`` picks an older or newer one
    from ``reports/advice/``, ``path`` any file (tests). Raises :class:`AdviceFileError`.
    """
    if path is not None and version is not None:
        raise TypeError("pass either path or version, not both")
    file = Path(path) if path is not None else advice_path(version or CURRENT_VERSION)
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise AdviceFileError(file, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise AdviceFileError(file, f"is not valid YAML: {exc}") from exc
    return _parse(file, data)


def _parse(file: Path, data: Any) -> AdviceSet:
    if not isinstance(data, Mapping):
        raise AdviceFileError(file, "the file must be a mapping with version, instrument and recommendations")
    unknown = set(data) - _TOP_LEVEL_KEYS
    if unknown:
        raise AdviceFileError(file, f"unknown top-level keys: {', '.join(sorted(map(str, unknown)))}")

    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise AdviceFileError(file, f"'version' must be a positive whole number, not {version!r}")
    named = _VERSION_IN_NAME.fullmatch(file.name)
    if named and int(named.group(1)) != version:
        raise AdviceFileError(file, f"'version: {version}' does not match the file name {file.name}")

    instrument = data.get("instrument")
    if not isinstance(instrument, str) or not instrument.strip():
        raise AdviceFileError(file, "'instrument' must be the slug of the instrument the advice is for")

    items = data.get("recommendations")
    if not isinstance(items, list) or not items:
        raise AdviceFileError(file, "'recommendations' must be a non-empty list")

    recommendations: list[Recommendation] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        recommendation = _parse_recommendation(file, index, item)
        if recommendation.code in seen:
            raise AdviceFileError(file, "duplicate code (codes must be unique)", code=recommendation.code)
        seen.add(recommendation.code)
        recommendations.append(recommendation)
    return AdviceSet(
        version=version, instrument=instrument.strip(), recommendations=tuple(recommendations), path=file
    )


def _parse_recommendation(file: Path, index: int, item: Any) -> Recommendation:
    if not isinstance(item, Mapping):
        raise AdviceFileError(file, f"recommendation #{index} must be a mapping")
    code = item.get("code")
    if not isinstance(code, str) or not code.strip():
        raise AdviceFileError(file, f"recommendation #{index} has no 'code'")
    code = code.strip()

    def fail(problem: str) -> AdviceFileError:
        return AdviceFileError(file, problem, code=code)

    if not RECOMMENDATION_CODE.fullmatch(code):
        raise fail("code must look like REC.<3-digit seed>.<id>, e.g. REC.004.1a")
    unknown = set(item) - _RECOMMENDATION_KEYS
    if unknown:
        raise fail(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")

    title = _parse_texts(item.get("title"), "title", fail)
    text = _parse_texts(item.get("text"), "text", fail)
    source = _parse_source(item.get("source"), fail)

    applies_to = item.get("applies_to")
    if not isinstance(applies_to, list) or not applies_to:
        raise fail("'applies_to' must be a non-empty list of codes")
    targets: list[str] = []
    for target in applies_to:
        if not is_advice_code(target):
            expected = "SF.[KPNOCX]<digit>, KO.[1-9] or MK.[1-4]"
            raise fail(f"'applies_to' has unknown code {target!r} (expected {expected})")
        if target in targets:
            raise fail(f"'applies_to' lists {target} twice")
        targets.append(target)

    return Recommendation(code=code, title=title, text=text, source=source, applies_to=tuple(targets))


def _parse_texts(value: Any, key: str, fail) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise fail(f"'{key}' must be a mapping with the languages {', '.join(LANGUAGES)}")
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        content = value.get(language)
        if not isinstance(content, str) or not content.strip():
            raise fail(f"'{key}' has no {language} text")
    for language, content in value.items():
        if not isinstance(language, str) or not isinstance(content, str) or not content.strip():
            raise fail(f"'{key}' has an empty or non-text entry for {language!r}")
        texts[language] = " ".join(content.split())
    return texts


def _parse_source(value: Any, fail) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise fail("'source' must be a mapping with file and lines")
    unknown = set(value) - _SOURCE_KEYS
    if unknown:
        raise fail(f"'source' has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    source_file = value.get("file")
    if not isinstance(source_file, str) or not source_file.strip():
        hint = " (quote it: YAML reads 004 as the number 4)" if isinstance(source_file, int) else ""
        raise fail(f"'source' has no file{hint}")
    lines = value.get("lines")
    if isinstance(lines, int) and not isinstance(lines, bool):
        lines = str(lines)
    if not isinstance(lines, str) or not lines.strip():
        raise fail("'source' has no lines")
    lines = lines.strip()
    if not LINE_RANGES.fullmatch(lines):
        raise fail(f"'source' lines {lines!r} must look like '2762-2790' or '2808-2810, 2149-2155'")
    for part in lines.split(","):
        start, _, end = part.strip().partition("-")
        if end and int(end) < int(start):
            raise fail(f"'source' line range {part.strip()!r} ends before it starts")
    source = {"file": source_file.strip(), "lines": lines}
    section = value.get("section")
    if section is not None:
        if not isinstance(section, str) or not section.strip():
            raise fail("'source' section must be text when given")
        source["section"] = section.strip()
    return source
