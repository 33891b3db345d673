"""Coordinator side of rounds: settings, status, invitations and the completion monitor.

Access goes through ``networks.access.network_access``: people outside the network get 404, members asking
for coordinator work 403. Members may read a round's information page; drafts are invisible to them (404).

Status: draft → open (after a confirmation page that says how many people will be mailed; invitations made
meanwhile are mailed then) → closed (after a confirmation
checkbox). A coordinator may reopen a closed round, again after confirming: closing too early or a late
respondent are the usual reasons, and refusing would leave only the workaround of a new round that splits
the answers. Reopening keeps ``opened_at``, clears ``closed_at`` and makes the (non-revoked) links work again.

A refused form is shown again with status 400; an action that does not fit the round's state (closing a
draft, revoking twice, inviting into a closed round) gets an explanation page with status 409.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from charts.bars import horizontal_bar_chart, stacked_bar
from core.i18n import decimal_separator
from core.ratelimit import invitation_budget_consume, invitation_ratelimit, too_many_requests
from networks.access import NetworkAccess, network_access
from networks.models import MembershipInvitation

from . import selectors
from .emails import invitation_link
from .forms_manage import ConfirmForm, InviteByEmailForm, InviteMembersForm, RoundForm
from .models import Invitation, Round, RoundStatus
from .services import invitations as invitation_services
from .services import rounds as round_services
from .services.rounds import RoundStateError


@dataclass(frozen=True)
class InvitationRow:
    """An invitation on the invitation list: the response status (only where respondents are shown) and the
    personal link (only where the coordinator may hand it out)."""

    invitation: Invitation
    status: str | None
    link: str


def _apply_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _posted(request: HttpRequest):
    """POST data whenever the method is POST: an empty POST must still bind the form and show its errors."""
    return request.POST if request.method == "POST" else None


def _form_status(request: HttpRequest) -> int:
    """A form shown again after a POST was refused: 400, so that the refusal is visible to clients too."""
    return 400 if request.method == "POST" else 200


def _conflict(request: HttpRequest, round: Round, exc: ValidationError) -> HttpResponse:
    """The action does not fit the round's current state: explain, and offer the way back (409)."""
    return render(request, "rounds/manage/conflict.html",
                  {"round": round, "network": round.network, "problem": " ".join(exc.messages)}, status=409)


def _round_for(request: HttpRequest, network_slug: str, round_slug: str, *,
               coordinator: bool) -> tuple[NetworkAccess, Round]:
    access = network_access(request, network_slug, coordinator=coordinator)
    round = selectors.round_get(network=access.network, slug=round_slug, include_drafts=access.is_coordinator)
    return access, round


def _form_values(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"], "slug": data["slug"], "instrument": data["instrument"],
        "optional_modules": list(data["optional_modules"]), "opens_on": data["opens_on"],
        "closes_on": data["closes_on"], "show_respondents": data["show_respondents"],
        "invitation_message": data["invitation_message"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, network_slug: str) -> HttpResponse:
    network = network_access(request, network_slug, coordinator=True).network
    form = RoundForm(_posted(request), network=network)
    if request.method == "POST" and form.is_valid():
        try:
            round = round_services.round_create(network=network, created_by=request.user, **_form_values(form))
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("De ronde is aangemaakt als concept. Nodig nu de deelnemers uit; "
                                        "zij krijgen hun link zodra u de ronde opent."))
            return redirect(round)
    return render(request, "rounds/manage/round_form.html", {"form": form, "network": network, "round": None},
                  status=_form_status(request))


