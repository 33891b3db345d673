"""The executive summary: the scores told in plain sentences, in the viewer's language.

Pure: the caller hands in :class:`Facts` (numbers and labels already read and translated); out comes an
:class:`ExecutiveSummary` of finished sentences. Grammar follows the numbers (one factor *is*, two factors
*are*; ngettext for the plural forms), small counts are written as words, scores use the locale's decimal
separator. A board member who reads only this page should know where the network stands, what to keep,
what to put on the agenda first and how firm the outcome is.

Thresholds used in the wording (scores 0-100, where 50 is the middle of the scale, "gedeeltelijk"):
``BANDS`` for presence and importance, ``GAP_CLEAR`` / ``GAP_SOME`` for the distance between them, and
``FIRM_RESPONSE`` / ``FIRM_COVERAGE`` with ``SMALL_N`` (reports.content.summary) for how sure the outcome is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .templatetags.report_tags import num, percent

# Upper bounds (exclusive) of the bands a 0-100 score falls in; the last band is open.
BANDS = (25.0, 50.0, 75.0)
GAP_CLEAR = 15.0  # importance this many points above presence: a clear task
GAP_SOME = 5.0  # from here on the difference is worth naming at all
FIRM_RESPONSE = 60.0  # response rate (%) from which the outcome speaks for the network
FIRM_COVERAGE = 85.0  # share of questions with a substantive answer (%)
TOP = 3


@dataclass(frozen=True)
class Topic:
    """A factor or question the summary names."""

    label: str
    presence: float | None = None
    importance: float | None = None
    context: str = ""  # e.g. the part of the questionnaire a disputed question belongs to
    share: float | None = None  # a challenge: the share of respondents who recognise it


@dataclass(frozen=True)
class Standing:
    """Where the network stands: the headline scores and its phase, calculated and claimed, with their labels.
    Shared by the report's summary page (reports.content.summary.Summary) and the facts this module words."""

    overall_presence: float | None
    overall_importance: float | None
    calculated_phase: int | None
    calculated_label: str
    claimed_phase: int | None
    claimed_label: str
    network_claimed_phase: int | None
    network_claimed_label: str


def standing_of(source: Standing) -> dict:
    """The standing fields of ``source`` (e.g. a report's summary), to build :class:`Facts` from."""
    return {f.name: getattr(source, f.name) for f in fields(Standing)}


@dataclass(frozen=True)
class Facts(Standing):
    strengths: list[Topic]
    priorities: list[Topic]  # priority quadrant, widest gap first
    blind_spots: list[Topic]  # underexposed quadrant, least present first
    disputed: list[Topic]  # most disputed first
    disputed_total: int
    challenges: list[Topic]  # most recognised first
    invited: int
    submitted: int
    respondents: int
    answered_share: float | None  # numeric answers / all answers given or expected, %
    dont_know_share: float | None  # "weet niet" / all answers given or expected, %
    small_n: int
    questions: int = 0  # questions with at least one substantive answer (the base of the spread figure)
    backlog: tuple[int, ...] = ()  # earlier phases not reached while the network is placed further
    interim: bool = False


@dataclass(frozen=True)
class Point:
    text: str
    blind_spot: bool = False


@dataclass
class ExecutiveSummary:
    standing: list[str] = field(default_factory=list)
    phase: list[str] = field(default_factory=list)
    strengths_intro: str = ""
    strengths: list[Point] = field(default_factory=list)
    priorities_intro: str = ""
    priorities: list[Point] = field(default_factory=list)
    discuss_intro: str = ""
    discuss: list[Point] = field(default_factory=list)
    challenges: str = ""
    certainty_verdict: str = ""
    certainty: list[str] = field(default_factory=list)


def count_word(n: int) -> str:
    """1 → "één" / "one" … 10; larger counts stay digits, as house style in running text."""
    words = [_("nul"), _("één"), _("twee"), _("drie"), _("vier"), _("vijf"), _("zes"), _("zeven"), _("acht"),
             _("negen"), _("tien")]
    return words[n] if 0 <= n < len(words) else str(n)


def _band(score: float) -> int:
    return sum(score >= bound for bound in BANDS)


def presence_phrase(score: float) -> str:
    return (_("grotendeels afwezig"), _("hooguit gedeeltelijk aanwezig"), _("gedeeltelijk tot grotendeels aanwezig"),
            _("grotendeels tot volledig aanwezig"))[_band(score)]


def importance_phrase(score: float) -> str:
    return (_("weinig belangrijk gevonden"), _("niet uitgesproken belangrijk gevonden"), _("belangrijk gevonden"),
            _("zeer belangrijk gevonden"))[_band(score)]


