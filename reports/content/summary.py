"""The summary page: headline scores, phase position and why it differs from a claim, top factors and
challenges, and the warnings that qualify the numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from results.labels import InstrumentLabels
from scoring import RoundScores
from scoring.codes import MK_PHASES, natural_key

from ..narrative import Standing
from .rows import ChallengeRow, FactorRow, number_text, phase_label

# Below this many respondents the report warns that every number is indicative.
SMALL_N = 10
# A "weet niet" share from this percentage on is pointed out: members do not know the topic.
HIGH_DONT_KNOW = 25.0
TOP = 3


@dataclass(frozen=True)
class Summary(Standing):
    phase_notes: list[str]
    strengths: list[FactorRow]
    priorities: list[FactorRow]
    challenges: list[ChallengeRow]
    blind_spots: list[FactorRow] = field(default_factory=list)


def phase_notes(*, scores: RoundScores, labels: InstrumentLabels) -> list[str]:
    """Why the calculated phase differs from a claim: a mirror and a conversation starter, not an error."""
    minkman = scores.minkman
    calculated = minkman.calculated_phase
    notes = []
    if calculated is None:
        return [_("Onvoldoende gegevens: te weinig fase-elementen kregen een inhoudelijk antwoord om het netwerk in "
                  "een fase te plaatsen.")]
    # The phase that keeps the network where it is: the next one, or phase 1 itself when even that is not reached.
    blocking = next((p for p in MK_PHASES if p > calculated), None) if calculated in minkman.reached else calculated
    share = minkman.phases.get(blocking) if blocking else None
    unjudged = blocking is not None and blocking in minkman.insufficient_phases
    claims: list[tuple[int, str]] = []
    if minkman.claimed_phase is not None and minkman.claimed_phase == minkman.network_claimed_phase:
        claims.append((minkman.claimed_phase, _("de respondenten en het netwerk (coördinator)")))
    else:
        if minkman.claimed_phase is not None:
            claims.append((minkman.claimed_phase, _("de respondenten")))
        if minkman.network_claimed_phase is not None:
            claims.append((minkman.network_claimed_phase, _("het netwerk (coördinator)")))
    for claimed, who in claims:
        if claimed == calculated:
            continue
        if claimed > calculated:
            if unjudged:
                reason = _("fase %(phase)d is niet te beoordelen: te weinig elementen kregen een inhoudelijk "
                           "antwoord (onvoldoende gegevens)") % {"phase": blocking}
            elif share is None:
                reason = _("voor fase %(phase)d zijn geen antwoorden") % {"phase": blocking}
            else:
                reason = _("fase %(phase)d is voor %(share)s%% gerealiseerd, onder de drempel van %(t)s%%") % {
                    "phase": blocking, "share": number_text(share), "t": number_text(minkman.threshold, 0)}
            notes.append(_(
                "Volgens %(who)s zit het netwerk in fase %(claimed)d, maar de elementen plaatsen het in fase "
                "%(calc)d: %(reason)s. Bespreek welke elementen van de volgende fase nog ontbreken."
            ) % {"who": who, "claimed": claimed, "calc": calculated, "reason": reason})
        else:
            notes.append(_(
                "Volgens %(who)s zit het netwerk in fase %(claimed)d, terwijl de gerealiseerde elementen al op fase "
                "%(calc)d wijzen. Het netwerk is mogelijk verder dan het zelf denkt, of de elementen worden "
                "ruimer ingevuld dan bedoeld."
            ) % {"who": who, "claimed": claimed, "calc": calculated})
    if not notes and (minkman.claimed_phase is not None or minkman.network_claimed_phase is not None):
        notes.append(_("De berekende fase komt overeen met de eigen inschatting."))
    return notes


def build_summary(*, scores: RoundScores, labels: InstrumentLabels, factors: list[FactorRow],
                  challenges: list[ChallengeRow]) -> Summary:
    strengths = sorted((f for f in factors if f.quadrant == "strength"),
                       key=lambda f: (-(f.presence or 0), -(f.importance or 0), natural_key(code=f.code)))
    priorities = sorted((f for f in factors if f.quadrant == "priority"),
                        key=lambda f: (-f.gap, natural_key(code=f.code)))
    by_code = {row.code: row for row in challenges}
    minkman = scores.minkman
    return Summary(
        overall_presence=scores.overall.presence,
        overall_importance=scores.overall.importance,
        calculated_phase=minkman.calculated_phase,
        calculated_label=phase_label(minkman.calculated_phase, labels),
        claimed_phase=minkman.claimed_phase,
        claimed_label=phase_label(minkman.claimed_phase, labels),
        network_claimed_phase=minkman.network_claimed_phase,
        network_claimed_label=phase_label(minkman.network_claimed_phase, labels),
        phase_notes=phase_notes(scores=scores, labels=labels),
        strengths=strengths[:TOP],
        priorities=priorities[:TOP],
        challenges=[by_code[code] for code in scores.top_challenges[:TOP] if code in by_code],
        blind_spots=sorted((f for f in factors if f.quadrant == "underexposed"),
                           key=lambda f: ((f.presence or 0) + (f.importance or 0), natural_key(code=f.code))),
    )


def answer_shares(*, scores: RoundScores) -> tuple[float | None, float | None]:
    """Of all answers given or expected: the share with a substantive answer, and the share "weet niet" (%)."""
    given = sum(s.n for s in scores.items.values())
    dont_know = sum(s.n_dont_know for s in scores.items.values())
    expected = given + dont_know + sum(s.n_missing for s in scores.items.values())
    if not expected:
        return None, None
    return 100 * given / expected, 100 * dont_know / expected


def priority_factor_codes(*, factors: list[FactorRow]) -> list[str]:
    """Every factor in the priority quadrant, the widest gap between importance and presence first."""
    return [f.code for f in sorted((f for f in factors if f.quadrant == "priority"),
                                   key=lambda f: (-f.gap, natural_key(code=f.code)))]


def warnings_for(*, scores: RoundScores, interim: bool) -> list[str]:
    notes = []
    if interim:
        notes.append(_("Voorlopig rapport: de ronde is nog open en de uitkomsten kunnen nog veranderen."))
    if not scores.reportable:
        return notes
    if scores.respondents < SMALL_N:
        notes.append(ngettext(
            "Dit rapport berust op %(n)d respondent. Lees de uitkomsten als indicatie: één antwoord meer of "
            "minder kan een score flink verschuiven.",
            "Dit rapport berust op %(n)d respondenten. Lees de uitkomsten als indicatie: één antwoord meer of "
            "minder kan een score flink verschuiven.", scores.respondents) % {"n": scores.respondents})
    if scores.disputed:
        notes.append(ngettext(
            "Bij %(n)d vraag lopen de antwoorden sterk uiteen; zie 'Verschillen'. Een gemiddelde zegt daar weinig.",
            "Bij %(n)d vragen lopen de antwoorden sterk uiteen; zie 'Verschillen'. Een gemiddelde zegt daar weinig.",
            len(scores.disputed)) % {"n": len(scores.disputed)})
    unknown = [s for s in scores.items.values()
               if s.dont_know_share is not None and s.dont_know_share >= HIGH_DONT_KNOW]
    if unknown:
        notes.append(ngettext(
            "Bij %(n)d vraag koos een kwart of meer 'weet niet': dat onderwerp is bij veel leden onbekend.",
            "Bij %(n)d vragen koos een kwart of meer 'weet niet': die onderwerpen zijn bij veel leden onbekend.",
            len(unknown)) % {"n": len(unknown)})
    return notes
