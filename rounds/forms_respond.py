"""Forms of the respondent side: the profile confirmation and one questionnaire page.

The page form is built from the page structure, one choice field per item plus the hidden page key and
revision. It is parsed field by field, so that one bad value never costs the other answers of the page:
``answers()`` returns every valid answer even when the form as a whole is invalid.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import form_field
from core.widgets import DescribedRadioSelect
from networks.models import ChainRole, Level, Organisation
from networks.roles import chain_role_descriptions

from .questionnaire import (
    COMMENT_MAX_LENGTH,
    DONT_KNOW,
    NOT_APPLICABLE,
    Page,
    PageItem,
    Questionnaire,
    StoredAnswer,
    dont_know_label,
    not_applicable_label,
)

ITEM_PREFIX = "item-"


class ProfileForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Namens welke partnerorganisatie vult u de vragenlijst in?"),
        queryset=Organisation.objects.none(), empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies uw partnerorganisatie."),
                        "invalid_choice": _("Kies een van de partnerorganisaties van dit netwerk.")},
    )
    level = forms.ChoiceField(
        label=_("Op welk niveau werkt u?"), choices=Level.choices, widget=forms.RadioSelect,
        help_text=_("Succes vraagt dat bestuur, leidinggevenden en werkvloer op elkaar zijn afgestemd; "
                    "daarom vergelijkt het rapport de niveaus."),
        error_messages={"required": _("Kies het niveau waarop u werkt."),
                        "invalid_choice": _("Kies een van de drie niveaus.")},
    )
    chain_role = forms.ChoiceField(
        label=_("Wat is uw rol in de keten?"), choices=[("", _("Geen opgave")), *ChainRole.choices],
        required=False, widget=DescribedRadioSelect(descriptions=chain_role_descriptions()),
        error_messages={"invalid_choice": _("Kies een van de rollen uit de lijst.")},
    )
    comment_consent = forms.BooleanField(
        label=_("Mijn open opmerkingen mogen zonder mijn naam worden geciteerd in het rapport voor het netwerk."),
        required=False,
        help_text=_("Zonder deze toestemming worden uw opmerkingen alleen als aantal genoemd."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations

    @staticmethod
    def initial_for(*, response, membership) -> dict:
        """The response's own choices once confirmed; before that the network membership's."""
        if response.profile_confirmed:
            return {"organisation": response.organisation_id, "level": response.level,
                    "chain_role": response.chain_role, "comment_consent": response.comment_consent}
        if membership is None:
            return {}
        return {"organisation": membership.organisation_id, "level": membership.level,
                "chain_role": membership.chain_role}


class CommentField(forms.CharField):
    def to_python(self, value):
        # Browsers send line breaks as CRLF; count them as the respondent sees them (one character).
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class PageForm(forms.Form):
    page = forms.CharField(widget=forms.HiddenInput, error_messages={
        "required": _("Het formulier is onvolledig (paginacode ontbreekt). Uw geldige antwoorden zijn bewaard."),
    })
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_000_000_000, error_messages={
        "required": _("Het formulier is onvolledig (versie ontbreekt). Uw geldige antwoorden zijn bewaard."),
        "invalid": _("Het formulier is gewijzigd (ongeldige versie). Uw geldige antwoorden zijn bewaard."),
        "min_value": _("Het formulier is gewijzigd (ongeldige versie). Uw geldige antwoorden zijn bewaard."),
        "max_value": _("Het formulier is gewijzigd (ongeldige versie). Uw geldige antwoorden zijn bewaard."),
    })

    def __init__(self, *args, page: Page, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_def = page
        self.questionnaire = questionnaire
        # Labels and the message as plain text, translated once per form: lazy strings make every field's choice
        # normalisation several times dearer, and a page builds a field per item on every GET and save.
        invalid = {"invalid_choice": str(_("Dit antwoord bestaat niet bij deze vraag. Kies een van de getoonde "
                                           "antwoorden."))}
        beside_scale: dict[bool, list[tuple[str, str]]] = {}
        for item in page.items:
            if item.offers_not_applicable not in beside_scale:
                beside_scale[item.offers_not_applicable] = [
                    (key, str(label)) for key, label, _css in missing_choices(item=item)]
            choices = [(str(option.value), str(option.label)) for option in item.options]
            self.fields[item.field_name] = forms.ChoiceField(
                label=item.text, choices=choices + beside_scale[item.offers_not_applicable], required=False,
                widget=forms.RadioSelect, error_messages=invalid,
            )
        if page.allow_comment:
            self.fields["comment"] = CommentField(
                label=_("Opmerking bij deze pagina (niet verplicht)"), required=False, strip=True,
                max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"max_length": _(
                    "Uw opmerking is %(show_value)d tekens lang; er passen er %(limit_value)d. Maak haar korter: "
                    "uw tekst staat nog in het vak en is niet opgeslagen.")},
            )

    def clean_page(self) -> str:
        value = self.cleaned_data["page"]
        if value != self.page_def.key:
            raise forms.ValidationError(
                _("Het formulier hoort niet bij deze pagina. Uw geldige antwoorden zijn bewaard."), code="tampered")
        return value

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for key in self.data:
            if not key.startswith(ITEM_PREFIX):
                continue
            code = key[len(ITEM_PREFIX):]
            if key in self.fields:
                if len(self.data.getlist(key) if hasattr(self.data, "getlist") else [1]) > 1:
                    self.add_error(key, _("Bij deze vraag is meer dan één antwoord gestuurd. Kies er één."))
                continue
            if self.questionnaire.locate(code) is not None:
                self.add_error(None, _("Vraag %(code)s hoort niet bij deze pagina en is niet opgeslagen.")
                               % {"code": code[:60]})
            else:
                self.add_error(None, _("Onbekende vraag %(code)s: niet opgeslagen.") % {"code": code[:60]})
        return cleaned

    def item_fields(self):
        return [(item, self[item.field_name]) for item in self.page_def.items]

    def answers(self) -> dict[str, StoredAnswer]:
        """Every valid answer given on the page, also when other fields have errors."""
        self.errors  # noqa: B018 - runs validation once
        values: dict[str, StoredAnswer] = {}
        for item in self.page_def.items:
            raw = self.cleaned_data.get(item.field_name) if item.field_name not in self.errors else None
            if not raw:
                continue
            values[item.code] = None if raw == DONT_KNOW else NOT_APPLICABLE if raw == NOT_APPLICABLE else int(raw)
        return values

    def comment_value(self) -> str | None:
        """The valid comment, or None to leave the stored comment as it is."""
        if "comment" not in self.fields or "comment" in self.errors or "comment" not in self.data:
            return None
        return self.cleaned_data.get("comment", "")

    def revision_value(self) -> int | None:
        return None if "revision" in self.errors else self.cleaned_data.get("revision")

    @property
    def tampered(self) -> bool:
        return "page" in self.errors or "revision" in self.errors

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary at the top of the page, in page order."""
        anchors = {item.field_name: "#" + item.dom_id for item in self.page_def.items}
        anchors["comment"] = "#id_comment"
        summary = [("", str(message)) for message in self.non_field_errors()]
        for name in ("page", "revision"):
            summary += [("", str(message)) for message in self.errors.get(name, [])]
        for item in self.page_def.items:
            summary += [(anchors[item.field_name], f"{item.label}: {message}")
                        for message in self.errors.get(item.field_name, [])]
        summary += [(anchors["comment"], str(message)) for message in self.errors.get("comment", [])]
        return summary