@login_required
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=False)
    context = {
        "network": access.network, "round": round, "access": access,
        "modules": selectors.round_modules(round=round),
        "duration": selectors.round_duration(round=round),
        "invitation": selectors.invitation_for_user(round=round, user=request.user),
    }
    if access.is_coordinator:
        context["monitor"] = selectors.round_monitor(round=round)
        context["has_answers"] = selectors.round_has_answers(round=round)
    return render(request, "rounds/manage/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    locked = selectors.round_has_answers(round=round)
    form = RoundForm(_posted(request), network=access.network, round=round, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            round = round_services.round_update(round=round, **_form_values(form))
        except ValidationError as exc:
            _apply_service_errors(form, exc)
        else:
            messages.success(request, _("De ronde is opgeslagen."))
            return redirect(round)
    return render(request, "rounds/manage/round_form.html",
                  {"form": form, "network": access.network, "round": round, "locked": locked},
                  status=_form_status(request))


def _reopen_form(data=None) -> ConfirmForm:
    return ConfirmForm(data, label=_("Ja, heropen deze ronde: de links werken weer en antwoorden kunnen "
                                     "weer veranderen."),
                       required_message=_("Vink aan dat u de ronde wilt heropenen."))


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    """Open a draft or reopen a closed round, both after a confirmation page (it says who will be mailed)."""
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    if round.status == RoundStatus.OPEN:
        return _conflict(request, round, RoundStateError(_("Deze ronde is al open.")))
    reopening = round.status == RoundStatus.CLOSED
    form = _reopen_form(request.POST if request.method == "POST" and reopening else None)
    # Opening mails everyone: only the confirmation page's button (a hidden ``confirm``) opens a draft.
    confirmed = form.is_valid() if reopening else request.POST.get("confirm") == "on"
    if request.method == "POST" and confirmed:
        pending = round.invitations.filter(revoked_at__isnull=True, sent_at__isnull=True).count()
        try:
            round_services.round_open(round=round)
        except RoundStateError as exc:
            return _conflict(request, round, exc)
        if reopening:
            messages.success(request, _("De ronde is heropend. De persoonlijke links werken weer."))
        else:
            messages.success(request, ngettext(
                "De ronde is geopend. %(count)d uitnodiging wordt per e-mail verstuurd.",
                "De ronde is geopend. %(count)d uitnodigingen worden per e-mail verstuurd.", pending,
            ) % {"count": pending})
        return redirect(round)
    pending = round.invitations.filter(revoked_at__isnull=True, sent_at__isnull=True).count()
    return render(request, "rounds/manage/round_open.html",
                  {"network": access.network, "round": round, "form": form, "reopening": reopening,
                   "pending": pending, "today": timezone.localdate()},
                  status=_form_status(request) if reopening else 200)


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    if round.status != RoundStatus.OPEN:
        message = (_("Een concept-ronde kan niet gesloten worden: open hem eerst.")
                   if round.status == RoundStatus.DRAFT else _("Deze ronde is al gesloten."))
        return _conflict(request, round, RoundStateError(message))
    form = ConfirmForm(_posted(request),
                       label=_("Ja, sluit deze ronde: de persoonlijke links werken daarna niet meer."),
                       required_message=_("Vink aan dat u de ronde wilt sluiten."))
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_close(round=round)
        except RoundStateError as exc:
            return _conflict(request, round, exc)
        messages.success(request, _("De ronde is gesloten. Ingediende antwoorden blijven bewaard."))
        return redirect(round)
    monitor = selectors.round_monitor(round=round)
    return render(request, "rounds/manage/round_close.html",
                  {"network": access.network, "round": round, "form": form, "monitor": monitor},
                  status=_form_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    action = request.POST.get("action") if request.method == "POST" else None
    members_form = InviteMembersForm(request.POST if action == "members" else None, round=round)
    email_form = InviteByEmailForm(request.POST if action == "email" else None, round=round)
    if request.method == "POST" and action not in ("members", "email"):
        messages.error(request, _("Onbekende actie. Probeer het opnieuw."))
        return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)
    if action == "members" and members_form.is_valid():
        users = [membership.user for membership in members_form.cleaned_data["memberships"]]
        if not invitation_budget_consume(user=request.user, count=len(users)):
            return _over_invitation_budget(request)
        try:
            created = invitation_services.invitations_create(round=round, users=users)
        except RoundStateError as exc:
            return _conflict(request, round, exc)
        except ValidationError as exc:
            _apply_service_errors(members_form, exc)
        else:
            messages.success(request, _invited_message(round, len(created)))
            return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)
    if action == "email" and email_form.is_valid():
        if not invitation_budget_consume(user=request.user, count=1):
            return _over_invitation_budget(request)
        try:
            invitation = invitation_services.invitation_add_by_email(
                round=round, invited_by=request.user, **email_form.cleaned_data)
        except RoundStateError as exc:
            return _conflict(request, round, exc)
        except ValidationError as exc:
            _apply_service_errors(email_form, exc)
        else:
            if isinstance(invitation, MembershipInvitation):
                messages.success(request, _(
                    "%(email)s is nog geen lid van het netwerk en heeft een uitnodiging voor het netwerk gekregen. "
                    "Zodra die is aangenomen, kunt u deze persoon voor de ronde uitnodigen.")
                    % {"email": invitation.email})
            else:
                messages.success(request, _("%(email)s is uitgenodigd.") % {"email": invitation.user.email}
                                 + " " + _invited_message(round, 1, short=True))
            return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)
    invitations = selectors.invitation_list_for_round(round=round)
    rows = []
    for invitation in invitations:
        status = selectors.invitation_status(invitation) if round.show_respondents else None
        shown = _link_may_be_shown(round, invitation, status=status)
        rows.append(InvitationRow(invitation=invitation, status=status,
                                  link=invitation_link(invitation) if shown else ""))
    context = {
        "network": access.network, "round": round, "invitations": invitations, "invitation_rows": rows,
        "members_form": members_form, "email_form": email_form,
        "active_count": sum(1 for invitation in invitations if not invitation.is_revoked),
        "duration": selectors.round_duration(round=round),
    }
    return render(request, "rounds/manage/invitations.html", context, status=_form_status(request))


