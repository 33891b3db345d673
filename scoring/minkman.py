"""Minkman's development phases (seed 004 ch. 4.3, Bijlage 1): where does the network stand?

Each phase has a top ten of elements answered on 0 nee, 1 gepland, 2 gedeeltelijk, 3 ja.
The model is meant "to hold up a mirror to practice" (004 lines 1440-1442), so the engine
puts the calculated position beside the phase respondents and the coordinator claim, and
shows per phase what the position rests on: the answer mix, its coverage and the open
elements. The method and its sources are in docs/scoring.md ("Development phase").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction

from scoring.codes import MK_MODULE, MK_PHASE_CODE, MK_PHASES, minkman_phase, natural_key
from scoring.tally import Tally, tally_sheets
from scoring.types import (
    PHASE_INSUFFICIENT,
    PHASE_NOT_REACHED,
    PHASE_REACHED,
    PROFILE_CATEGORIES,
    ItemSpec,
    MinkmanScores,
    PhaseBacklog,
    PhaseProfile,
    ScoredSheet,
)

PHASE_THRESHOLD = Fraction(60)
"""A phase counts as reached at a realisation of 60 % or more (and enough coverage).

Realisation credits "ja" fully, "gedeeltelijk" half and "gepland" / "nee" not at all
(``CREDIT``), so 60 % needs more than partial work: e.g. six of ten elements realised and
four not, or two realised and eight partly. "Gedeeltelijk" everywhere (50 %) reaches no phase.
Allowed range for callers: 50-75.
"""

MIN_RESPONDENT_SHARE = Fraction(1, 2)
"""An element is covered when at least half of the respondents asked gave a substantive answer."""

MIN_ELEMENT_COVERAGE = Fraction(7, 10)
"""A phase can be judged (is assessable) when at least 70 % of its elements are covered."""

REALISED, PARTLY, PLANNED, NOT, UNKNOWN = PROFILE_CATEGORIES
CREDIT = {REALISED: Fraction(1), PARTLY: Fraction(1, 2), PLANNED: Fraction(0), NOT: Fraction(0)}
"""Realisation credit per answer category: planned is not realised, partly counts half."""


def answer_category(*, value: int, scale_min: int, scale_max: int) -> str:
    """Category of one element answer: the top of the scale is realised, the bottom not.

    On the instrument's 0-3 scale: 0 nee -> not, 1 gepland -> planned, 2 gedeeltelijk -> partly,
    3 ja -> realised. Another scale is read the same way by position: above the middle is partly,
    at or below it planned. The category never falls when the answer rises.
    """
    offset, width = value - scale_min, scale_max - scale_min
    if offset >= width:
        return REALISED
    if offset <= 0:
        return NOT
    return PARTLY if 2 * offset > width else PLANNED


def _phase_elements(items: Mapping[str, ItemSpec]) -> dict[int, list[tuple[str, ItemSpec]]]:
    elements: dict[int, list[tuple[str, ItemSpec]]] = {phase: [] for phase in MK_PHASES}
    for code, spec in items.items():
        phase = minkman_phase(code=code)
        if spec.module == MK_MODULE and phase is not None:
            elements[phase].append((code, spec))
    for phase in MK_PHASES:
        elements[phase].sort(key=lambda pair: natural_key(code=pair[0]))
    return elements


def _category_counts(*, counts: Mapping[int, int], spec: ItemSpec) -> dict[str, int]:
    by_category = dict.fromkeys(CREDIT, 0)
    for value, count in counts.items():
        by_category[answer_category(value=value, scale_min=spec.scale_min, scale_max=spec.scale_max)] += count
    return by_category


def _credit_halves(by_category: Mapping[str, int]) -> int:
    """Twice the credit of the answers: whole numbers, as every credit is a whole or a half."""
    return sum(int(2 * CREDIT[category]) * count for category, count in by_category.items())


def phase_shares(
    *, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet], tally: Tally | None = None
) -> tuple[dict[int, Fraction | None], dict[int, int]]:
    """Realisation per phase, pooled over all substantive answers of all respondents.

    share(p) = sum of ``CREDIT`` over the answers / number of substantive answers * 100.
    "Weet niet" and unanswered elements are left out. Returns (shares, answer counts); a phase
    without answers has share None.
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    halves: dict[int, int] = {phase: 0 for phase in MK_PHASES}
    counts: dict[int, int] = {phase: 0 for phase in MK_PHASES}
    for phase, elements in _phase_elements(items).items():
        for code, spec in elements:
            by_category = _category_counts(counts=tally.counts(code), spec=spec)
            halves[phase] += _credit_halves(by_category)
            counts[phase] += sum(by_category.values())
    return {p: Fraction(halves[p] * 100, 2 * counts[p]) if counts[p] else None for p in MK_PHASES}, counts


