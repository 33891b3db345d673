from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Item
from core.forms import form_field
from networks.models import Membership, Network, Organisation

from .models import Action, TopicKind

NO_AGREEMENT = "none"


class AgreementForm(forms.Form):
    """The agreed score on the item's own answer scale, or "geen overeenstemming"."""

    agreed = forms.ChoiceField(label=_("Afgesproken score"), widget=forms.RadioSelect,
                               error_messages={"required": _("Kies een score of ‘geen overeenstemming’."),
                                               "invalid_choice": _("Deze score hoort niet bij de antwoordschaal "
                                                                   "van de vraag.")})
    rationale = forms.CharField(label=_("Korte toelichting"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "agreed", forms.ChoiceField).choices = [(str(value), label) for value, label in choices] + [
            (NO_AGREEMENT, _("Geen overeenstemming"))]

    def values(self) -> tuple[int | None, bool]:
        agreed = self.cleaned_data["agreed"]
        return (None, True) if agreed == NO_AGREEMENT else (int(agreed), False)


class TopicAddForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=TopicKind.choices)
    code = forms.CharField(label=_("Vraagcode"), max_length=40)


def _member_label(membership: Membership) -> str:
    return membership.user.get_full_name() or membership.user.email


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["what", "target_code", "owner_membership", "owner_organisation", "due_on", "status", "notes"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"what": {"required": _("Beschrijf wat er gaat gebeuren.")},
                          "due_on": {"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-03-01.")}}

    def __init__(self, *args, network: Network, instrument_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument_id = instrument_id
        members = form_field(self, "owner_membership", forms.ModelChoiceField)
        members.queryset = Membership.objects.filter(network=network).select_related("user")
        members.label_from_instance = _member_label  # type: ignore[method-assign,assignment]
        form_field(self, "owner_organisation", forms.ModelChoiceField).queryset = Organisation.objects.filter(
            partnerships__network=network)
        self.fields["target_code"].help_text = _("Bijvoorbeeld SF.K2 (succesfactor), MK.2.3 (element) of KO.4 "
                                                 "(uitdaging).")

    def clean_target_code(self) -> str:
        """A success factor (SF.K2), a Minkman element (MK.2.3), a phase (MK.2) or a challenge (KO.4) of this
        round's questionnaire; empty is allowed for an action that serves the network in general."""
        code = self.cleaned_data["target_code"].strip().upper()
        if not code:
            return code
        items = Item.objects.filter(instrument_id=self.instrument_id)
        known = (items.filter(factor=code).exists() or items.filter(code=code, code__regex=r"^(MK|KO)\.").exists()
                 or items.filter(code__startswith=f"{code}.", code__regex=r"^MK\.[1-4]\.").exists())
        if not known:
            raise forms.ValidationError(_("“%(code)s” is geen succesfactor, element of uitdaging van deze "
                                          "vragenlijst.") % {"code": code})
        return code

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("owner_membership") and data.get("owner_organisation"):
            raise forms.ValidationError(_("Kies als eigenaar een lid óf een partnerorganisatie, niet allebei."))
        return data


class NextMeasurementForm(forms.Form):
    months = forms.TypedChoiceField(label=_("Over"), required=False, coerce=int, empty_value=None,
                                    choices=[("", _("— of kies een datum —")), (3, _("3 maanden")),
                                             (6, _("6 maanden")), (12, _("12 maanden"))])
    due_on = forms.DateField(label=_("Op datum"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                             error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-03-01.")})

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not self.errors and data.get("months") is None and data.get("due_on") is None:
            raise forms.ValidationError(_("Kies 3, 6 of 12 maanden of vul een datum in."))
        return data