def standing(facts: Facts) -> list[str]:
    presence, importance = facts.overall_presence, facts.overall_importance
    if presence is None:
        return [_("Er zijn te weinig antwoorden op de succesfactoren om een totaalscore te berekenen.")]
    sentences = []
    if importance is None:
        sentences.append(_("De succesfactoren zijn in dit netwerk gemiddeld %(phrase)s (aanwezigheid %(p)s van "
                           "100).") % {"phrase": presence_phrase(presence), "p": num(presence)})
    else:
        sentences.append(_("De succesfactoren zijn in dit netwerk gemiddeld %(phrase)s (aanwezigheid %(p)s van 100) "
                           "en worden %(iphrase)s (belang %(i)s van 100).") % {
            "phrase": presence_phrase(presence), "p": num(presence),
            "iphrase": importance_phrase(importance), "i": num(importance)})
        gap = importance - presence
        if gap >= GAP_CLEAR:
            sentences.append(_("Het belang ligt %(gap)s punten boven de aanwezigheid: de leden zien duidelijk wat er "
                               "nog moet gebeuren.") % {"gap": num(gap)})
        elif gap >= GAP_SOME:
            sentences.append(_("Het belang ligt %(gap)s punten boven de aanwezigheid: er is ruimte voor "
                               "verbetering.") % {"gap": num(gap)})
        elif gap > -GAP_SOME:
            sentences.append(_("Belang en aanwezigheid liggen dicht bij elkaar."))
        else:
            sentences.append(_("De factoren zijn gemiddeld meer aanwezig dan ze belangrijk worden gevonden; ga na of "
                               "de leden zien waarom ze ertoe doen."))
    sentences.append(_("Een score van 0 betekent 'niet aanwezig', 50 'gedeeltelijk' en 100 'volledig aanwezig'."))
    return [" ".join(sentences)]


def phase(facts: Facts) -> list[str]:
    if facts.calculated_phase is None:
        return [_("Er is geen ontwikkelingsfase vastgesteld: te weinig kenmerken van de fasen kregen een "
                  "inhoudelijk antwoord. Dat is op zich een bevinding: veel leden hebben geen zicht op hoe ver het "
                  "netwerk is.")]
    sentences = [_("Op grond van de fasekenmerken staat het netwerk in %(label)s.") % {
        "label": facts.calculated_label[:1].lower() + facts.calculated_label[1:]}]
    if facts.backlog:
        sentences.append(ngettext(
            "Eerdere fase %(phases)s is nog niet bereikt: die achterstand verdient aandacht naast de volgende stap.",
            "Eerdere fasen %(phases)s zijn nog niet bereikt: die achterstand verdient aandacht naast de volgende "
            "stap.", len(facts.backlog)) % {"phases": _(" en ").join(str(p) for p in facts.backlog)})
    if facts.claimed_phase is not None:
        if facts.claimed_phase == facts.calculated_phase:
            sentences.append(_("Dat komt overeen met de eigen inschatting van de respondenten."))
        else:
            sentences.append(_("De respondenten schatten het netwerk zelf in fase %(n)d; juist dat verschil is een "
                               "goed gespreksonderwerp.") % {"n": facts.claimed_phase})
    if facts.network_claimed_phase is not None and facts.network_claimed_phase != facts.calculated_phase:
        sentences.append(_("De opgave van het netwerk zelf is fase %(n)d.") % {"n": facts.network_claimed_phase})
    sentences.append(_("Lees de fase als spiegel, niet als oordeel: ze berust op hoe de respondenten de kenmerken "
                       "van elke fase inschatten, en een volgende fase bouwt voort op de vorige."))
    return [" ".join(sentences)]


def _scores(topic: Topic) -> str:
    return _("aanwezig %(p)s, belang %(i)s") % {"p": num(topic.presence), "i": num(topic.importance)}


def strengths(facts: Facts) -> tuple[str, list[Point]]:
    chosen = facts.strengths[:TOP]
    if not chosen:
        return _("Geen enkele factor is nu zowel belangrijk als duidelijk aanwezig."), []
    intro = ngettext("Deze factor is belangrijk en al goed aanwezig. Vasthouden:",
                     "Deze %(word)s factoren zijn belangrijk en al goed aanwezig. Vasthouden:",
                     len(chosen)) % {"word": count_word(len(chosen))}
    return intro, [Point(f"{topic.label} ({_scores(topic)})") for topic in chosen]


def priority_points(facts: Facts) -> list[tuple[Topic, bool]]:
    """Up to three: the widest gaps first, and the first blind spot kept when there is one."""
    priorities = [(topic, False) for topic in facts.priorities]
    blind = [(topic, True) for topic in facts.blind_spots]
    if not blind:
        return priorities[:TOP]
    chosen = priorities[:TOP - 1] + blind[:1]
    rest = priorities[TOP - 1:] + blind[1:]
    return (chosen + rest)[:TOP]