def _over_invitation_budget(request: HttpRequest) -> HttpResponse:
    return too_many_requests(request, retry_after=settings.KETENREGIE_INVITATION_LIMIT["window"], message=_(
        "U hebt in het afgelopen uur te veel uitnodigingen verstuurd. Probeer het later opnieuw."))


def _link_may_be_shown(round: Round, invitation: Invitation, *, status: str | None) -> bool:
    """May the coordinator see and copy this invitee's personal link?

    While nobody has started, passing the link on by hand is useful (a mail that did not arrive). Once the
    response exists the link is in use: it is hidden, and the person asks for a resume link themselves. The
    answers are protected either way, since a started questionnaire opens only in its own browser. In an
    anonymous round, hiding the link at that moment would reveal that the person has started; there it is
    hidden once the invitation mail has gone out, which says nothing about the person.
    """
    if invitation.is_revoked:
        return False
    if round.show_respondents:
        return status == selectors.STATUS_NOT_STARTED
    return invitation.sent_at is None


def _invited_message(round: Round, count: int, *, short: bool = False) -> str:
    if round.status == RoundStatus.OPEN:
        if short:
            return _("De uitnodiging is per e-mail verstuurd.")
        return ngettext("%(count)d persoon uitgenodigd; de uitnodiging is per e-mail verstuurd.",
                        "%(count)d personen uitgenodigd; de uitnodigingen zijn per e-mail verstuurd.",
                        count) % {"count": count}
    if short:
        return _("De e-mail gaat uit zodra u de ronde opent.")
    return ngettext("%(count)d persoon uitgenodigd; de e-mail gaat uit zodra u de ronde opent.",
                    "%(count)d personen uitgenodigd; de e-mails gaan uit zodra u de ronde opent.",
                    count) % {"count": count}


