from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import form_field
from core.slugs import name_to_slug
from core.widgets import DescribedCheckboxSelectMultiple, DescribedRadioSelect

from .models import ChainRole, Level, Membership, Network, Organisation, Partnership, PlatformRole, Sector
from .roles import chain_role_descriptions, platform_role_descriptions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "name", "slug", "description", "common_goal", "target_group", "form", "region", "start_date",
            "end_date", "client_count", "origin", "funding", "claimed_phase",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "common_goal": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "origin": forms.Textarea(attrs={"rows": 2}),
            "funding": forms.Textarea(attrs={"rows": 2}),
        }
        # Also replaces the model's message when validate_unique finds the slug taken.
        error_messages = {"slug": {"unique": _("De korte naam is al in gebruik. Kies een andere.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leeg laten om hem uit de naam te maken, bijvoorbeeld doen-wat-werkt.")
        self.fields["name"].error_messages["required"] = _("Geef het netwerk een naam.")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Geef het netwerk een naam."))
        return name

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("slug") and cleaned.get("name"):
            slug = name_to_slug(cleaned["name"])
            if not slug:
                self.add_error("slug", _("Kies een korte naam met letters of cijfers."))
            elif Network.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("slug", _("De korte naam “%(slug)s” is al in gebruik. Kies een andere.")
                               % {"slug": slug})
            else:
                cleaned["slug"] = slug
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
        return cleaned



class PartnershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Bestaande organisatie"), queryset=Organisation.objects.all(), required=False,
    )
    new_organisation_name = forms.CharField(
        label=_("Of een nieuwe organisatie: naam"), max_length=200, required=False,
        error_messages={"max_length": _("Een naam mag hoogstens %(limit_value)d tekens lang zijn; deze is "
                                        "%(show_value)d tekens.")})
    new_organisation_sector = forms.ChoiceField(label=_("Sector van de nieuwe organisatie"),
                                                choices=[("", "—"), *Sector.choices], required=False)
    roles = forms.MultipleChoiceField(
        label=_("Rollen in de keten"), choices=ChainRole.choices, required=False,
        widget=DescribedCheckboxSelectMultiple(descriptions=chain_role_descriptions()),
        help_text=_("Een organisatie kan meerdere rollen tegelijk hebben; welke organisatie welke rol heeft, "
                    "verschilt per keten."))
    since = forms.DateField(label=_("Partner sinds"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("Partner tot"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, network: Network, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.editing = editing
        if editing:
            for name in ("organisation", "new_organisation_name", "new_organisation_sector"):
                del self.fields[name]
        else:
            # Only organisations the coordinator already knows: partners of the networks they coordinate. Any other
            # organisation can be typed in as a new one; the list never shows what other networks work with.
            own_networks = Network.objects.coordinated_by(user) if user is not None else Network.objects.none()
            form_field(self, "organisation", forms.ModelChoiceField).queryset = (
                Organisation.objects.filter(partnerships__network__in=own_networks)
                .exclude(partnerships__network=network).distinct().order_by("name"))
            self.fields["organisation"].help_text = _(
                "Partners van de netwerken die u coördineert. Staat de organisatie er niet bij, vul dan hieronder "
                "de naam in.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("De einddatum ligt vóór de begindatum."))
        if self.editing or "new_organisation_name" in self.errors:
            # A refused name (too long) already has its own message; "fill in a name" would contradict it.
            return cleaned
        org, new_name = cleaned.get("organisation"), " ".join(cleaned.get("new_organisation_name", "").split())
        if not org and not new_name:
            raise forms.ValidationError(_("Kies een bestaande organisatie of vul de naam van een nieuwe in."))
        if org and new_name:
            raise forms.ValidationError(_("Kies een bestaande organisatie óf vul een nieuwe in, niet allebei."))
        if new_name and not cleaned.get("new_organisation_sector"):
            self.add_error("new_organisation_sector", _("Kies de sector van de nieuwe organisatie."))
        cleaned["new_organisation_name"] = new_name
        return cleaned


class MembershipFieldsMixin(forms.Form):
    role = forms.ChoiceField(label=_("Rol op het platform"), choices=PlatformRole.choices,
                             initial=PlatformRole.MEMBER,
                             widget=DescribedRadioSelect(descriptions=platform_role_descriptions()))
    organisation = forms.ModelChoiceField(label=_("Partnerorganisatie"), queryset=Organisation.objects.none(),
                                          required=False)
    level = forms.ChoiceField(label=_("Niveau"), choices=[("", "—"), *Level.choices], required=False)
    chain_role = forms.ChoiceField(label=_("Rol in de keten"), choices=[("", _("Geen opgave")), *ChainRole.choices],
                                   required=False, initial="",
                                   widget=DescribedRadioSelect(descriptions=chain_role_descriptions()))

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        organisation_field = form_field(self, "organisation", forms.ModelChoiceField)
        organisation_field.queryset = Organisation.objects.filter(partnerships__network=network)
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Deze organisatie is geen partner in dit netwerk.")


class MembershipAddForm(MembershipFieldsMixin):
    email = forms.EmailField(label=_("E-mailadres"))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    field_order = ["email", "first_name", "last_name", "role", "organisation", "level", "chain_role"]


class MembershipEditForm(MembershipFieldsMixin):
    @classmethod
    def initial_for(cls, membership: Membership) -> dict:
        return {
            "role": membership.role, "organisation": membership.organisation_id, "level": membership.level,
            "chain_role": membership.chain_role,
        }


class ResearchConsentForm(forms.Form):
    consent = forms.BooleanField(label=_("Ons netwerk geeft toestemming voor gepseudonimiseerd onderzoek"),
                                 required=False)


def partnership_initial(partnership: Partnership) -> dict:
    return {"roles": partnership.roles, "since": partnership.since, "until": partnership.until}
