import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .access import network_access
from .forms import (
    MembershipAddForm,
    MembershipEditForm,
    NetworkForm,
    PartnershipForm,
    ResearchConsentForm,
    partnership_initial,
)
from .models import Membership, Partnership
from .selectors import network_detail_data, network_list_for_user


def _post_data(request: HttpRequest):
    """POST data for a bound form; unlike ``request.POST or None`` an empty POST still binds (and validates)."""
    return request.POST if request.method == "POST" else None


def _apply_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/network_list.html", {"networks": network_list_for_user(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    form = NetworkForm(_post_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(creator=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Het netwerk is aangemaakt. Voeg nu de partnerorganisaties toe."))
            return redirect(network)
    return render(request, "networks/network_form.html", {"form": form, "network": None})


@login_required
@require_http_methods(["GET"])
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = network_access(request, slug)
    context = {"network": access.network, "access": access, **network_detail_data(network=access.network)}
    return render(request, "networks/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    access = network_access(request, slug, coordinator=True)
    network = access.network
    # A copy: an invalid form leaves its values (e.g. an empty slug) on the instance, and the page still
    # needs the stored network for its links.
    form = NetworkForm(_post_data(request), instance=copy.copy(network))
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(network=network, **form.cleaned_data)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van het netwerk zijn opgeslagen."))
            return redirect(network)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def research_consent(request: HttpRequest, slug: str) -> HttpResponse:
    access = network_access(request, slug, coordinator=True)
    network = access.network
    form = ResearchConsentForm(_post_data(request), initial={"consent": network.research_consent})
    if request.method == "POST" and form.is_valid():
        services.network_set_research_consent(network=network, consent=form.cleaned_data["consent"],
                                              user=request.user)
        if network.research_consent:
            messages.success(request, _("Toestemming voor onderzoek is vastgelegd."))
        else:
            messages.success(request, _("Toestemming voor onderzoek is ingetrokken. Het netwerk valt buiten "
                                        "alle volgende exports."))
        return redirect(network)
    return render(request, "networks/research_consent.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    form = PartnershipForm(_post_data(request), network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = data["organisation"] or services.organisation_get_or_create(
                name=data["new_organisation_name"], sector=data["new_organisation_sector"])
            services.partnership_add(network=network, organisation=organisation, roles=data["roles"],
                                     since=data["since"], until=data["until"])
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(org)s is toegevoegd als partner.") % {"org": organisation.name})
            return redirect(network)
    return render(request, "networks/partner_form.html", {"form": form, "network": network, "partnership": None})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk, network=network)
    form = PartnershipForm(_post_data(request), network=network, editing=True,
                           initial=partnership_initial(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(partnership=partnership, roles=form.cleaned_data["roles"],
                                        since=form.cleaned_data["since"], until=form.cleaned_data["until"])
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("De partner is bijgewerkt."))
            return redirect(network)
    return render(request, "networks/partner_form.html",
                  {"form": form, "network": network, "partnership": partnership})


@login_required
@require_POST
def partner_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    partnership = get_object_or_404(Partnership, pk=pk, network=network)
    try:
        services.partnership_remove(partnership=partnership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De partner is verwijderd."))
    return redirect(network)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    form = MembershipAddForm(_post_data(request), network=network)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(network=network, invited_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(email)s is toegevoegd aan het netwerk.")
                             % {"email": membership.user.email})
            return redirect(network)
    return render(request, "networks/member_form.html", {"form": form, "network": network, "membership": None})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, network=network)
    form = MembershipEditForm(_post_data(request), network=network,
                              initial=MembershipEditForm.initial_for(membership))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("Het lidmaatschap is bijgewerkt."))
            return redirect(network)
    return render(request, "networks/member_form.html",
                  {"form": form, "network": network, "membership": membership})


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    membership = get_object_or_404(Membership, pk=pk, network=network)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het lid is uit het netwerk verwijderd."))
    return redirect(network)