@login_required
@require_POST
@invitation_ratelimit
def invitation_remind(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    raw_ids = request.POST.getlist("invitation")
    invitation_ids = None
    if raw_ids:
        try:
            invitation_ids = [int(value) for value in raw_ids]
        except ValueError:
            return render(request, "errors/400.html", status=400)
    try:
        result = invitation_services.invitations_remind(round=round, invitation_ids=invitation_ids)
    except RoundStateError as exc:
        return _conflict(request, round, exc)
    if result.reminded:
        messages.success(request, ngettext("Er is %(count)d herinnering verstuurd.",
                                           "Er zijn %(count)d herinneringen verstuurd.",
                                           result.reminded) % {"count": result.reminded})
    if result.too_recent:
        messages.warning(request, ngettext(
            "%(count)d persoon kreeg minder dan een uur geleden al een e-mail en is nu overgeslagen.",
            "%(count)d personen kregen minder dan een uur geleden al een e-mail en zijn nu overgeslagen.",
            result.too_recent) % {"count": result.too_recent})
    if result.not_needed:
        messages.info(request, _("Wie al heeft ingediend of van wie de uitnodiging is ingetrokken, krijgt "
                                 "geen herinnering."))
    if not (result.reminded or result.too_recent or result.not_needed):
        messages.info(request, _("Er is niemand om te herinneren: iedereen heeft ingediend."))
    return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, network_slug: str, round_slug: str, pk: int) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    invitation = selectors.invitation_get(round=round, pk=pk)
    try:
        invitation_services.invitation_revoke(invitation=invitation)
    except RoundStateError as exc:
        return _conflict(request, round, exc)
    messages.success(request, _("De uitnodiging van %(email)s is ingetrokken; de link werkt niet meer.")
                     % {"email": invitation.user.email})
    return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)


@login_required
@require_POST
@invitation_ratelimit
def invitation_reissue(request: HttpRequest, network_slug: str, round_slug: str, pk: int) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    invitation = selectors.invitation_get(round=round, pk=pk)
    try:
        invitation_services.invitation_reissue(invitation=invitation)
    except RoundStateError as exc:
        return _conflict(request, round, exc)
    if round.status == RoundStatus.OPEN:
        message = _("%(email)s krijgt een nieuwe link per e-mail; de oude link werkt niet meer.")
    else:
        message = _("%(email)s heeft een nieuwe link; de e-mail gaat uit zodra u de ronde opent.")
    messages.success(request, message % {"email": invitation.user.email})
    return redirect("rounds:invitations", network_slug=access.network.slug, round_slug=round.slug)


@login_required
@require_http_methods(["GET"])
def round_monitor(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round_for(request, network_slug, round_slug, coordinator=True)
    monitor = selectors.round_monitor(round=round)
    context = {"network": access.network, "round": round, "monitor": monitor,
               "charts": _monitor_charts(monitor)}
    return render(request, "rounds/manage/monitor.html", context)


def _monitor_charts(monitor: selectors.MonitorData) -> dict[str, str]:
    """SVG charts of the response; the tables beside them carry the same numbers."""
    total = monitor.total
    charts = {
        "total": stacked_bar(
            segments=[(_("Ingediend"), total.submitted), (_("Bezig"), total.in_progress),
                      (_("Nog niet begonnen"), total.not_started)],
            total=total.invited,
            title=_("Respons"),
            desc=_("Ingediend: %(submitted)d van %(invited)d uitgenodigden; nog bezig: %(progress)d.")
            % {"submitted": total.submitted, "invited": total.invited, "progress": total.in_progress},
            decimal_separator=decimal_separator(),
            chart_id="monitor-total",
        ),
    }
    rows = monitor.per_organisation.rows
    if rows and not monitor.per_organisation.hidden:
        charts["organisations"] = horizontal_bar_chart(
            bars=[(row.label, row.rate) for row in rows],
            title=_("Respons per partnerorganisatie"),
            desc=_("Percentage ingediend van de uitgenodigden per partnerorganisatie; de tabel eronder geeft "
                   "de aantallen."),
            decimal_separator=decimal_separator(),
            chart_id="monitor-organisations",
        )
    return charts
