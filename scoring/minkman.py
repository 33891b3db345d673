"""Minkman's development phases (seed 004 ch. 4.3, Bijlage 1): where does the network stand?

Each phase has a top ten of elements answered on 0 nee, 1 gepland, 2 gedeeltelijk, 3 ja.
The model is meant "to hold up a mirror to practice" (004 lines 1440-1442), so the engine
puts the calculated phase beside the phase respondents and the coordinator claim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction

from scoring.codes import MK_MODULE, MK_PHASE_CODE, MK_PHASES, minkman_phase
from scoring.types import ItemSpec, MinkmanScores, ScoredSheet

PHASE_THRESHOLD = Fraction(60)
"""A phase counts as reached at a realised share of 60 % or more.

60 % means the phase's elements are on average close to "gedeeltelijk" (66.7 %) and
well above "gepland" (33.3 %): e.g. six of ten elements fully realised and four not at all,
or most elements partly realised. Allowed range for callers: 50-75.
"""


def phase_shares(
    *, items: Mapping[str, ItemSpec], sheets: Sequence[ScoredSheet]
) -> tuple[dict[int, Fraction | None], dict[int, int]]:
    """Realised share per phase, pooled over all answered elements of all respondents.

    share(p) = sum over answers of (x - min) / (max - min), divided by the number of
    numeric answers, times 100; on the 0-3 scale that is sum(x) / (3 * n) * 100. "Weet
    niet" and unanswered elements are left out. Returns (shares, answer counts); a phase
    without answers has share None.
    """
    # Whole-number sums per (phase, scale width), divided once: the same exact total as
    # adding a Fraction per answer, without thousands of Fraction additions per round.
    sums: dict[int, dict[int, int]] = {phase: {} for phase in MK_PHASES}
    counts: dict[int, int] = {phase: 0 for phase in MK_PHASES}
    for code, spec in items.items():
        phase = minkman_phase(code=code)
        if spec.module != MK_MODULE or phase is None:
            continue
        width = spec.scale_max - spec.scale_min
        answers = [sheet.values[code] for sheet in sheets if code in sheet.values]
        by_width = sums[phase]
        by_width[width] = by_width.get(width, 0) + sum(answers) - spec.scale_min * len(answers)
        counts[phase] += len(answers)
    shares: dict[int, Fraction | None] = {}
    for phase in MK_PHASES:
        total = sum((Fraction(part, width) for width, part in sums[phase].items()), Fraction(0))
        shares[phase] = total * 100 / counts[phase] if counts[phase] else None
    return shares, counts


def calculated_phase(*, shares: Mapping[int, Fraction | None], threshold: Fraction = PHASE_THRESHOLD) -> int | None:
    """Highest phase p such that every phase 1..p reaches the threshold.

    Development is cumulative, so a high share in phase 3 does not count while phase 2 is
    not reached (the skipped phase stops the climb). A network that does not reach
    phase 1 is still placed in phase 1: the initiative phase is where every collaboration
    starts. None only when no phase has any answer.
    """
    if not Fraction(50) <= Fraction(threshold) <= Fraction(75):
        raise ValueError("the phase threshold must lie between 50 and 75")
    if all(share is None for share in shares.values()):
        return None
    reached = 1
    for phase in MK_PHASES:
        share = shares.get(phase)
        if share is None or share < threshold:
            break
        reached = phase
    return reached


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
) -> MinkmanScores:
    """Phase shares, calculated phase, claims and the mismatch flags.

    ``mismatch_respondents`` / ``mismatch_network`` are None when there is nothing to
    compare; ``mismatch`` is True when either is True, False when at least one comparison
    was possible and none differs, else None.
    """
    if network_claimed_phase is not None and network_claimed_phase not in MK_PHASES:
        raise ValueError("network_claimed_phase must be 1-4 or None")
    shares, counts = phase_shares(items=items, sheets=sheets)
    calculated = calculated_phase(shares=shares, threshold=threshold)
    claims = _claims(sheets=sheets)
    claimed = claimed_phase(answers=claims)
    by_respondents = _differs(calculated, claimed)
    by_network = _differs(calculated, network_claimed_phase)
    flags = [flag for flag in (by_respondents, by_network) if flag is not None]
    distribution = Counter(claims)
    return MinkmanScores(
        phases={phase: None if s is None else float(s) for phase, s in shares.items()},
        phase_n=counts,
        reached=tuple(p for p, s in shares.items() if s is not None and s >= threshold),
        threshold=float(threshold),
        calculated_phase=calculated,
        claimed_phase=claimed,
        claimed_distribution={phase: distribution.get(phase, 0) for phase in MK_PHASES},
        claimed_n=len(claims),
        network_claimed_phase=network_claimed_phase,
        mismatch_respondents=by_respondents,
        mismatch_network=by_network,
        mismatch=any(flags) if flags else None,
    )
