"""The standard closed items of the three core frameworks, as scoring specs.

The instrument files (docs/instrument-format.md) are the source of truth in production;
this reference set mirrors their codes and flags so the engine can be exercised without a
database, and so a test fails when the code conventions and the flags drift apart.
"""

from __future__ import annotations

from scoring.codes import (
    AREA_FACTOR_COUNTS,
    CRITICAL_FACTORS,
    EXTRA_AREAS,
    IMPORTANCE,
    KO_CHALLENGES,
    KO_MODULE,
    MK_MODULE,
    MK_PHASE_CODE,
    MK_PHASES,
    PRECONDITION_FACTORS,
    PRESENCE,
    SF_MODULE,
)
from scoring.types import ItemSpec

MK_ELEMENTS_PER_PHASE = 10


def success_factor_specs() -> tuple[ItemSpec, ...]:
    """SF.<area><n>.presence and .importance (1-5) for the 20 core factors and SF.X1."""
    specs: list[ItemSpec] = []
    for area, count in AREA_FACTOR_COUNTS.items():
        for number in range(1, count + 1):
            factor = f"{SF_MODULE}.{area}{number}"
            for aspect in (PRESENCE, IMPORTANCE):
                specs.append(
                    ItemSpec(
                        code=f"{factor}.{aspect}",
                        module=SF_MODULE,
                        dimension=area,
                        factor=factor,
                        aspect=aspect,
                        scale_min=1,
                        scale_max=5,
                        critical=factor in CRITICAL_FACTORS,
                        precondition=factor in PRECONDITION_FACTORS,
                        extra=area in EXTRA_AREAS,
                    )
                )
    return tuple(specs)


def minkman_specs(*, per_phase: int = MK_ELEMENTS_PER_PHASE) -> tuple[ItemSpec, ...]:
    """MK.<phase>.<n> elements (0-3) and the respondent's claimed phase MK.phase (1-4)."""
    specs = [
        ItemSpec(
            code=f"{MK_MODULE}.{phase}.{number}",
            module=MK_MODULE,
            dimension=str(phase),
            scale_min=0,
            scale_max=3,
        )
        for phase in MK_PHASES
        for number in range(1, per_phase + 1)
    ]
    specs.append(ItemSpec(code=MK_PHASE_CODE, module=MK_MODULE, scale_min=1, scale_max=4))
    return tuple(specs)


def challenge_specs() -> tuple[ItemSpec, ...]:
    """KO.1 .. KO.9 (0 niet, 1 een beetje, 2 duidelijk, 3 sterk)."""
    return tuple(ItemSpec(code=f"{KO_MODULE}.{n}", module=KO_MODULE, scale_min=0, scale_max=3) for n in KO_CHALLENGES)


def standard_item_specs() -> tuple[ItemSpec, ...]:
    """All core items: success factors, Minkman elements and claim, challenges."""
    return success_factor_specs() + minkman_specs() + challenge_specs()
