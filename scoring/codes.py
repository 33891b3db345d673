"""Instrument code conventions the scoring engine relies on.

Item codes are stable across instrument versions (see docs/instrument-format.md), so the
engine may derive structure from them: the area of a success factor from ``SF.<area><n>``,
the development phase of a Minkman element from ``MK.<phase>.<n>``. Keeping every pattern in
this one module means a change of convention touches one file.
"""

from __future__ import annotations

import re

SF_MODULE = "SF"
MK_MODULE = "MK"
KO_MODULE = "KO"
CORE_MODULES = (SF_MODULE, MK_MODULE, KO_MODULE)

PRESENCE = "presence"
IMPORTANCE = "importance"
ASPECTS = (PRESENCE, IMPORTANCE)

# The five areas (deelgebieden) of the thesis's conceptual model (seed 004, ch. 4.6) and the
# practice-derived extra area X ("durf", 004 lines 2394-2400) that is reported on its own.
CORE_AREAS = ("K", "P", "N", "O", "C")
EXTRA_AREAS = ("X",)
AREAS = CORE_AREAS + EXTRA_AREAS
AREA_FACTOR_COUNTS = {"K": 3, "P": 3, "N": 5, "O": 6, "C": 3, "X": 1}

# Thesis conclusions 1 and 2 (004 lines 2477-2507): critical factors and preconditions.
CRITICAL_FACTORS = ("SF.P3", "SF.N4", "SF.N2", "SF.O5", "SF.O6", "SF.C1")
PRECONDITION_FACTORS = ("SF.P1", "SF.P2", "SF.O1", "SF.O3", "SF.C3")

MK_PHASES = (1, 2, 3, 4)
MK_PHASE_CODE = "MK.phase"
KO_CHALLENGES = tuple(range(1, 10))

LEVELS = ("strategisch", "tactisch", "operationeel")

_FACTOR_RE = re.compile(r"^SF\.([A-Z])([1-9][0-9]*)$")
_MK_ELEMENT_RE = re.compile(r"^MK\.([1-4])\.([1-9][0-9]*)$")
_KO_RE = re.compile(r"^KO\.([1-9][0-9]*)$")
_NATURAL_RE = re.compile(r"(\d+)")


def factor_area(*, factor: str) -> str:
    """Return the area letter of a factor code such as ``SF.O4`` (-> ``O``).

    Raises ValueError for a code that does not follow the convention, because silently
    dropping a factor would change every area and overall score without notice.
    """
    match = _FACTOR_RE.match(factor)
    if match is None:
        raise ValueError(f"not a success-factor code: {factor!r} (expected SF.<area><n>)")
    return match.group(1)


def minkman_phase(*, code: str) -> int | None:
    """Return the phase (1-4) of a Minkman element code ``MK.<phase>.<n>``, else None.

    ``MK.phase`` (the respondent's own claim) is not an element and yields None.
    """
    match = _MK_ELEMENT_RE.match(code)
    return int(match.group(1)) if match else None


def is_challenge(*, code: str) -> bool:
    """Tell whether a code is one of the Kaats & Opheij challenges ``KO.<n>``."""
    return _KO_RE.match(code) is not None


def natural_key(*, code: str) -> tuple[object, ...]:
    """Sort key that orders ``KO.2`` before ``KO.10`` and ``MK.1.2`` before ``MK.1.10``.

    Used wherever a documented tie-break says "by code", so that ties resolve in the order
    a reader of the questionnaire would expect.
    """
    parts = _NATURAL_RE.split(code)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)
