"""Forms of the coordinator side: round settings, inviting people, confirming a close or reopen."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from assessments.models import Instrument, InstrumentStatus, Module
from core.forms import form_field
from core.names import user_sort_key
from core.slugs import name_to_slug
from core.widgets import DescribedCheckboxSelectMultiple
from networks.forms import DATE_WIDGET
from networks.models import Level, Membership, Network, Organisation

from .models import INVITATION_MESSAGE_MAX_LENGTH, Round
from .module_help import module_description
from .selectors import (
    instrument_default,
    instruments_for_round_form,
    memberships_not_invited,
    minutes_for_items,
    module_item_counts,
)
from .services.rounds import RESERVED_SLUGS

ANONYMOUS = "0"
SHOW_RESPONDENTS = "1"


class InstrumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Instrument) -> str:
        if obj.status != InstrumentStatus.PUBLISHED:
            return _("%(instrument)s (niet meer in gebruik voor nieuwe rondes)") % {"instrument": obj}
        return str(obj)


class ModuleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, show_version: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_version = show_version

    def label_from_instance(self, obj: Module) -> str:
        label = f"{obj.code} – {obj.tr('title')}"
        if self.show_version:
            label += f" ({obj.instrument})"
        return label


class _PeopleIterator(ModelChoiceIterator):
    """Choices per partner organisation, inside it in Dutch surname order (core.names)."""

    def __iter__(self):
        memberships = list(self.queryset)
        memberships.sort(key=lambda m: ((m.organisation.name if m.organisation else "").casefold(),
                                        user_sort_key(m.user)))
        for membership in memberships:
            yield self.choice(membership)


class PeopleMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _PeopleIterator

    def label_from_instance(self, obj: Membership) -> str:
        user = obj.user
        name = user.get_full_name() or user.email
        parts = [name if name == user.email else f"{name} ({user.email})"]
        if obj.organisation is not None:
            parts.append(obj.organisation.name)
        if obj.level:
            parts.append(obj.get_level_display())
        return " – ".join(str(part) for part in parts)


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Naam van de ronde"), max_length=200,
                           help_text=_("Bijvoorbeeld: Zelfevaluatie voorjaar 2026."))
    slug = forms.SlugField(label=_("Korte naam in de URL"), max_length=80, required=False,
                           help_text=_("Leeg laten om hem uit de naam te maken."))
    instrument = InstrumentChoiceField(label=_("Versie van de vragenlijst"), queryset=Instrument.objects.none(),
                                       empty_label=None)
    optional_modules = ModuleChoiceField(label=_("Aanvullende modules"), queryset=Module.objects.none(),
                                         required=False, widget=DescribedCheckboxSelectMultiple)
    opens_on = forms.DateField(label=_("Opent op"), required=False, widget=DATE_WIDGET,
                               help_text=_("Geplande datum, ter informatie voor de deelnemers."))
    closes_on = forms.DateField(label=_("Sluit op"), required=False, widget=DATE_WIDGET,
                                help_text=_("Geplande datum; de ronde sluit pas als u op ‘Ronde sluiten’ drukt."))
    show_respondents = forms.TypedChoiceField(
        label=_("Wat zien coördinatoren van de respons?"),
        choices=[
            (ANONYMOUS, _("Alleen aantallen: niet wie wel of niet heeft gereageerd")),
            (SHOW_RESPONDENTS, _("Wie wel en niet heeft gereageerd (nooit de antwoorden zelf)")),
        ],
        coerce=lambda value: value == SHOW_RESPONDENTS,
        widget=forms.RadioSelect,
        initial=ANONYMOUS,
        help_text=_("Antwoorden zijn nooit per persoon zichtbaar. Deze keuze ligt vast zodra er een antwoord is."),
    )
    invitation_message = forms.CharField(
        label=_("Persoonlijk bericht in de uitnodiging (optioneel)"), required=False,
        max_length=INVITATION_MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt boven de uitleg in elke uitnodiging en herinnering, bijvoorbeeld waarom uw mening "
                    "telt of wanneer u de uitkomsten samen bespreekt. Hoogstens 1000 tekens."),
    )

    def __init__(self, *args, network: Network, round: Round | None = None, locked: bool = False, **kwargs):
        if round is not None:
            kwargs.setdefault("initial", {}).update(self.initial_for(round))
        super().__init__(*args, **kwargs)
        self.network = network
        self.round = round
        instruments = instruments_for_round_form(current=round.instrument if round else None)
        form_field(self, "instrument", forms.ModelChoiceField).queryset = instruments
        if round is None:
            default = instrument_default()
            if default is not None:
                self.fields["instrument"].initial = default.pk
        modules = Module.objects.filter(instrument__in=instruments, optional=True).select_related("instrument")
        modules_field = form_field(self, "optional_modules", ModuleChoiceField)
        modules_field.queryset = modules.order_by("instrument__slug", "-instrument__version", "order")
        modules_field.show_version = instruments.count() > 1
        self._describe_modules(modules_field, instrument=round.instrument if round else instrument_default())
        self.fields["name"].error_messages["required"] = _("Geef de ronde een naam.")
        self.fields["instrument"].error_messages.update({
            "required": _("Kies een versie van de vragenlijst."),
            "invalid_choice": _("Deze versie van de vragenlijst bestaat niet of is niet gepubliceerd."),
        })
        modules_field.error_messages.update({
            "invalid_choice": _("Module %(value)s bestaat niet of is geen aanvullende module."),
            "invalid_pk_value": _("“%(pk)s” is geen geldige module."),
        })
        self.fields["show_respondents"].error_messages["invalid_choice"] = _("Kies een van de twee mogelijkheden.")
        if locked:
            for name in ("instrument", "optional_modules", "show_respondents"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Ligt vast: er zijn al antwoorden gegeven.")

    @staticmethod
    def _describe_modules(field: ModuleChoiceField, *, instrument: Instrument | None) -> None:
        """Each optional module says what it adds and how long it takes; the help text, what the fixed ones take."""
        modules = list(field.queryset) if field.queryset is not None else []
        fixed = list(Module.objects.filter(instrument=instrument, optional=False)) if instrument else []
        counts = module_item_counts(modules=modules + fixed)
        field.widget.descriptions = {
            str(module.pk): module_description(module=module, item_count=counts.get(module.pk, 0))
            for module in modules}
        if fixed:
            fixed_items = sum(counts.get(module.pk, 0) for module in fixed)
            field.help_text = _(
                "De vaste modules (%(codes)s: %(items)d vragen) horen altijd bij de vragenlijst; die duurt zonder "
                "aanvullende modules ongeveer %(minutes)d minuten.") % {
                "codes": ", ".join(module.code for module in fixed), "items": fixed_items,
                "minutes": minutes_for_items(fixed_items)}
        else:
            field.help_text = _("De vaste modules horen altijd bij de vragenlijst.")

    @staticmethod
    def initial_for(round: Round) -> dict:
        return {
            "name": round.name, "slug": round.slug, "instrument": round.instrument_id,
            "optional_modules": list(round.optional_modules.values_list("pk", flat=True)),
            "opens_on": round.opens_on, "closes_on": round.closes_on,
            "show_respondents": SHOW_RESPONDENTS if round.show_respondents else ANONYMOUS,
            "invitation_message": round.invitation_message,
        }

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Geef de ronde een naam."))
        return name

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        slug = cleaned.get("slug") or (name_to_slug(cleaned["name"]) if cleaned.get("name") else "")
        if "slug" not in self.errors and cleaned.get("name"):
            if not slug:
                self.add_error("slug", _("Kies een korte naam met letters of cijfers."))
            elif slug in RESERVED_SLUGS:
                self.add_error("slug", _("De korte naam “%(slug)s” is gereserveerd. Kies een andere.")
                               % {"slug": slug})
            elif Round.objects.filter(network=self.network, slug=slug).exclude(
                    pk=self.round.pk if self.round else None).exists():
                self.add_error("slug", _("Dit netwerk heeft al een ronde met de korte naam “%(slug)s”. "
                                         "Kies een andere.") % {"slug": slug})
            else:
                cleaned["slug"] = slug
        instrument = cleaned.get("instrument")
        modules = cleaned.get("optional_modules")
        if instrument is not None and modules:
            foreign = [module for module in modules if module.instrument_id != instrument.pk]
            if foreign:
                self.add_error("optional_modules", _(
                    "Module %(modules)s hoort niet bij %(instrument)s. Kies alleen modules van de gekozen versie."
                ) % {"modules": ", ".join(module.code for module in foreign), "instrument": instrument})
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("De sluitdatum ligt vóór de openingsdatum."))
        return cleaned


class InviteMembersForm(forms.Form):
    SCOPE_SELECTED = "selected"
    SCOPE_ALL = "all"

    memberships = PeopleMultipleChoiceField(
        label=_("Leden die nog niet zijn uitgenodigd"), queryset=Membership.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Set by the submit button pressed, so "select all" works without JavaScript. Anything but "all" means
    # "the selected ones": an odd value must not produce an error on a field nobody can see.
    scope = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, round: Round, **kwargs):
        kwargs.setdefault("prefix", "members")
        super().__init__(*args, **kwargs)
        self.round = round
        field = form_field(self, "memberships", PeopleMultipleChoiceField)
        field.queryset = memberships_not_invited(round=round)
        field.error_messages["invalid_choice"] = _(
            "Een van de gekozen leden is al uitgenodigd of hoort niet bij dit netwerk. Kies opnieuw.")
        field.error_messages["invalid_pk_value"] = _("“%(pk)s” is geen geldig lid.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("scope") == self.SCOPE_ALL:
            cleaned["memberships"] = list(memberships_not_invited(round=self.round))
            if not cleaned["memberships"]:
                raise forms.ValidationError(_("Alle leden van het netwerk zijn al uitgenodigd."))
        elif "memberships" in cleaned and not cleaned["memberships"]:
            self.add_error("memberships", _("Kies minstens één lid om uit te nodigen."))
        return cleaned


class InviteByEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(label=_("Partnerorganisatie"), queryset=Organisation.objects.none(),
                                          required=False)
    level = forms.ChoiceField(label=_("Niveau"), choices=[("", "—"), *Level.choices], required=False)

    def __init__(self, *args, round: Round, **kwargs):
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        organisation_field = form_field(self, "organisation", forms.ModelChoiceField)
        organisation_field.queryset = Organisation.objects.filter(partnerships__network_id=round.network_id)
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Deze organisatie is geen partner in dit netwerk.")
        self.fields["email"].error_messages["required"] = _("Vul een e-mailadres in.")


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True)

    def __init__(self, *args, label: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
        self.fields["confirm"].error_messages["required"] = required_message
