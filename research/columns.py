"""The variables of each export layout: names, types, labels and value labels.

One definition feeds the file header, the codebook's export variables and the R and SPSS syntax, so the
three cannot drift apart.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments.models import DONT_KNOW_EXPORT_CODE, NOT_APPLICABLE_EXPORT_CODE
from assessments.selectors import DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL, Codebook
from networks.models import ChainRole, ClaimedPhase, Level, NetworkForm, Sector

from .selectors import AREA_CODES
from .smallcell import COARSENED

STRING, INTEGER, DECIMAL = "string", "integer", "decimal"
#: A coded value with a label: a scale value or missing-value code (numbers), or an item code (strings).
LabelValue = int | str
# Measurement levels (SPSS VARIABLE LEVEL, the .sav file, R: factor vs ordered factor).
NOMINAL, ORDINAL, SCALE = "nominal", "ordinal", "scale"
PID_WIDTH = 18  # "N_" + 16 hex digits
# Scales whose options are categories without an order (docs/research.md); every other item scale is ordinal
# (the Likert scales 1-5, the 0-3 realisation and recognition scales, the phases 1-4).
NOMINAL_SCALES = frozenset({"route3"})
STATA_NAME_LENGTH = 32


def missing_values(language: str = "nl") -> tuple[tuple[int, str], ...]:
    """Every missing-value code an item column can hold, with its label: the one list that the syntax files,
    the .sav and .dta files, the codebook and the metadata declare. An added code is declared everywhere."""
    not_applicable = NOT_APPLICABLE_LABEL.get(language[:2], NOT_APPLICABLE_LABEL["nl"])
    return ((DONT_KNOW_EXPORT_CODE, missing_label(language)), (NOT_APPLICABLE_EXPORT_CODE, not_applicable))


def missing_codes() -> tuple[int, ...]:
    return tuple(code for code, _label in missing_values())


def stata_name(name: str) -> str:
    """A Stata-legal variable name: letters, digits and _, not starting with a digit, at most 32 characters.
    Item codes only need their dots replaced: SF.K1.presence -> SF_K1_presence."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if not cleaned or cleaned[0].isdigit():
        cleaned = f"v_{cleaned}"
    return cleaned[:STATA_NAME_LENGTH]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    label: str
    value_labels: tuple[tuple[LabelValue, str], ...] = ()
    # Whether the codebook's missing-value codes (missing_values(): -9 "weet niet", ...) can occur here.
    has_missing_code: bool = False
    width: int = 0  # string columns: the longest value, for SPSS
    measure: str = ""  # NOMINAL, ORDINAL or SCALE; empty = strings nominal, numbers scale

    @property
    def level(self) -> str:
        return self.measure or (NOMINAL if self.kind == STRING else SCALE)

    @property
    def stata(self) -> str:
        return stata_name(self.name)

    @property
    def missing(self) -> tuple[int, ...]:
        return missing_codes() if self.has_missing_code else ()

    def value_label_text(self) -> str:
        return " | ".join(f"{value}={label}" for value, label in self.value_labels)


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[Column, ...]
    item_columns: dict[str, int] = field(default_factory=dict)  # wide: item code -> column position

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def _choices(choices, *, coarsened: bool = True) -> tuple[tuple[LabelValue, str], ...]:
    pairs = [(value, str(label)) for value, label in choices]
    if coarsened:
        pairs.append((COARSENED, str(coarsened_label())))
    return tuple(pairs)


def coarsened_label() -> str:
    return _("Vergroofd: groep kleiner dan de minimale groepsgrootte")


def missing_label(language: str = "nl") -> str:
    return DONT_KNOW_LABEL["en" if language.startswith("en") else "nl"]


def _max_width(values) -> int:
    return max((len(str(v)) for v in values), default=1)


