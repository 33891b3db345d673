"""The personal report: a respondent's own answers beside the network's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments.models import Item
from core.i18n import language_code
from results import figures
from results.labels import labels_from_items
from rounds.models import Round
from scoring import Compared, RoundScores
from scoring.codes import CORE_AREAS, MK_PHASES, natural_key

from .. import selectors
from ..selectors import PersonalData
from .rows import phase_label


@dataclass(frozen=True)
class PairRow:
    code: str
    label: str
    own: float | None
    network: float | None
    own_text: str = ""
    own_dont_know: bool = False

    @property
    def difference(self) -> float | None:
        if self.own is None or self.network is None:
            return None
        return self.own - self.network


@dataclass
class PersonalReport:
    round: Round
    network_name: str
    round_name: str
    interim: bool
    reportable: bool
    respondents: int
    min_group_size: int
    generated_at: object
    language: str
    overall: PairRow
    areas: list[PairRow]
    factors: list[tuple[str, str, PairRow, PairRow]]
    phases: list[PairRow]
    challenges: list[PairRow]
    own_claimed_phase: str
    calculated_phase: str
    charts: dict[str, SafeString]
    warnings: list[str]


def _pair(code: str, label: str, compared: Compared | None, *, reportable: bool, own_text: str = "") -> PairRow:
    if compared is None:
        return PairRow(code=code, label=label, own=None, network=None, own_text=own_text)
    return PairRow(code=code, label=label, own=compared.own, network=compared.network if reportable else None,
                   own_text=own_text, own_dont_know=compared.own_dont_know)


def build_personal_report(*, round: Round, items: Sequence[Item], scores: RoundScores, personal: PersonalData,
                          interim: bool) -> PersonalReport:
    """The respondent's own answers beside the network's; without the network side below the minimum size,
    because with one other respondent the network mean would give away that person's answers."""
    labels = labels_from_items(items=items)
    view = personal.view
    reportable = scores.reportable
    areas = [_pair(code, labels.areas.get(code, code), view.areas.get(code), reportable=reportable)
             for code in labels.areas if code in view.areas]
    factors = []
    for code, aspects in sorted(view.factors.items(), key=lambda pair: natural_key(code=pair[0])):
        factors.append((code, labels.factors.get(code, code),
                        _pair(code, "", aspects.get("presence"), reportable=reportable),
                        _pair(code, "", aspects.get("importance"), reportable=reportable)))
    phases = [_pair(str(p), labels.phases.get(p, str(p)), view.minkman_phases.get(p), reportable=reportable)
              for p in MK_PHASES]
    challenges = []
    for code in sorted((c for c in scores.challenges), key=lambda c: natural_key(code=c)):
        compared = view.items.get(code)
        own_text = labels.answer(code, compared.own) if compared is not None and compared.own is not None else ""
        if compared is not None and compared.own_dont_know:
            own_text = _("weet niet")
        share = scores.challenges[code].recognised_share if reportable else None
        challenges.append(PairRow(code=code, label=labels.item(code), own=None, network=share, own_text=own_text))
    own_claim = personal.respondent.answers.get("MK.phase")
    notes = []
    if interim:
        notes.append(_("Voorlopig: de ronde is nog open en de netwerkuitkomsten kunnen nog veranderen."))
    if not reportable:
        notes.append(_("Er zijn te weinig respondenten om de uitkomsten van het netwerk te tonen: die zouden de "
                       "antwoorden van anderen herleidbaar maken. U ziet alleen uw eigen antwoorden."))
    report = PersonalReport(
        round=round, network_name=round.network.name, round_name=round.name, interim=interim,
        reportable=reportable, respondents=scores.respondents, min_group_size=scores.min_group_size,
        generated_at=timezone.now(), language=language_code(),
        overall=_pair("overall", _("Totaal"), view.overall, reportable=reportable),
        areas=areas, factors=factors, phases=phases, challenges=challenges,
        own_claimed_phase=phase_label(own_claim if isinstance(own_claim, int) else None, labels),
        calculated_phase=phase_label(scores.minkman.calculated_phase, labels) if reportable else "",
        charts={}, warnings=notes,
    )
    report.charts["radar"] = mark_safe(figures.personal_radar(
        axes=[(a.label, a.own, a.network) for a in areas if a.code in CORE_AREAS], show_network=reportable))
    return report


def personal_report_get(*, round: Round, user, interim: bool) -> PersonalReport:
    """Raises Http404 when the user has no submitted response in this round."""
    response = selectors.personal_response_get(round=round, user=user)
    items = selectors.report_items(round=round)
    scores = selectors.report_scores(round=round)
    personal = selectors.personal_data(response=response, scores=scores)
    return build_personal_report(round=round, items=items, scores=scores, personal=personal, interim=interim)
