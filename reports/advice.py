"""Source-based advice attached to a scored report.

The advice lives in ``reports/advice/advice-v<N>.yaml`` (see the header comment of that file for the
format and for how to add a new version; the schema models that validate it are reports.advice_schema,
published as docs/advice.schema.json). This module reads it; it has no Django imports so it can be used
from the scoring code, management commands and plain tests alike.

Which situations get advice is decided here too, by pure functions the report calls with its scores
(the rules and their sources are in docs/advice.md):

* :func:`factor_targets`: success factors in the ``priority`` quadrant (important, not present); the
  five preconditions when they are not present, whatever their importance (dissatisfiers, seed 004
  conclusie 2 and lines 2357-2360); factors in the ``underexposed`` quadrant, client value first (a
  blind spot is a finding: 004 conclusie 5 and aanbeveling 3);
* :func:`advised_challenges`: the top Kaats & Opheij challenges, only when a meaningful share of the
  respondents recognises them (:data:`CHALLENGE_MIN_SHARE`, :data:`CHALLENGE_MIN_RESPONDENTS`);
* :func:`phase_targets`: the backlog of earlier Minkman phases (``MK.<n>.open``), then the position
  (``MK.<n>``), or ``MK.data`` when there were too few answers to place the network;
* :func:`complexity_target`: the chain complexity module (CX) selects the simple or complex chain
  strategy of seed 003 (``CX.simple`` / ``CX.complex``, in between ``CX.mixed``).

:func:`select_targets` puts those in report order and :meth:`AdviceSet.for_targets` returns the
recommendations per target, showing every recommendation only once (under the first target that asks
for it). Each returned item is a :class:`ReportedRecommendation`, which also lists all requested codes
it answers. :meth:`AdviceSet.for_report` is the same in one call, returning ``(code, recommendations)``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from core.schema import Text
from scoring.codes import natural_key
from scoring.factors import PRIORITY as PRIORITY_QUADRANT
from scoring.factors import UNDEREXPOSED as UNDEREXPOSED_QUADRANT

from .advice_schema import (
    ADVICE_CODE,
    CHALLENGE_CODE,
    COMPLEXITY_CODE,
    FACTOR_CODE,
    PRACTICE_KIND,
    SOURCE_KIND,
    AdviceFile,
    advice_problem,
)

ADVICE_DIR = Path(__file__).resolve().parent / "advice"
CURRENT_VERSION = 2
DEFAULT_LANGUAGE = "nl"

POSITION_CODE = re.compile(r"MK\.[1-4]")
_VERSION_IN_NAME = re.compile(r"advice-v(\d+)\.ya?ml")


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
    """True for a code advice can apply to: ``SF.K1``, ``KO.4``, ``MK.2``, ``MK.2.open``, ``MK.data``,
    ``CX.complex`` and the like."""
    return isinstance(code, str) and ADVICE_CODE.fullmatch(code) is not None


@dataclass(frozen=True)
class Recommendation:
    """One piece of advice, in Dutch and English, with the source passage it is based on."""

    code: str
    title: dict[str, str]
    text: dict[str, str]
    source: dict[str, str]
    applies_to: tuple[str, ...]
    kind: str = SOURCE_KIND

    @property
    def practice(self) -> bool:
        """True for the product's own practice advice (not a paraphrase of a source passage)."""
        return self.kind == PRACTICE_KIND

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

    def for_targets(
        self, targets: Sequence[AdviceTarget], *, max_per_code: int | None = None
    ) -> list[tuple[AdviceTarget, list[ReportedRecommendation]]]:
        """The advice for the selected targets (see :func:`select_targets`), in their order.

        A recommendation that applies to several targets is shown once, under the first of them; its
        ``answers`` names all of them. A target whose recommendations were all shown earlier is still
        returned, with an empty list, so the report can say "see the advice above"; a target this file
        has no recommendation for at all is left out (an older advice file may not know the newer
        targets). ``max_per_code`` caps how many recommendations are listed under one target (one left
        out there may still appear under a later target).
        """
        if max_per_code is not None and (
            isinstance(max_per_code, bool) or not isinstance(max_per_code, int) or max_per_code < 1
        ):
            raise ValueError(f"max_per_code must be a positive whole number or None, not {max_per_code!r}")
        requested = [target.code for target in targets]
        shown: set[str] = set()
        sections: list[tuple[AdviceTarget, list[ReportedRecommendation]]] = []
        for target in targets:
            candidates = self._by_target.get(target.code, ())
            if not candidates:
                continue
            items: list[ReportedRecommendation] = []
            for recommendation in candidates:
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
                        kind=recommendation.kind,
                        answers=answers,
                    )
                )
            sections.append((target, items))
        return sections

    def for_report(
        self,
        *,
        priority_factors: Sequence[str] = (),
        missing_preconditions: Sequence[str] = (),
        underexposed_factors: Sequence[str] = (),
        top_challenges: Sequence[str] = (),
        calculated_phase: int | None = None,
        phase_backlog: Sequence[BacklogLike] = (),
        complexity: str | None = None,
        max_per_code: int | None = None,
    ) -> list[tuple[str, list[ReportedRecommendation]]]:
        """:func:`select_targets` and :meth:`for_targets` in one call, as ``(code, recommendations)``.

        ``calculated_phase`` None means "too few answers to place the network" (``MK.data``); an advice
        file without ``MK.data`` advice (version 1) then gives no phase section. Raises ValueError for
        codes that do not fit their argument, a phase outside 1-4 or a bad ``max_per_code``.
        """
        targets = select_targets(
            priority_factors=priority_factors,
            missing_preconditions=missing_preconditions,
            underexposed_factors=underexposed_factors,
            top_challenges=top_challenges,
            calculated_phase=calculated_phase,
            phase_backlog=phase_backlog,
            complexity=complexity,
        )
        return [(target.code, items) for target, items in self.for_targets(targets, max_per_code=max_per_code)]


