"""The development-phase profile as the dashboard and the report show it: one place for both.

Per phase the answer mix (realised / partly / planned / not / unknown), its coverage and status, then the
position in words with its backlog, and the reminder that the position is a mirror for discussion (Minkman's
model is meant "to hold up a mirror to practice", seed 004 lines 1440-1442). No queries: labels are passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from scoring import RoundScores
from scoring.types import PHASE_INSUFFICIENT, PHASE_REACHED, PROFILE_CATEGORIES


def category_labels() -> dict[str, str]:
    return {
        "realised": _("gerealiseerd"),
        "partly": _("gedeeltelijk"),
        "planned": _("gepland"),
        "not": _("niet"),
        "unknown": _("weet niet"),
    }


def status_labels() -> dict[str, str]:
    return {
        PHASE_REACHED: _("bereikt"),
        "not_reached": _("niet bereikt"),
        PHASE_INSUFFICIENT: _("onvoldoende gegevens"),
    }


@dataclass(frozen=True)
class OpenElement:
    code: str
    label: str


@dataclass(frozen=True)
class PhaseProfileRow:
    phase: int
    label: str
    shares: list[tuple[str, str, float | None]]  # (category, label, share in %) in PROFILE_CATEGORIES order
    realisation: float | None
    covered_elements: int
    elements: int
    status: str
    status_label: str
    position: bool
    open_elements: list[OpenElement]


@dataclass(frozen=True)
class BacklogRow:
    phase: int
    label: str
    open_elements: list[OpenElement]


@dataclass(frozen=True)
class PhaseProfile:
    rows: list[PhaseProfileRow]
    position: int | None
    position_label: str
    position_text: str
    insufficient_text: str
    backlog: list[BacklogRow]
    mirror_text: str


def mirror_text() -> str:
    return _("Deze positie is een spiegel voor het gesprek, geen oordeel. Het model van Minkman is bedoeld om de "
             "praktijk een spiegel voor te houden en samen te bespreken waar verbeterpunten liggen: herkent u zich "
             "erin, en wat betekenen de open elementen voor uw netwerk?")


def phase_profile(*, scores: RoundScores, phase_label: Callable[[int], str],
                  element_label: Callable[[str], str]) -> PhaseProfile:
    """Rows per phase, the position in words, the backlog and the mirror sentence."""
    minkman = scores.minkman
    categories, statuses = category_labels(), status_labels()
    rows = []
    for phase, profile in sorted(minkman.profile.items()):
        rows.append(PhaseProfileRow(
            phase=phase, label=phase_label(phase),
            shares=[(c, categories[c], profile.shares.get(c)) for c in PROFILE_CATEGORIES],
            realisation=profile.realisation, covered_elements=profile.covered_elements, elements=profile.elements,
            status=profile.status, status_label=statuses.get(profile.status, profile.status),
            position=phase == minkman.calculated_phase,
            open_elements=[OpenElement(code=code, label=element_label(code)) for code in profile.open_elements],
        ))
    position = minkman.calculated_phase
    if position is None:
        position_text = _("Onvoldoende gegevens: te weinig elementen kregen een inhoudelijk antwoord van genoeg "
                          "respondenten om het netwerk in een fase te plaatsen.")
        label = ""
    else:
        label = phase_label(position)
        position_text = _("Positie van het netwerk: fase %(phase)d (%(label)s).") % {"phase": position, "label": label}
    unjudged = [p for p in minkman.insufficient_phases if position is not None]
    insufficient_text = ""
    if unjudged:
        insufficient_text = _("Niet te beoordelen (onvoldoende gegevens): fase %(phases)s. Een fase wordt beoordeeld "
                              "als minstens %(coverage)s%% van haar elementen een inhoudelijk antwoord kreeg van "
                              "minstens %(share)s%% van de respondenten.") % {
            "phases": ", ".join(str(p) for p in unjudged),
            "coverage": f"{minkman.min_element_coverage:.0f}", "share": f"{minkman.min_respondent_share:.0f}"}
    backlog = [BacklogRow(phase=item.phase, label=phase_label(item.phase),
                          open_elements=[OpenElement(code=code, label=element_label(code))
                                         for code in item.open_elements])
               for item in minkman.backlog]
    return PhaseProfile(rows=rows, position=position, position_label=label, position_text=position_text,
                        insufficient_text=insufficient_text, backlog=backlog, mirror_text=mirror_text())
