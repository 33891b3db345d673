import copy
from collections.abc import Callable

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
from .models import Membership, MembershipInvitation, Partnership
from .selectors import (
    membership_invitations_for_user,
    network_detail_data,
    network_list_for_user,
    user_may_register_network,
)


def _post_data(request: HttpRequest):
    """POST data for a bound form; unlike ``request.POST or None`` an empty POST still binds (and validates)."""
    return request.POST if request.method == "POST" else None


def _apply_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _submit(request: HttpRequest, form, action: Callable[[dict], object]):
    """The service's result for a valid POSTed form, or None; the service's refusals become form errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except ValidationError as exc:
        _apply_service_errors(form, exc)
        return None


def _remove(request: HttpRequest, action: Callable[[], None], *, success: str) -> None:
    """Run a remove service; its refusal (last coordinator, partner still in use) is shown as a message."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "networks/network_list.html", {
        "networks": network_list_for_user(user=request.user),
        "pending_invitation_count": membership_invitations_for_user(user=request.user).count(),
        "may_register": user_may_register_network(user=request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    if not user_may_register_network(user=request.user):
        return render(request, "networks/registration_closed.html", status=403)
    form = NetworkForm(_post_data(request))
    network = _submit(request, form, lambda data: services.network_create(creator=request.user, **data))
    if network:
        messages.success(request, _("Het netwerk is aangemaakt. Voeg nu de partnerorganisaties toe."))
        return redirect(network)
    return render(request, "networks/network_form.html", {"form": form, "network": None})


@login_required
@require_http_methods(["GET"])
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = network_access(request, slug)
    context = {"network": access.network, "access": access,
               **network_detail_data(network=access.network, is_coordinator=access.is_coordinator)}
    return render(request, "networks/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    # A copy: an invalid form leaves its values (e.g. an empty slug) on the instance, and the page still
    # needs the stored network for its links.
    form = NetworkForm(_post_data(request), instance=copy.copy(network))
    if _submit(request, form, lambda data: services.network_update(network=network, **data)):
        messages.success(request, _("De gegevens van het netwerk zijn opgeslagen."))
        return redirect(network)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@login_required
@require_http_methods(["GET", "POST"])
def research_consent(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    form = ResearchConsentForm(_post_data(request), initial={"consent": network.research_consent})
    if _submit(request, form, lambda data: services.network_set_research_consent(
            network=network, consent=data["consent"], user=request.user)):
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
    form = PartnershipForm(_post_data(request), network=network, user=request.user)
    partnership = _submit(request, form, lambda data: services.partnership_add(
        network=network, organisation=data["organisation"], new_organisation_name=data["new_organisation_name"],
        new_organisation_sector=data["new_organisation_sector"], roles=data["roles"], since=data["since"],
        until=data["until"]))
    if partnership:
        messages.success(request, _("%(org)s is toegevoegd als partner.") % {"org": partnership.organisation.name})
        return redirect(network)
    return render(request, "networks/partner_form.html", {"form": form, "network": network, "partnership": None})


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk, network=network)
    form = PartnershipForm(_post_data(request), network=network, editing=True,
                           initial=partnership_initial(partnership))
    if _submit(request, form, lambda data: services.partnership_update(
            partnership=partnership, roles=data["roles"], since=data["since"], until=data["until"])):
        messages.success(request, _("De partner is bijgewerkt."))
        return redirect(network)
    return render(request, "networks/partner_form.html",
                  {"form": form, "network": network, "partnership": partnership})


@login_required
@require_POST
def partner_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    partnership = get_object_or_404(Partnership, pk=pk, network=network)
    _remove(request, lambda: services.partnership_remove(partnership=partnership),
            success=_("De partner is verwijderd."))
    return redirect(network)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    form = MembershipAddForm(_post_data(request), network=network)
    invitation = _submit(request, form, lambda data: services.membership_invite(
        network=network, invited_by=request.user, **data))
    if invitation:
        # The same answer whether or not the address has an account.
        messages.success(request, _("Er is een uitnodiging gestuurd naar %(email)s. Zodra die is aangenomen, staat "
                                    "deze persoon bij de leden.") % {"email": invitation.email})
        return redirect(network)
    return render(request, "networks/member_form.html", {"form": form, "network": network, "membership": None})


@login_required
@require_POST
def member_invitation_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    invitation = get_object_or_404(MembershipInvitation, pk=pk, network=network)
    services.membership_invitation_withdraw(invitation=invitation)
    messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect(network)


@login_required
@require_http_methods(["GET"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The invitations waiting for the logged-in person: here they see which network, and accept or decline."""
    return render(request, "networks/invitation_list.html",
                  {"invitations": membership_invitations_for_user(user=request.user)})


@login_required
@require_POST
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(MembershipInvitation.objects.for_user(request.user).select_related("network"),
                                   pk=pk)
    membership = services.membership_invitation_accept(invitation=invitation, user=request.user)
    messages.success(request, _("U bent nu lid van %(network)s.") % {"network": invitation.network.name})
    return redirect(membership.network)


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(MembershipInvitation.objects.for_user(request.user).select_related("network"),
                                   pk=pk)
    services.membership_invitation_decline(invitation=invitation, user=request.user)
    messages.success(request, _("U hebt de uitnodiging voor %(network)s afgewezen.")
                     % {"network": invitation.network.name})
    return redirect("networks:invitations")


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, network=network)
    form = MembershipEditForm(_post_data(request), network=network,
                              initial=MembershipEditForm.initial_for(membership))
    if _submit(request, form, lambda data: services.membership_update(membership=membership, **data)):
        messages.success(request, _("Het lidmaatschap is bijgewerkt."))
        return redirect(network)
    return render(request, "networks/member_form.html",
                  {"form": form, "network": network, "membership": membership})


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = network_access(request, slug, coordinator=True).network
    membership = get_object_or_404(Membership, pk=pk, network=network)
    _remove(request, lambda: services.membership_remove(membership=membership),
            success=_("Het lid is uit het netwerk verwijderd."))
    return redirect(network)