def phase_profiles(
    *,
    items: Mapping[str, ItemSpec],
    sheets: Sequence[ScoredSheet],
    threshold: Fraction = PHASE_THRESHOLD,
    tally: Tally | None = None,
) -> dict[int, PhaseProfile]:
    """Answer mix, coverage, realisation and status of every phase.

    An element is covered when its substantive answers reach ``MIN_RESPONDENT_SHARE`` of the
    respondents asked (those who did not mark it "n.v.t."; at least one answer). A phase is
    assessable when ``MIN_ELEMENT_COVERAGE`` of its elements are covered, and reached when it is
    assessable and its realisation reaches the threshold. An element is open when its own
    realisation is below the threshold or it is not covered.
    """
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    profiles: dict[int, PhaseProfile] = {}
    for phase, elements in _phase_elements(items).items():
        counts = dict.fromkeys(PROFILE_CATEGORIES, 0)
        halves, covered, open_elements = 0, 0, []
        for code, spec in elements:
            by_category = _category_counts(counts=tally.counts(code), spec=spec)
            for category, count in by_category.items():
                counts[category] += count
            counts[UNKNOWN] += tally.dont_know[code]
            element_halves = _credit_halves(by_category)
            answered = sum(by_category.values())
            asked = tally.respondents - tally.not_applicable[code]
            halves += element_halves
            is_covered = answered >= 1 and answered >= MIN_RESPONDENT_SHARE * asked
            covered += is_covered
            # credit * 100 < threshold * answered, with credit = halves / 2
            if not is_covered or element_halves * 100 < 2 * threshold * answered:
                open_elements.append(code)
        answers = sum(counts[c] for c in CREDIT)
        given = answers + counts[UNKNOWN]
        realisation = Fraction(halves * 100, 2 * answers) if answers else None
        assessable = bool(elements) and covered >= MIN_ELEMENT_COVERAGE * len(elements)
        reached = assessable and realisation is not None and realisation >= threshold
        status = PHASE_REACHED if reached else PHASE_NOT_REACHED if assessable else PHASE_INSUFFICIENT
        profiles[phase] = PhaseProfile(
            phase=phase,
            elements=len(elements),
            covered_elements=covered,
            coverage=covered * 100 / len(elements) if elements else None,
            counts=counts,
            shares={c: counts[c] * 100 / given if given else None for c in PROFILE_CATEGORIES},
            realisation=None if realisation is None else float(realisation),
            assessable=assessable,
            reached=reached,
            status=status,
            open_elements=tuple(open_elements),
        )
    return profiles


def calculated_phase(*, reached: Collection[int], assessable: Collection[int]) -> int | None:
    """The network's position: the highest reached phase that most phases up to it support.

    Phase p is a candidate when it is reached and more than half of the phases 1..p are reached
    (p = 1 and 2 need all, 3 needs two of three, 4 three of four). The position is the highest
    candidate, so one weak earlier phase does not erase clear evidence of later phases; it is
    reported as a backlog instead. Without a candidate the network is placed in phase 1, where
    every collaboration starts, provided phase 1 can be judged; otherwise None (insufficient data).
    Raising an answer can only add reached phases, so the position never falls (monotone).
    """
    position = None
    for phase in MK_PHASES:
        supporting = sum(1 for p in reached if p <= phase)
        if phase in reached and 2 * supporting > phase:
            position = phase
    if position is None and 1 in assessable:
        position = 1
    return position