def priorities(facts: Facts) -> tuple[str, list[Point]]:
    chosen = priority_points(facts)
    if not chosen:
        return _("Geen enkele factor is belangrijk gevonden maar ontbreekt, en er zijn geen blinde vlekken."), []
    intro = ngettext("Dit punt vraagt als eerste aandacht:", "Deze %(word)s punten vragen als eerste aandacht:",
                     len(chosen)) % {"word": count_word(len(chosen))}
    points = []
    for topic, blind in chosen:
        if blind:
            text = _("%(label)s: een blinde vlek, weinig aanwezig en ook weinig belangrijk gevonden (%(scores)s). "
                     "Bespreek of dat een bewuste keuze is.") % {"label": topic.label, "scores": _scores(topic)}
        else:
            text = _("%(label)s: belangrijk gevonden, maar nog niet voldoende aanwezig (%(scores)s).") % {
                "label": topic.label, "scores": _scores(topic)}
        points.append(Point(text, blind_spot=blind))
    return intro, points


def discuss(facts: Facts) -> tuple[str, list[Point]]:
    total = facts.disputed_total
    if not total:
        return _("Bij geen enkele vraag lopen de meningen sterk uiteen."), []
    chosen = facts.disputed[:TOP]
    intro = ngettext(
        "Bij %(n)s vraag lopen de meningen sterk uiteen. Bespreek die eerst: daar zegt een gemiddelde weinig.",
        "Bij %(n)s vragen lopen de meningen sterk uiteen. Bespreek eerst deze, want daar zegt een gemiddelde "
        "weinig:", total) % {"n": count_word(total)}
    points = [Point(f"{topic.label} ({topic.context})" if topic.context else topic.label) for topic in chosen]
    return intro, points


def challenges(facts: Facts) -> str:
    chosen = facts.challenges[:TOP]
    if not chosen:
        return _("Geen van de samenwerkingsuitdagingen wordt door een groot deel van de respondenten herkend.")
    named = "; ".join(_("%(label)s (%(share)s herkent dit)") % {"label": topic.label.lower(),
                                                                  "share": percent(topic.share)}
                      for topic in chosen)
    return ngettext("De meest herkende samenwerkingsuitdaging: %(list)s.",
                    "De meest herkende samenwerkingsuitdagingen: %(list)s.", len(chosen)) % {"list": named}


def certainty(facts: Facts) -> tuple[str, list[str]]:
    rate = 100 * facts.submitted / facts.invited if facts.invited else None
    small = facts.respondents < facts.small_n
    coverage = facts.answered_share
    if small or (rate is not None and rate < FIRM_RESPONSE / 2):
        verdict = _("De uitkomst is een voorzichtige indicatie.")
    elif (rate is None or rate >= FIRM_RESPONSE) and (coverage is None or coverage >= FIRM_COVERAGE):
        verdict = _("De uitkomst is stevig genoeg om op te sturen.")
    else:
        verdict = _("De uitkomst geeft een redelijk beeld, met de kanttekeningen hieronder.")
    reasons = []
    if facts.invited:
        reasons.append(ngettext(  # the verb agrees with the number who filled it in
            "%(submitted)d van de %(invited)d uitgenodigden vulde de vragenlijst in (respons %(rate)s).",
            "%(submitted)d van de %(invited)d uitgenodigden vulden de vragenlijst in (respons %(rate)s).",
            facts.submitted) % {"submitted": facts.submitted, "invited": facts.invited, "rate": percent(rate)})
    if coverage is not None:
        reasons.append(_("Op %(answered)s van de vragen kwam een inhoudelijk antwoord; %(dk)s was 'weet niet'.") % {
            "answered": percent(coverage), "dk": percent(facts.dont_know_share or 0)})
    if small:
        reasons.append(ngettext(
            "Met %(n)d respondent kan één antwoord meer of minder een score flink verschuiven.",
            "Met %(n)d respondenten kan één antwoord meer of minder een score flink verschuiven.",
            facts.respondents) % {"n": facts.respondents})
    if facts.disputed_total:
        reasons.append(ngettext(
            "Bij %(n)d van de %(total)d vragen lopen de antwoorden ver uiteen; lees dat gemiddelde met "
            "voorzichtigheid.",
            "Bij %(n)d van de %(total)d vragen lopen de antwoorden ver uiteen; lees die gemiddelden met "
            "voorzichtigheid.", facts.disputed_total) % {"n": facts.disputed_total, "total": facts.questions})
    elif facts.questions:
        reasons.append(_("Bij geen enkele vraag lopen de antwoorden ver uiteen."))
    if facts.interim:
        reasons.append(_("De ronde is nog open: de uitkomsten kunnen nog veranderen."))
    return verdict, reasons


def executive_summary(*, facts: Facts) -> ExecutiveSummary:
    summary = ExecutiveSummary(standing=standing(facts), phase=phase(facts))
    summary.strengths_intro, summary.strengths = strengths(facts)
    summary.priorities_intro, summary.priorities = priorities(facts)
    summary.discuss_intro, summary.discuss = discuss(facts)
    summary.challenges = challenges(facts)
    summary.certainty_verdict, summary.certainty = certainty(facts)
    return summary
