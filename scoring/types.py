"""Frozen dataclasses that carry data into and results out of the scoring engine.

Inputs are plain values (no ORM objects) so the engine can be tested and reused without
Django; outputs know how to render themselves as the stored JSON (``to_dict``), which is the
only place where numbers are rounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from scoring.codes import ASPECTS, LEVELS
from scoring.serialise import JSONObject, round1, sort_keys

FORMAT_VERSION = 3

# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemSpec:
    """What the engine needs to know about one closed item: never its wording.

    ``dimension`` is the instrument's dimension code (an area, a phase or a group);
    ``factor`` and ``aspect`` tie the two items of one success factor together.
    ``categorical`` marks a choice whose numbers are labels, not amounts (e.g. BB.1 "alone /
    bilateral / network"): it gets counts and a distribution but no mean or spread.
    """

    code: str
    module: str
    dimension: str | None = None
    factor: str | None = None
    aspect: str | None = None
    scale_min: int = 1
    scale_max: int = 5
    critical: bool = False
    precondition: bool = False
    reverse: bool = False
    extra: bool = False
    categorical: bool = False

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError("an item needs a code")
        if self.scale_min >= self.scale_max:
            raise ValueError(f"{self.code}: scale_min must be below scale_max")
        if self.aspect is not None and self.aspect not in ASPECTS:
            raise ValueError(f"{self.code}: aspect must be one of {ASPECTS}")
        if self.categorical and self.reverse:
            raise ValueError(f"{self.code}: a categorical item cannot be reverse-scored")


@dataclass(frozen=True, kw_only=True, slots=True)
class Respondent:
    """One completed (or partly completed) questionnaire.

    ``answers`` maps item code to an integer, or to None for an explicit "weet niet" (in
    instrument version 1 the combined "weet niet / n.v.t.", read as "weet niet"); a code that
    is absent was not answered at all. The two are kept apart because the share of "don't
    know" is itself a finding (unfamiliarity with a topic). ``not_applicable`` holds the codes
    answered "niet van toepassing" (version 2 onwards): such an item is left out of this
    respondent's denominator, neither a number nor a knowledge gap. A code may not be in both.
    """

    id: str
    organisation: str | None = None
    level: str | None = None
    role: str | None = None
    answers: Mapping[str, int | None] = field(default_factory=dict, hash=False)
    not_applicable: frozenset[str] = field(default_factory=frozenset, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))
        object.__setattr__(self, "not_applicable", frozenset(self.not_applicable))
        if self.level is not None and self.level not in LEVELS:
            raise ValueError(f"respondent {self.id}: level must be one of {LEVELS} or None")
        both = self.not_applicable & self.answers.keys()
        if both:
            raise ValueError(f"respondent {self.id}: {sorted(both)[0]} is both answered and 'n.v.t.'")


@dataclass(frozen=True, kw_only=True, slots=True)
class ScoredSheet:
    """A respondent's answers after validation and reflection of reverse-scored items.

    ``values`` holds numeric answers on the scoring direction; ``dont_know`` the codes
    answered "weet niet" (a knowledge gap); ``not_applicable`` the codes answered "n.v.t."
    (out of this respondent's denominator). Codes in none of them were not answered.
    """

    respondent: Respondent
    values: Mapping[str, int]
    dont_know: frozenset[str]
    not_applicable: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- outputs


def _r(value: float | None) -> float | None:
    return round1(value=value)


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemStats:
    """Descriptive statistics of one item over the respondents of a round."""

    code: str
    module: str
    scale_min: int
    scale_max: int
    n: int
    n_dont_know: int
    n_missing: int
    dont_know_share: float | None
    mean: float | None
    median: float | None
    sd: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    dispersion: float | None
    disputed: bool
    distribution: Mapping[int, int]
    n_not_applicable: int = 0

    def to_dict(self) -> JSONObject:
        return {
            "module": self.module,
            "scale_min": self.scale_min,
            "scale_max": self.scale_max,
            "n": self.n,
            "n_dont_know": self.n_dont_know,
            "n_not_applicable": self.n_not_applicable,
            "n_missing": self.n_missing,
            "dont_know_share": _r(self.dont_know_share),
            "mean": _r(self.mean),
            "median": _r(self.median),
            "sd": _r(self.sd),
            "q1": _r(self.q1),
            "q3": _r(self.q3),
            "iqr": _r(self.iqr),
            "dispersion": _r(self.dispersion),
            "disputed": self.disputed,
            "distribution": {str(value): count for value, count in self.distribution.items()},
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class FactorScores:
    """One success factor: presence and importance, 0-100 and raw, and its quadrant."""

    code: str
    area: str
    presence: float | None
    importance: float | None
    presence_mean: float | None
    importance_mean: float | None
    sd: float | None
    n: int
    n_importance: int
    quadrant: str | None
    critical: bool
    precondition: bool
    extra: bool

    def to_dict(self) -> JSONObject:
        return {
            "area": self.area,
            "presence": _r(self.presence),
            "importance": _r(self.importance),
            "presence_mean": _r(self.presence_mean),
            "importance_mean": _r(self.importance_mean),
            "sd": _r(self.sd),
            "n": self.n,
            "n_importance": self.n_importance,
            "quadrant": self.quadrant,
            "critical": self.critical,
            "precondition": self.precondition,
            "extra": self.extra,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class AreaScores:
    """One area (deelgebied): the unweighted mean of its factors' 0-100 scores."""

    code: str
    presence: float | None
    importance: float | None
    n: int
    factors: int

    def to_dict(self) -> JSONObject:
        return {
            "presence": _r(self.presence),
            "importance": _r(self.importance),
            "n": self.n,
            "factors": self.factors,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class OverallScores:
    """The overall score: the unweighted mean of the core areas with data."""

    presence: float | None
    importance: float | None
    areas: int

    def to_dict(self) -> JSONObject:
        return {
            "presence": _r(self.presence),
            "importance": _r(self.importance),
            "areas": self.areas,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class DimensionScores:
    """A dimension of an optional module: the unweighted mean of its items."""

    module: str
    code: str
    score: float | None
    mean: float | None
    items: int
    n: int

    def to_dict(self) -> JSONObject:
        return {"score": _r(self.score), "mean": _r(self.mean), "items": self.items, "n": self.n}


@dataclass(frozen=True)
class PhaseBacklog:
    """A phase below the network's position that is not reached: its open elements (MK item codes).

    The position follows the weight of the evidence (docs/scoring.md), so a weak earlier phase
    does not pull the network down; it is reported here instead, for the conversation and the advice.
    """

    phase: int
    open_elements: tuple[str, ...]

    def to_dict(self) -> JSONObject:
        return {"phase": self.phase, "open_elements": list(self.open_elements)}


PHASE_REACHED = "reached"
PHASE_NOT_REACHED = "not_reached"
PHASE_INSUFFICIENT = "insufficient"
PHASE_STATUSES = (PHASE_REACHED, PHASE_NOT_REACHED, PHASE_INSUFFICIENT)

PROFILE_CATEGORIES = ("realised", "partly", "planned", "not", "unknown")
"""The answer categories of a phase profile: ja, gedeeltelijk, gepland, nee, weet niet."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PhaseProfile:
    """How one Minkman phase was answered: the answer mix, its coverage and its status.

    ``counts`` holds the number of answers per category of ``PROFILE_CATEGORIES`` ("unknown" is
    "weet niet"); ``shares`` the same as percentages of all those answers. ``covered_elements``
    counts the phase's elements that got a substantive answer from enough respondents;
    ``assessable`` says whether enough elements are covered to judge the phase at all.
    ``open_elements``: elements below the threshold or without enough answers.
    """

    phase: int
    elements: int
    covered_elements: int
    coverage: float | None
    counts: Mapping[str, int]
    shares: Mapping[str, float | None]
    realisation: float | None
    assessable: bool
    reached: bool
    status: str
    open_elements: tuple[str, ...]

    def to_dict(self) -> JSONObject:
        return {
            "elements": self.elements,
            "covered_elements": self.covered_elements,
            "coverage": _r(self.coverage),
            "counts": dict(self.counts),
            "shares": {category: _r(share) for category, share in self.shares.items()},
            "realisation": _r(self.realisation),
            "assessable": self.assessable,
            "reached": self.reached,
            "status": self.status,
            "open_elements": list(self.open_elements),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class MinkmanScores:
    """Realisation per Minkman phase, the network's position and the claims beside it.

    ``calculated_phase`` is the network's position (None: insufficient data, see
    ``insufficient_data``); ``profile`` the answer mix and coverage per phase; ``backlog`` the
    phases below the position that are not reached, with their open elements.
    """

    phases: Mapping[int, float | None]
    phase_n: Mapping[int, int]
    reached: tuple[int, ...]
    threshold: float
    calculated_phase: int | None
    claimed_phase: int | None
    claimed_distribution: Mapping[int, int]
    claimed_n: int
    network_claimed_phase: int | None
    mismatch_respondents: bool | None
    mismatch_network: bool | None
    mismatch: bool | None
    profile: Mapping[int, PhaseProfile] = field(default_factory=dict)
    backlog: tuple[PhaseBacklog, ...] = ()
    insufficient_data: bool = False
    insufficient_phases: tuple[int, ...] = ()
    min_element_coverage: float = 0.0
    min_respondent_share: float = 0.0

    def to_dict(self) -> JSONObject:
        return {
            "phases": {str(phase): _r(share) for phase, share in self.phases.items()},
            "phase_n": {str(phase): n for phase, n in self.phase_n.items()},
            "reached": list(self.reached),
            "threshold": _r(self.threshold),
            "calculated_phase": self.calculated_phase,
            "claimed_phase": self.claimed_phase,
            "claimed_distribution": {str(phase): count for phase, count in self.claimed_distribution.items()},
            "claimed_n": self.claimed_n,
            "network_claimed_phase": self.network_claimed_phase,
            "mismatch_respondents": self.mismatch_respondents,
            "mismatch_network": self.mismatch_network,
            "mismatch": self.mismatch,
            "profile": {str(phase): profile.to_dict() for phase, profile in self.profile.items()},
            "backlog": [item.to_dict() for item in self.backlog],
            "insufficient_data": self.insufficient_data,
            "insufficient_phases": list(self.insufficient_phases),
            "min_element_coverage": _r(self.min_element_coverage),
            "min_respondent_share": _r(self.min_respondent_share),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ChallengeScores:
    """One Kaats & Opheij challenge: how widely and how strongly it is recognised."""

    code: str
    recognised_share: float | None
    mean: float | None
    n: int
    n_dont_know: int
    n_not_applicable: int = 0

    def to_dict(self) -> JSONObject:
        return {
            "recognised_share": _r(self.recognised_share),
            "mean": _r(self.mean),
            "n": self.n,
            "n_dont_know": self.n_dont_know,
            "n_not_applicable": self.n_not_applicable,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupScores:
    """The scores of one reported group in a breakdown (never for a group below minimum)."""

    n: int
    areas: Mapping[str, AreaScores]
    overall: OverallScores
    minkman_phases: Mapping[int, float | None]
    challenges: Mapping[str, float | None]

    def to_dict(self) -> JSONObject:
        return {
            "n": self.n,
            "areas": {code: area.to_dict() for code, area in self.areas.items()},
            "overall": self.overall.to_dict(),
            "minkman_phases": {str(p): _r(share) for p, share in self.minkman_phases.items()},
            "challenges": {code: _r(share) for code, share in self.challenges.items()},
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Breakdown:
    """Scores per organisation, level or role, after small-group protection.

    Only counts of merged and suppressed groups are kept: their names and sizes would
    undo the protection.
    """

    dimension: str
    groups: Mapping[str, GroupScores]
    unspecified: GroupScores | None
    other: GroupScores | None
    merged_groups: int
    suppressed_groups: int

    def to_dict(self) -> JSONObject:
        return {
            "groups": {name: group.to_dict() for name, group in self.groups.items()},
            "unspecified": None if self.unspecified is None else self.unspecified.to_dict(),
            "other": None if self.other is None else self.other.to_dict(),
            "merged_groups": self.merged_groups,
            "suppressed_groups": self.suppressed_groups,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Trend:
    """Differences (current minus previous) between two rounds of the same network."""

    overall: Mapping[str, float | None]
    areas: Mapping[str, Mapping[str, float | None]]
    factors: Mapping[str, Mapping[str, float | None]]
    items: Mapping[str, float | None]
    minkman_phases: Mapping[str, float | None]
    challenges: Mapping[str, float | None]
    only_current: tuple[str, ...]
    only_previous: tuple[str, ...]

    def to_dict(self) -> JSONObject:
        return sort_keys(
            data={
                "overall": dict(self.overall),
                "areas": {code: dict(diff) for code, diff in self.areas.items()},
                "factors": {code: dict(diff) for code, diff in self.factors.items()},
                "items": dict(self.items),
                "minkman_phases": dict(self.minkman_phases),
                "challenges": dict(self.challenges),
                "only_current": list(self.only_current),
                "only_previous": list(self.only_previous),
            }
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Compared:
    """A respondent's own value beside the network's, on the same scale."""

    own: float | None
    network: float | None
    own_dont_know: bool = False
    own_not_applicable: bool = False

    @property
    def difference(self) -> float | None:
        """Own minus network; None when either side has no data."""
        if self.own is None or self.network is None:
            return None
        return self.own - self.network

    def to_dict(self) -> JSONObject:
        return {
            "own": _r(self.own),
            "network": _r(self.network),
            "difference": _r(self.difference),
            "own_dont_know": self.own_dont_know,
            "own_not_applicable": self.own_not_applicable,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class RespondentView:
    """The personal view: one respondent's answers mirrored against the network."""

    respondent_id: str
    items: Mapping[str, Compared]
    factors: Mapping[str, Mapping[str, Compared]]
    areas: Mapping[str, Compared]
    overall: Compared
    minkman_phases: Mapping[int, Compared]

    def to_dict(self) -> JSONObject:
        return sort_keys(
            data={
                "respondent": self.respondent_id,
                "items": {code: value.to_dict() for code, value in self.items.items()},
                "factors": {
                    code: {aspect: value.to_dict() for aspect, value in aspects.items()}
                    for code, aspects in self.factors.items()
                },
                "areas": {code: value.to_dict() for code, value in self.areas.items()},
                "overall": self.overall.to_dict(),
                "minkman_phases": {str(phase): value.to_dict() for phase, value in self.minkman_phases.items()},
            }
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class RoundScores:
    """Everything the report needs about one evaluation round of one network."""

    respondents: int
    min_group_size: int
    items: Mapping[str, ItemStats]
    factors: Mapping[str, FactorScores]
    areas: Mapping[str, AreaScores]
    overall: OverallScores
    disputed: tuple[str, ...]
    dimensions: Mapping[str, Mapping[str, DimensionScores]]
    minkman: MinkmanScores
    challenges: Mapping[str, ChallengeScores]
    top_challenges: tuple[str, ...]
    breakdowns: Mapping[str, Breakdown]
    trend: Trend | None = None

    @property
    def reportable(self) -> bool:
        """Whether the round as a whole reaches the minimum group size."""
        return self.respondents >= self.min_group_size

    def to_dict(self) -> JSONObject:
        """Render as the ``network_scores`` JSON (see docs/scoring.md): rounded, sorted."""
        return sort_keys(
            data={
                "format_version": FORMAT_VERSION,
                "respondents": self.respondents,
                "reportable": self.reportable,
                "min_group_size": self.min_group_size,
                "items": {code: stats.to_dict() for code, stats in self.items.items()},
                "factors": {code: factor.to_dict() for code, factor in self.factors.items()},
                "areas": {code: area.to_dict() for code, area in self.areas.items()},
                "overall": self.overall.to_dict(),
                "disputed": list(self.disputed),
                "dimensions": {
                    module: {code: dim.to_dict() for code, dim in dims.items()}
                    for module, dims in self.dimensions.items()
                },
                "minkman": self.minkman.to_dict(),
                "challenges": {code: ch.to_dict() for code, ch in self.challenges.items()},
                "top_challenges": list(self.top_challenges),
                "breakdowns": {name: bd.to_dict() for name, bd in self.breakdowns.items()},
                "trend": None if self.trend is None else self.trend.to_dict(),
            }
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupPartition:
    """How respondents split into reportable groups for one breakdown attribute.

    ``shown`` maps a group value (None = attribute not given) to its respondents; ``other``
    holds the merged small groups when reported; the counts say how many groups were merged
    or suppressed without saying which.
    """

    shown: Mapping[str | None, tuple[ScoredSheet, ...]]
    other: tuple[ScoredSheet, ...] | None
    merged_groups: int
    suppressed_groups: int