# ---------------------------------------------------------------------------------------------------
# Which situations get advice (pure: plain values in, target codes out; the rules are in docs/advice.md)
# ---------------------------------------------------------------------------------------------------

PRIORITY = "priority"
PRECONDITION = "precondition"
UNDEREXPOSED = "underexposed"
CHALLENGE = "challenge"
BACKLOG = "backlog"
PHASE = "phase"
PHASE_DATA = "phase_data"
COMPLEXITY = "complexity"
TARGET_KINDS = (PRIORITY, PRECONDITION, UNDEREXPOSED, CHALLENGE, BACKLOG, PHASE, PHASE_DATA, COMPLEXITY)

INSUFFICIENT_PHASE_DATA = "MK.data"
CLIENT_VALUE_AREA = "K"
"""Client value leads the under-exposed factors: the thesis's central finding (004 conclusie 5, lines
2561-2565; aanbeveling 3, lines 2865-2869)."""

CHALLENGE_MIN_SHARE = Fraction(100, 3)
"""A challenge gets advice only when at least a third of the respondents who answered it recognise it
clearly or strongly (``recognised_share`` >= 33.3 %) ..."""
CHALLENGE_MIN_RESPONDENTS = 2
"""... and at least two of them do: one person's view is not a finding of the network, and in the smallest
reportable group (three) a third would be one person."""

COMPLEXITY_MODULE = "CX"
COMPLEXITY_DIMENSION = "complexity"
"""The optional module and dimension whose 0-100 score :func:`complexity_target` reads (instrument CX,
seed 003 Bijlage: five dimensions, a higher score is a more complex chain)."""
COMPLEX_FROM = 62.5
"""CX complexity score (0-100, higher is more complex) from which the chain counts as complex: a mean of
3.5 or more on the 1-5 scale, half a step above the midpoint."""
SIMPLE_UP_TO = 37.5
"""... and up to which it counts as simple (a mean of 2.5 or less). In between: ``CX.mixed``."""


class BacklogLike(Protocol):
    """What :func:`phase_targets` needs of a backlog entry (``scoring.types.PhaseBacklog``).

    Read-only properties, so that frozen dataclasses satisfy the protocol.
    """

    @property
    def phase(self) -> int: ...
    @property
    def open_elements(self) -> tuple[str, ...]: ...


class FactorLike(Protocol):
    """What :func:`factor_targets` needs of a factor (``scoring.types.FactorScores``)."""

    @property
    def area(self) -> str: ...
    @property
    def presence(self) -> float | None: ...
    @property
    def importance(self) -> float | None: ...
    @property
    def quadrant(self) -> str | None: ...
    @property
    def precondition(self) -> bool: ...


class ChallengeLike(Protocol):
    """What :func:`advised_challenges` needs of a challenge (``scoring.types.ChallengeScores``)."""

    @property
    def recognised_share(self) -> float | None: ...
    @property
    def n(self) -> int: ...


@dataclass(frozen=True)
class AdviceTarget:
    """One situation the report gives advice for: its kind, the advice code, and for a phase backlog the
    open elements (MK item codes) the report names."""

    kind: str
    code: str
    elements: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in TARGET_KINDS:
            raise ValueError(f"unknown advice target kind {self.kind!r}")
        if not is_advice_code(self.code):
            raise ValueError(f"{self.code!r} is not an advice code")


@dataclass(frozen=True)
class FactorTargets:
    """The factor codes that get advice, each in report order (see :func:`factor_targets`)."""

    priority: tuple[str, ...]
    missing_preconditions: tuple[str, ...]
    underexposed: tuple[str, ...]


