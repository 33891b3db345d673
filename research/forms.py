"""Filter and download choices of the research area; the command line validates its options with these too."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Instrument
from core.forms import form_field
from networks.models import ClaimedPhase, NetworkForm, Sector

from .exports import DATA_LAYOUTS, FORMATS, NATIVE_FORMATS, SPREADSHEET_FORMATS, SYNTAX_FORMATS, ExportOptions
from .selectors import ResearchFilters, research_instrument_default, research_instruments

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FILTER_FIELDS = ("instrument", "date_from", "date_to", "sector", "form", "phase")


def instrument_key(instrument: Instrument) -> str:
    return f"{instrument.slug}:{instrument.version}"


class ResearchFilterForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Vragenlijstversie"),
        error_messages={"invalid_choice": _("Deze vragenlijstversie bestaat niet of is niet beschikbaar voor "
                                            "onderzoek: %(value)s."),
                        "required": _("Kies een vragenlijstversie.")},
    )
    date_from = forms.DateField(label=_("Rondes gesloten vanaf"), required=False, widget=DATE_WIDGET,
                                error_messages={"invalid": _("Vul een geldige datum in, zoals 2024-01-31.")})
    date_to = forms.DateField(label=_("Rondes gesloten tot en met"), required=False, widget=DATE_WIDGET,
                              error_messages={"invalid": _("Vul een geldige datum in, zoals 2024-12-31.")})
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Alle sectoren")), *Sector.choices],
        help_text=_("Netwerken met minstens één partnerorganisatie in deze sector."),
        error_messages={"invalid_choice": _("Onbekende sector: %(value)s.")},
    )
    form = forms.ChoiceField(
        label=_("Netwerkvorm"), required=False, choices=[("", _("Alle vormen")), *NetworkForm.choices],
        error_messages={"invalid_choice": _("Onbekende netwerkvorm: %(value)s.")},
    )
    phase = forms.TypedChoiceField(
        label=_("Ontwikkelingsfase volgens het netwerk"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Alle fasen")), *ClaimedPhase.choices],
        error_messages={"invalid_choice": _("Onbekende fase: %(value)s. Kies 1, 2, 3 of 4.")},
    )

    def __init__(self, data=None, *args, **kwargs):
        self._instruments = {instrument_key(i): i for i in research_instruments()}
        default = research_instrument_default()
        self.default_instrument = instrument_key(default) if default else ""
        if data is not None and not data.get("instrument") and self.default_instrument:
            # The latest published version is the default, for links as well as for the form.
            data = data.copy()
            data["instrument"] = self.default_instrument
        super().__init__(data, *args, **kwargs)
        instrument_field = form_field(self, "instrument", forms.ChoiceField)
        instrument_field.choices = [(key, str(i)) for key, i in self._instruments.items()]
        self.fields["instrument"].initial = self.default_instrument

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def filters(self) -> ResearchFilters:
        data = self.cleaned_data
        return ResearchFilters(
            instrument=self._instruments[data["instrument"]], date_from=data.get("date_from"),
            date_to=data.get("date_to"), sector=data.get("sector") or "", form=data.get("form") or "",
            phase=data.get("phase"),
        )

    def default_filters(self) -> ResearchFilters | None:
        instrument = self._instruments.get(self.default_instrument)
        return ResearchFilters(instrument=instrument) if instrument else None


class ExportOptionsForm(forms.Form):
    layout = forms.ChoiceField(
        label=_("Indeling"), widget=forms.RadioSelect, initial="long",
        choices=[
            ("long", _("Lang: één rij per antwoord")),
            ("wide", _("Breed: één rij per respondent, één kolom per vraag")),
            ("scores", _("Scores: één rij per ronde, scores per deelgebied")),
            ("codebook", _("Codeboek: variabelen, labels, waardelabels, ontbrekende-waardecode")),
        ],
        error_messages={"invalid_choice": _("Onbekende indeling: %(value)s."),
                        "required": _("Kies een indeling.")},
    )
    format = forms.ChoiceField(
        label=_("Bestandsformaat"), widget=forms.RadioSelect, initial="csv",
        choices=[
            ("csv", _("CSV (UTF-8)")),
            ("xlsx", _("Excel (XLSX)")),
            ("json", _("JSON")),
            ("sav", _("SPSS-bestand (.sav) met labels en ontbrekende waarden")),
            ("dta", _("Stata-bestand (.dta) met labels")),
            ("r", _("R-syntax die de CSV met labels inleest")),
            ("sps", _("SPSS-syntax die de CSV met labels inleest")),
        ],
        error_messages={"invalid_choice": _("Onbekend bestandsformaat: %(value)s."),
                        "required": _("Kies een bestandsformaat.")},
    )
    bom = forms.BooleanField(label=_("Met BOM, zodat Excel de tekens goed leest"), required=False)
    semicolon = forms.BooleanField(
        label=_("Puntkomma als scheidingsteken en komma voor decimalen (Nederlandse Excel)"), required=False)
    labels = forms.BooleanField(
        label=_("Antwoorden als tekst (labels) in plaats van codes, voor Excel"), required=False,
        help_text=_("Alleen CSV en Excel. Voor analyse in R, SPSS of Stata: de codes."))
    headings = forms.ChoiceField(
        label=_("Kolomkoppen"), required=False, initial="code",
        choices=[("code", _("Codes (SF.K1.presence)")),
                 ("text", _("Korte tekst (Doelgroep en probleem vanuit de cliënt — aanwezigheid)"))],
        error_messages={"invalid_choice": _("Onbekende keuze voor de kolomkoppen: %(value)s.")},
        help_text=_("Alleen CSV en Excel; de syntax leest de codes als kolomkoppen."))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        layout, format = cleaned.get("layout"), cleaned.get("format")
        if format in SYNTAX_FORMATS and layout not in DATA_LAYOUTS:
            self.add_error("format", _("R- en SPSS-syntax is er voor de lange, brede en scores-indeling; het "
                                       "codeboek zelf is een CSV-, Excel- of JSON-bestand."))
        if format in NATIVE_FORMATS and layout not in DATA_LAYOUTS:
            self.add_error("format", _("SPSS- en Stata-bestanden zijn er voor de lange, brede en scores-indeling; "
                                       "het codeboek is een CSV-, Excel- of JSON-bestand."))
        if format not in SPREADSHEET_FORMATS and format in FORMATS:
            if cleaned.get("labels"):
                self.add_error("labels", _("Antwoorden als tekst kan alleen bij CSV en Excel."))
            if cleaned.get("headings") == "text":
                self.add_error("headings", _("Kolomkoppen als tekst kan alleen bij CSV en Excel."))
        if layout == "codebook" and (cleaned.get("labels") or cleaned.get("headings") == "text"):
            self.add_error("labels", _("Het codeboek heeft al labels; kies deze opties bij de data."))
        return cleaned

    def options(self) -> ExportOptions:
        data = self.cleaned_data
        return ExportOptions(layout=data["layout"], format=data["format"], bom=data["bom"],
                             semicolon=data["semicolon"], labels=data["labels"],
                             headings=data.get("headings") or "code")


class BenchmarkFilterForm(forms.Form):
    """Which networks a round is compared with; every choice narrows the group of peers."""

    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Alle sectoren")), *Sector.choices],
        help_text=_("Netwerken met minstens één partnerorganisatie in deze sector."),
        error_messages={"invalid_choice": _("Onbekende sector: %(value)s.")},
    )
    form = forms.ChoiceField(
        label=_("Netwerkvorm"), required=False, choices=[("", _("Alle vormen")), *NetworkForm.choices],
        error_messages={"invalid_choice": _("Onbekende netwerkvorm: %(value)s.")},
    )
    phase = forms.TypedChoiceField(
        label=_("Ontwikkelingsfase volgens het netwerk"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Alle fasen")), *ClaimedPhase.choices],
        error_messages={"invalid_choice": _("Onbekende fase: %(value)s. Kies 1, 2, 3 of 4.")},
    )