def missing_choices(*, item: PageItem) -> list[tuple[str, str, str]]:
    """(form value, label, css class) of the answers beside the scale: "weet niet" and, from version 2, "n.v.t."."""
    choices = [(DONT_KNOW, dont_know_label(offers_not_applicable=item.offers_not_applicable), "kr-option-dk")]
    if item.offers_not_applicable:
        choices.append((NOT_APPLICABLE, not_applicable_label(), "kr-option-na"))
    return choices


def _form_key(value: StoredAnswer) -> str:
    return DONT_KNOW if value is None else str(value)


@dataclass(frozen=True)
class OptionRow:
    value: str
    label: str
    checked: bool
    dom_id: str
    css: str = ""

    @property
    def css_class(self) -> str:
        return f"form-check kr-option {self.css}" if self.css else "form-check kr-option"


@dataclass(frozen=True)
class ItemRow:
    item: PageItem
    options: tuple[OptionRow, ...]
    errors: tuple[str, ...]
    server_label: str  # on a conflict: what is stored now, when it differs from the respondent's input

    @property
    def described_by(self) -> str:
        ids = []
        if self.item.help:
            ids.append(f"{self.item.dom_id}-help")
        if self.errors:
            ids.append(f"{self.item.dom_id}-error")
        if self.server_label:
            ids.append(f"{self.item.dom_id}-server")
        return " ".join(ids)


@dataclass(frozen=True)
class RowGroup:
    heading: str
    rows: tuple[ItemRow, ...]


def page_rows(*, form: PageForm, server_values: dict[str, StoredAnswer] | None = None) -> list[RowGroup]:
    """What the template needs per item: options with the checked one, errors, and a conflicting stored value."""
    groups = []
    for group in form.page_def.groups:
        rows = []
        for item in group.items:
            bound = form[item.field_name]
            selected = bound.value()
            selected = str(selected) if selected not in (None, "") else ""
            options = [OptionRow(value=str(o.value), label=o.label, checked=selected == str(o.value),
                                 dom_id=f"{item.dom_id}-{o.value}") for o in item.options]
            options += [OptionRow(value=key, label=str(label), checked=selected == key,
                                  dom_id=f"{item.dom_id}-{key}", css=css)
                        for key, label, css in missing_choices(item=item)]
            server_label = ""
            if server_values is not None and item.code in server_values:
                stored = server_values[item.code]
                if _form_key(stored) != selected:
                    server_label = item.option_label(stored)
            errors = tuple(str(e) for e in form.errors.get(item.field_name, [])) if form.is_bound else ()
            rows.append(ItemRow(item=item, options=tuple(options), errors=errors, server_label=server_label))
        groups.append(RowGroup(heading=group.heading, rows=tuple(rows)))
    return groups