def factor_targets(*, factors: Mapping[str, FactorLike]) -> FactorTargets:
    """Which success factors get advice, from their quadrant and precondition flag.

    * ``priority``: factors in the priority quadrant (important, not present), widest gap between
      importance and presence first;
    * ``missing_preconditions``: the preconditions (P1, P2, O1, O3, C3 in the shipped instrument) that are
      not present (quadrant ``priority`` or ``underexposed``), whatever their importance, lowest presence
      first. They are listed here and not again under priority or under-exposed;
    * ``underexposed``: the other factors that are not present and not seen as important, the client-value
      area first, then lowest presence first.

    Factors without data (no quadrant) get no advice. Ties go in natural code order.
    """
    priority: list[tuple[Any, ...]] = []
    missing: list[tuple[Any, ...]] = []
    underexposed: list[tuple[Any, ...]] = []
    for code, factor in factors.items():
        if factor.quadrant not in (PRIORITY_QUADRANT, UNDEREXPOSED_QUADRANT):
            continue
        presence = factor.presence if factor.presence is not None else 0.0
        if factor.precondition:
            missing.append((presence, natural_key(code=code), code))
        elif factor.quadrant == PRIORITY_QUADRANT:
            gap = (factor.importance or 0.0) - presence
            priority.append((-gap, natural_key(code=code), code))
        else:
            underexposed.append((0 if factor.area == CLIENT_VALUE_AREA else 1, presence, natural_key(code=code), code))
    return FactorTargets(
        priority=tuple(entry[-1] for entry in sorted(priority)),
        missing_preconditions=tuple(entry[-1] for entry in sorted(missing)),
        underexposed=tuple(entry[-1] for entry in sorted(underexposed)),
    )


def recognising_respondents(*, challenge: ChallengeLike) -> int:
    """How many respondents recognise a challenge clearly or strongly (share x answers, rounded)."""
    if challenge.recognised_share is None:
        return 0
    return int(Fraction(challenge.recognised_share) * challenge.n / 100 + Fraction(1, 2))


def advised_challenges(*, top: Sequence[str], challenges: Mapping[str, ChallengeLike]) -> tuple[str, ...]:
    """The top challenges that a meaningful share of the respondents recognises, in the given order.

    A challenge qualifies when its recognised share is at least :data:`CHALLENGE_MIN_SHARE` (a third) and
    at least :data:`CHALLENGE_MIN_RESPONDENTS` (two) respondents recognise it. A top three in which every
    challenge is recognised by one respondent in six (17 %) gives no challenge advice.
    """
    chosen = []
    for code in top:
        challenge = challenges.get(code)
        if challenge is None or challenge.recognised_share is None:
            continue
        if Fraction(challenge.recognised_share) < CHALLENGE_MIN_SHARE:
            continue
        if recognising_respondents(challenge=challenge) < CHALLENGE_MIN_RESPONDENTS:
            continue
        chosen.append(code)
    return tuple(chosen)


def backlog_code(phase: int) -> str:
    """``MK.2.open``: the advice code for open elements of an earlier phase."""
    return f"MK.{phase}.open"


def phase_targets(*, position: int | None, backlog: Iterable[BacklogLike] = ()) -> tuple[AdviceTarget, ...]:
    """The phase advice for a calculated position and its backlog.

    First every backlog phase below the position that still has open elements, lowest phase first
    (``MK.<n>.open``, naming the open elements): one weak earlier phase is worked on, not ignored. Then the
    position itself (``MK.<n>``: what to finish in phase n and work on for phase n+1). A position of None
    means the answers were too few to place the network: ``MK.data`` (advice about gathering better data)
    instead of a phase; the backlog is then still listed, since those elements were answered.
    """
    if position is not None and (isinstance(position, bool) or position not in (1, 2, 3, 4)):
        raise ValueError(f"the calculated phase must be 1, 2, 3, 4 or None, not {position!r}")
    targets: list[AdviceTarget] = []
    seen: set[int] = set()
    for entry in sorted(backlog, key=lambda entry: entry.phase):
        phase = entry.phase
        if isinstance(phase, bool) or phase not in (1, 2, 3, 4):
            raise ValueError(f"a backlog phase must be 1-4, not {phase!r}")
        if phase in seen or not entry.open_elements:
            continue
        if position is not None and phase >= position:
            continue  # open elements of the position itself are what MK.<position> advice is about
        seen.add(phase)
        targets.append(AdviceTarget(kind=BACKLOG, code=backlog_code(phase), elements=tuple(entry.open_elements)))
    if position is None:
        targets.append(AdviceTarget(kind=PHASE_DATA, code=INSUFFICIENT_PHASE_DATA))
    else:
        targets.append(AdviceTarget(kind=PHASE, code=f"MK.{position}"))
    return tuple(targets)