def base_columns(*, codebook: Codebook, respondent: bool) -> list[Column]:
    instrument = codebook.instrument
    columns = [
        Column("network_pid", STRING, _("Netwerk (pseudoniem)"), width=PID_WIDTH),
        Column("round_pid", STRING, _("Ronde (pseudoniem)"), width=PID_WIDTH),
    ]
    if respondent:
        columns.append(Column("respondent_pid", STRING, _("Respondent (pseudoniem)"), width=PID_WIDTH))
    columns += [
        Column("round_year", INTEGER, _("Jaar van de ronde (sluitdatum)")),
        Column("round_month", INTEGER, _("Maand van de ronde (sluitdatum)")),
        Column("instrument", STRING, _("Vragenlijst"), width=max(len(instrument.slug), 1)),
        Column("instrument_version", INTEGER, _("Versie van de vragenlijst")),
        Column("network_form", STRING, _("Netwerkvorm"), _choices(NetworkForm.choices, coarsened=False),
               width=_max_width(NetworkForm.values)),
        Column("network_phase", INTEGER, _("Ontwikkelingsfase volgens het netwerk"),
               _choices(ClaimedPhase.choices, coarsened=False), measure=ORDINAL),
    ]
    if respondent:
        columns += [
            Column("level", STRING, _("Niveau van de respondent"), _choices(Level.choices),
                   width=_max_width([*Level.values, COARSENED])),
            Column("chain_role", STRING, _("Rol in de keten van de respondent"), _choices(ChainRole.choices),
                   width=_max_width([*ChainRole.values, COARSENED])),
            Column("partner_sector", STRING, _("Sector van de partnerorganisatie van de respondent"),
                   _choices(Sector.choices), width=_max_width([*Sector.values, COARSENED])),
        ]
    return columns


ASPECT_LABELS = {"nl": {"presence": "aanwezigheid", "importance": "belang"},
                 "en": {"presence": "presence", "importance": "importance"}}


def _short_label(item: dict, language: str) -> str:
    return item["label"]["en" if language.startswith("en") else "nl"] or item["label"]["nl"]


def item_label(item: dict, language: str) -> str:
    """The item's label, with its aspect when it has one: the presence and importance items of one success
    factor share their short label, and must stay apart in every labelled file ("… — aanwezigheid")."""
    label = _short_label(item, language)
    aspect = ASPECT_LABELS["en" if language.startswith("en") else "nl"].get(item.get("aspect") or "")
    return f"{label} — {aspect}" if aspect else label


def item_measure(item: dict) -> str:
    return NOMINAL if item["scale"]["code"] in NOMINAL_SCALES else ORDINAL


def scale_labels(item: dict, language: str) -> tuple[tuple[LabelValue, str], ...]:
    lang = "en" if language.startswith("en") else "nl"
    return tuple((o["value"], o["label"][lang] or o["label"]["nl"]) for o in item["scale"]["options"]) + (
        missing_values(language))


def long_layout(*, codebook: Codebook, language: str = "nl") -> Layout:
    items = tuple((item["code"], item_label(item, language)) for item in codebook.items)
    columns = base_columns(codebook=codebook, respondent=True) + [
        Column("item", STRING, _("Vraag (itemcode, zie het codeboek)"), items,
               width=_max_width(code for code, _label in items), measure=NOMINAL),
        Column("value", INTEGER, _("Antwoord (waarde op de schaal van het item)"),
               missing_values(language), has_missing_code=True, measure=ORDINAL),
    ]
    return Layout(name="long", columns=tuple(columns))


def wide_layout(*, codebook: Codebook, language: str = "nl") -> Layout:
    columns = base_columns(codebook=codebook, respondent=True)
    positions = {}
    for item in codebook.items:
        positions[item["code"]] = len(columns)
        columns.append(Column(item["code"], INTEGER, item_label(item, language), scale_labels(item, language),
                              has_missing_code=True, measure=item_measure(item)))
    return Layout(name="wide", columns=tuple(columns), item_columns=positions)


def scores_layout(*, codebook: Codebook, area_labels: dict[str, str]) -> Layout:
    columns = base_columns(codebook=codebook, respondent=False) + [
        Column("respondents", INTEGER, _("Aantal ingevulde vragenlijsten in de ronde")),
        Column("overall_presence", DECIMAL, _("Totaalscore aanwezigheid (0-100)")),
        Column("overall_importance", DECIMAL, _("Totaalscore belang (0-100)")),
    ]
    for code in AREA_CODES:
        label = area_labels.get(code, code)
        columns += [
            Column(f"{code}_presence", DECIMAL, _("%(area)s: aanwezigheid (0-100)") % {"area": label}),
            Column(f"{code}_importance", DECIMAL, _("%(area)s: belang (0-100)") % {"area": label}),
            Column(f"{code}_n", INTEGER, _("%(area)s: aantal respondenten met een antwoord") % {"area": label}),
        ]
    return Layout(name="scores", columns=tuple(columns))


def area_labels(*, codebook: Codebook, language: str = "nl") -> dict[str, str]:
    """Titles of the success-factor areas (the SF module's dimensions) in the codebook."""
    lang = "en" if language.startswith("en") else "nl"
    for block in codebook.modules:
        if block.module.code == "SF":
            return {group.dimension.code: getattr(group.dimension, f"title_{lang}") or group.dimension.title_nl
                    for group in block.dimensions}
    return {}