def phase_backlog(*, position: int | None, profiles: Mapping[int, PhaseProfile]) -> tuple[PhaseBacklog, ...]:
    """Every phase below the position that is not reached, with its open elements."""
    if position is None:
        return ()
    return tuple(PhaseBacklog(phase=phase, open_elements=profiles[phase].open_elements)
                 for phase in MK_PHASES if phase < position and phase in profiles and not profiles[phase].reached)


def claimed_phase(*, answers: Sequence[int]) -> int | None:
    """The respondents' claimed phase: the lower median of their ``MK.phase`` answers.

    With an even number of answers the lower of the two middle values is taken ("round
    half down"): it is always a phase somebody actually chose, and it does not overstate.
    """
    if not answers:
        return None
    ordered = sorted(answers)
    return ordered[(len(ordered) - 1) // 2]


def _claims(*, sheets: Sequence[ScoredSheet]) -> list[int]:
    claims: list[int] = []
    for sheet in sheets:
        value = sheet.respondent.answers.get(MK_PHASE_CODE)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in MK_PHASES:
            raise ValueError(f"respondent {sheet.respondent.id}: {MK_PHASE_CODE} must be 1-4")
        claims.append(value)
    return claims


def _differs(calculated: int | None, claimed: int | None) -> bool | None:
    if calculated is None or claimed is None:
        return None
    return calculated != claimed


def score_minkman(
    *,
    items: Mapping[str, ItemSpec],
    sheets: Sequence[ScoredSheet],
    network_claimed_phase: int | None,
    threshold: Fraction = PHASE_THRESHOLD,
    tally: Tally | None = None,
) -> MinkmanScores:
    """Phase shares, calculated phase, claims and the mismatch flags.

    ``mismatch_respondents`` / ``mismatch_network`` are None when there is nothing to
    compare; ``mismatch`` is True when either is True, False when at least one comparison
    was possible and none differs, else None.
    """
    if network_claimed_phase is not None and network_claimed_phase not in MK_PHASES:
        raise ValueError("network_claimed_phase must be 1-4 or None")
    if not Fraction(50) <= Fraction(threshold) <= Fraction(75):
        raise ValueError("the phase threshold must lie between 50 and 75")
    if tally is None:
        tally = tally_sheets(items=items, sheets=sheets)
    shares, counts = phase_shares(items=items, sheets=sheets, tally=tally)
    profiles = phase_profiles(items=items, sheets=sheets, threshold=threshold, tally=tally)
    reached = tuple(p for p in MK_PHASES if profiles[p].reached)
    calculated = calculated_phase(reached=reached,
                                  assessable=[p for p in MK_PHASES if profiles[p].assessable])
    claims = _claims(sheets=sheets)
    claimed = claimed_phase(answers=claims)
    by_respondents = _differs(calculated, claimed)
    by_network = _differs(calculated, network_claimed_phase)
    flags = [flag for flag in (by_respondents, by_network) if flag is not None]
    distribution = Counter(claims)
    return MinkmanScores(
        phases={phase: None if s is None else float(s) for phase, s in shares.items()},
        phase_n=counts,
        reached=reached,
        threshold=float(threshold),
        calculated_phase=calculated,
        claimed_phase=claimed,
        claimed_distribution={phase: distribution.get(phase, 0) for phase in MK_PHASES},
        claimed_n=len(claims),
        network_claimed_phase=network_claimed_phase,
        mismatch_respondents=by_respondents,
        mismatch_network=by_network,
        mismatch=any(flags) if flags else None,
        profile=profiles,
        backlog=phase_backlog(position=calculated, profiles=profiles),
        insufficient_data=calculated is None,
        insufficient_phases=tuple(p for p in MK_PHASES if profiles[p].status == PHASE_INSUFFICIENT),
        min_element_coverage=float(MIN_ELEMENT_COVERAGE * 100),
        min_respondent_share=float(MIN_RESPONDENT_SHARE * 100),
    )