def complexity_target(*, score: float | None) -> str | None:
    """``CX.simple``, ``CX.mixed`` or ``CX.complex`` for the CX module's complexity score (0-100), or None
    when the module was not answered. Seed 003 (Bijlage, lines 1073-1090) distinguishes simple chains
    (far-reaching, lasting agreements fit) from complex ones (adjust expectations, start modestly)."""
    if score is None:
        return None
    if score >= COMPLEX_FROM:
        return "CX.complex"
    if score <= SIMPLE_UP_TO:
        return "CX.simple"
    return "CX.mixed"


def _codes(argument: str, values: Sequence[str], pattern: re.Pattern[str]) -> list[str]:
    if isinstance(values, str):
        raise ValueError(f"{argument} must be a list of codes, not the string {values!r}")
    for code in values:
        if not isinstance(code, str) or not pattern.fullmatch(code):
            raise ValueError(f"{argument}: {code!r} is not a code of the form {pattern.pattern}")
    return list(values)


def select_targets(
    *,
    priority_factors: Sequence[str] = (),
    missing_preconditions: Sequence[str] = (),
    underexposed_factors: Sequence[str] = (),
    top_challenges: Sequence[str] = (),
    calculated_phase: int | None = None,
    phase_backlog: Iterable[BacklogLike] = (),
    complexity: str | None = None,
) -> list[AdviceTarget]:
    """All advice targets of one report, in report order: priority factors, missing preconditions,
    under-exposed factors, challenges, phase backlog, phase position (or ``MK.data``), complexity.

    A code requested twice is kept once, at its first place. Raises ValueError for codes that do not fit
    their argument (e.g. a KO code among the factors), a phase outside 1-4 or an unknown complexity code.
    """
    targets: list[AdviceTarget] = []
    for kind, argument, values, pattern in (
        (PRIORITY, "priority_factors", priority_factors, FACTOR_CODE),
        (PRECONDITION, "missing_preconditions", missing_preconditions, FACTOR_CODE),
        (UNDEREXPOSED, "underexposed_factors", underexposed_factors, FACTOR_CODE),
        (CHALLENGE, "top_challenges", top_challenges, CHALLENGE_CODE),
    ):
        targets.extend(AdviceTarget(kind=kind, code=code) for code in _codes(argument, values, pattern))
    targets.extend(phase_targets(position=calculated_phase, backlog=phase_backlog))
    if complexity is not None:
        if not isinstance(complexity, str) or not COMPLEXITY_CODE.fullmatch(complexity):
            raise ValueError(f"complexity must be CX.simple, CX.mixed, CX.complex or None, not {complexity!r}")
        targets.append(AdviceTarget(kind=COMPLEXITY, code=complexity))
    unique: list[AdviceTarget] = []
    seen: set[str] = set()
    for target in targets:
        if target.code not in seen:
            seen.add(target.code)
            unique.append(target)
    return unique


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
    key = (str(file.resolve()), hashlib.sha256(raw.encode("utf-8")).hexdigest())
    cached = _parsed.get(key)
    if cached is not None:
        return cached
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise AdviceFileError(file, f"is not valid YAML: {exc}") from exc
    advice = _parse(file, data)
    _parsed[key] = advice
    return advice


# Parsed advice files by (path, SHA-256 of the content): parsing and validating the YAML takes far longer than
# reading and hashing it, and an edited file gets a new checksum, so it is parsed again. AdviceSet is frozen.
_parsed: dict[tuple[str, str], AdviceSet] = {}


def _parse(file: Path, data: Any) -> AdviceSet:
    try:
        model = AdviceFile.model_validate(data)
    except ValidationError as exc:
        problem, code = advice_problem(data=data, error=exc)
        raise AdviceFileError(file, problem, code=code) from exc
    named = _VERSION_IN_NAME.fullmatch(file.name)
    if named and int(named.group(1)) != model.version:
        raise AdviceFileError(file, f"'version: {model.version}' does not match the file name {file.name}")
    recommendations = tuple(
        Recommendation(code=entry.code, title=_one_line(entry.title), text=_one_line(entry.text),
                       source=entry.source.as_dict(), applies_to=tuple(entry.applies_to), kind=entry.kind)
        for entry in model.recommendations
    )
    return AdviceSet(version=model.version, instrument=model.instrument, recommendations=recommendations, path=file)


def _one_line(text: Text) -> dict[str, str]:
    # The file wraps long texts over several lines; the report sets them as one paragraph.
    return {language: " ".join(value.split()) for language, value in text.as_dict().items()}
