"""The advice chapter: which situations of the round get advice, and their recommendations as printed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments import sources as sources_module
from core.i18n import language_code
from results.labels import InstrumentLabels
from scoring import RoundScores

from ..advice import (
    BACKLOG,
    CHALLENGE,
    COMPLEXITY,
    COMPLEXITY_DIMENSION,
    COMPLEXITY_MODULE,
    PHASE,
    PHASE_DATA,
    PRECONDITION,
    PRIORITY,
    UNDEREXPOSED,
    AdviceSet,
    AdviceTarget,
    advised_challenges,
    complexity_target,
    factor_targets,
    select_targets,
)
from .rows import phase_label

# At most this many recommendations per factor, challenge or phase keep the advice section readable.
ADVICE_PER_CODE = 3


@dataclass(frozen=True)
class AdviceItem:
    code: str
    title: str
    text: str
    source: str
    also: list[str]
    practice: bool = False  # the product's own practice advice, not a paraphrase of the source


@dataclass(frozen=True)
class AdviceSection:
    code: str
    kind: str  # one of reports.advice.TARGET_KINDS: priority | precondition | underexposed | challenge | ...
    heading: str
    items: list[AdviceItem]
    note: str = ""  # why this situation gets advice, in one sentence
    elements: list[str] = field(default_factory=list)  # for a phase backlog: the open elements, by name


def source_reference(source: Mapping[str, str]) -> str:
    """"De Bruin & Gelderloos (2010), § 6.5 aanbeveling 1": the source named the way a reader can look it up."""
    return sources_module.citation(source=source, language=language_code())


def _advice_target(code: str, labels: InstrumentLabels) -> str:
    if code.startswith("SF."):
        return labels.factors.get(code, code)
    if code.startswith("KO."):
        return labels.item(code)
    if code.startswith("CX."):
        return _complexity_label(code)
    if code == "MK.data":
        return _("onvoldoende gegevens voor een fase")
    phase = int(code.split(".")[1])
    if code.endswith(".open"):
        return _("open elementen van fase %(phase)d") % {"phase": phase}
    return phase_label(phase, labels)


def _complexity_label(code: str) -> str:
    return {"CX.simple": _("eenvoudige keten"), "CX.mixed": _("tussen eenvoudig en complex"),
            "CX.complex": _("complexe keten")}.get(code, code)


def report_advice_targets(*, scores: RoundScores) -> list[AdviceTarget]:
    """Which situations of this round get advice (the rules are in docs/advice.md and reports/advice.py)."""
    factors = factor_targets(factors=scores.factors)
    complexity = scores.dimensions.get(COMPLEXITY_MODULE, {}).get(COMPLEXITY_DIMENSION)
    return select_targets(
        priority_factors=factors.priority,
        missing_preconditions=factors.missing_preconditions,
        underexposed_factors=factors.underexposed,
        top_challenges=advised_challenges(top=scores.top_challenges, challenges=scores.challenges),
        calculated_phase=scores.minkman.calculated_phase,
        phase_backlog=scores.minkman.backlog,
        complexity=complexity_target(score=complexity.score if complexity and complexity.n else None),
    )


def _advice_heading(target: AdviceTarget, labels: InstrumentLabels) -> tuple[str, str]:
    """The heading and the one-sentence note of an advice section."""
    code, kind = target.code, target.kind
    if kind == PRIORITY:
        return _("Prioriteit: %(label)s") % {"label": labels.factors.get(code, code)}, ""
    if kind == PRECONDITION:
        return (_("Randvoorwaarde niet aanwezig: %(label)s") % {"label": labels.factors.get(code, code)},
                _("De thesis noemt deze factor een randvoorwaarde: het ontbreken ervan zou kunnen leiden tot "
                  "ontevredenheid over de samenwerking, ook als niemand hem belangrijk noemt."))
    if kind == UNDEREXPOSED:
        note = _("Niet aanwezig en weinig genoemd als belangrijk: een blinde vlek, geen teken dat de factor er "
                 "niet toe doet.")
        if code.startswith("SF.K"):
            note = _("Niet aanwezig en weinig genoemd als belangrijk: een blinde vlek. De thesis stelde vast dat "
                     "juist klantwaarde in de praktijk zo onderbelicht raakt.")
        return _("Onderbelicht: %(label)s") % {"label": labels.factors.get(code, code)}, note
    if kind == CHALLENGE:
        return _("Uitdaging: %(label)s") % {"label": labels.item(code)}, ""
    if kind == BACKLOG:
        phase = int(code.split(".")[1])
        return (_("Achterstand in fase %(phase)d: %(label)s") % {"phase": phase, "label": phase_label(phase, labels)},
                _("Deze elementen zijn nog niet gerealiseerd, terwijl het netwerk al verder is geplaatst:"))
    if kind == PHASE_DATA:
        return _("Ontwikkelingsfase: onvoldoende gegevens"), ""
    if kind == PHASE:
        phase = int(code.split(".")[1])
        return _("Ontwikkelingsfase: %(label)s") % {"label": phase_label(phase, labels)}, ""
    if kind == COMPLEXITY:
        return _("Complexiteit van de keten: %(label)s") % {"label": _complexity_label(code)}, ""
    return code, ""


def advice_sections(*, advice: AdviceSet, targets: Sequence[AdviceTarget],
                    labels: InstrumentLabels) -> list[AdviceSection]:
    lang = language_code()
    sections = []
    for target, recommendations in advice.for_targets(targets, max_per_code=ADVICE_PER_CODE):
        heading, note = _advice_heading(target, labels)
        items = [
            AdviceItem(code=r.code, title=r.title_in(lang), text=r.text_in(lang), source=source_reference(r.source),
                       also=[_advice_target(c, labels) for c in r.answers if c != target.code], practice=r.practice)
            for r in recommendations
        ]
        sections.append(AdviceSection(code=target.code, kind=target.kind, heading=heading, items=items, note=note,
                                      elements=[labels.item(code) for code in target.elements]))
    return sections
