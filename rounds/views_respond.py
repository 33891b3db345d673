"""Respondent side: the personal token link, profile, page by page, autosave, review, submit, overview.

Views stay thin: ``respondent_access`` decides what a link may do, ``questionnaire`` knows the pages,
``services.responses`` writes. Every refusal is a page (or JSON for autosave) with a clear message and a
4xx status; the respondent's input is re-rendered, never dropped.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import too_many_requests
from networks.models import Membership, Organisation

from . import selectors
from .forms_respond import PageForm, ProfileForm, page_rows
from .models import Invitation
from .questionnaire import (
    Page,
    Questionnaire,
    overview_sections,
    page_comments,
    page_data_get,
    progress_per_page,
    questionnaire_for_round,
    response_values,
)
from .respond_access import (
    RESUME_MAX_AGE,
    LinkProblem,
    RespondentAccess,
    ResumeLinkExpired,
    ResumeLinkInvalid,
    claim_held,
    claim_remember,
    claims_cookie_write,
    is_invitee,
    mask_email,
    respondent_access,
    resume_signature_check,
)
from .services import responses as services
from .services.responses import PageSaveResult, ResponseLocked, ResumeMailRefused, RoundNotOpen


def _problem(request: HttpRequest, problem: LinkProblem, *, as_json: bool) -> HttpResponse:
    if as_json:
        return JsonResponse({"ok": False, "error": problem.code, "message": problem.message}, status=problem.status)
    return render(request, "rounds/respond/link_problem.html", {"problem": problem}, status=problem.status)


def _elsewhere_message() -> str:
    return _("Deze vragenlijst is al begonnen in een andere browser. Om de antwoorden te beschermen, opent hij "
             "alleen in de browser waarin hij is begonnen.")


def _elsewhere(request: HttpRequest, access: RespondentAccess, *, as_json: bool = False, status: int = 403,
               problem: str = "") -> HttpResponse:
    """The questionnaire is started in another browser: offer a resume link by mail, show nothing of it."""
    if as_json:
        return JsonResponse({"ok": False, "error": "elsewhere", "message": _elsewhere_message()}, status=status)
    context = {"round": access.round, "token": access.invitation.token, "problem": problem,
               "masked_email": mask_email(access.invitation.user.email),
               "login_url": f"{reverse('login')}?{urlencode({'next': _url('respond', access)})}"}
    return render(request, "rounds/respond/elsewhere.html", context, status=status)


def _admitted(request: HttpRequest, access: RespondentAccess) -> bool:
    """This browser holds the claim, or the invitee is logged in (the claim then moves here)."""
    if claim_held(request=request, response=access.started):
        return True
    if is_invitee(request=request, invitation=access.invitation):
        # Logging in proves who this is: any browser that opened the link before them is shut out now.
        services.response_claim_move(response=access.started)
        claim_remember(request=request, response=access.started)
        return True
    return False


def _not_started(request: HttpRequest, access: RespondentAccess, *, as_json: bool) -> HttpResponse:
    """Nothing is started yet: the start page (GET of the link itself), or a way back to it; nothing is written."""
    if as_json:
        return JsonResponse({"ok": False, "error": "not_started", "message": _(
            "Deze vragenlijst is nog niet gestart. Open uw persoonlijke link en kies “Start de vragenlijst”.")},
            status=409)
    return redirect(_url("respond", access))


def _start_page(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    return render(request, "rounds/respond/start.html", {
        "round": access.round, "token": access.invitation.token,
        "duration": selectors.round_duration(round=access.round)})


def respondent_view(*, as_json: bool = False, write: bool | None = None, starts: bool = False):
    """Resolve the token and the claim before the view runs; refusals become a clear page (or JSON), 4xx.

    ``write`` None means: POST writes, GET reads. The response is created only by a POST to the start view
    (``starts``: the "Start de vragenlijst" button); the browser creating it holds its claim. Until then every
    GET is free of side effects (a mail scanner or link preview fetching the link claims nothing): the link
    itself shows the start page, the other pages lead back to it. Once the response exists every view below
    can rely on ``access.response``; any other browser gets the "started elsewhere" page (403), never the
    answers.
    """

    def decorator(view):
        @wraps(view)
        @never_cache  # personal answers: never kept by shared caches, and "back" reloads the saved state
        def wrapper(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
            writes = request.method == "POST" if write is None else write
            try:
                access = respondent_access(token=token, write=writes)
            except LinkProblem as problem:
                return _problem(request, problem, as_json=as_json)
            if access.response is None:
                if not (starts and request.method == "POST"):
                    if starts:
                        return _start_page(request, access)
                    return _not_started(request, access, as_json=as_json)
                access.response, created = services.response_start(invitation=access.invitation)
                if created:
                    claim_remember(request=request, response=access.response)
            if not _admitted(request, access):
                return _elsewhere(request, access, as_json=as_json)
            return claims_cookie_write(request=request, http_response=view(request, access, **kwargs))

        return wrapper

    return decorator


def _page_url(access: RespondentAccess, key: str) -> str:
    return reverse("rounds:respond_page", kwargs={"token": access.invitation.token, "page": key})


def _url(name: str, access: RespondentAccess) -> str:
    return reverse(f"rounds:{name}", kwargs={"token": access.invitation.token})


def _unknown_page(request: HttpRequest, access: RespondentAccess, *, as_json: bool = False) -> HttpResponse:
    problem = LinkProblem(status=404, code="unknown_page", title=_("Deze pagina bestaat niet"), round=access.round,
                          message=_("Deze vragenlijst heeft geen pagina met deze naam. Ga verder via uw "
                                    "persoonlijke link."))
    return _problem(request, problem, as_json=as_json)


def _context(access: RespondentAccess, questionnaire: Questionnaire, **extra) -> dict:
    return {"access": access, "round": access.round, "response": access.response, "token": access.invitation.token,
            "questionnaire": questionnaire, **extra}


@login_required
@require_GET
def my_responses(request: HttpRequest) -> HttpResponse:
    invitations = (
        Invitation.objects.filter(user=request.user.pk)
        .select_related("round__network", "response")
        .order_by("-created_at")
    )
    return render(request, "rounds/respond/my_responses.html", {"invitations": invitations})


@require_http_methods(["GET", "POST"])
@respondent_view(starts=True)
def respond_start(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    """The personal link. Before anything started: the start page (GET) and its button (POST, creates the response
    and claims this browser). After that: resume where the respondent left off (profile first, then the last page,
    the overview once submitted)."""
    response = access.started
    if response.is_submitted:
        return redirect(_url("respond_overview", access))
    if not access.round.is_open:
        return redirect(_url("respond_review", access))
    if not response.profile_confirmed:
        return redirect(_url("respond_profile", access))
    questionnaire = questionnaire_for_round(round=access.round)
    page = questionnaire.page(response.last_page) or questionnaire.first
    if page is None:
        return redirect(_url("respond_review", access))
    return redirect(_page_url(access, page.key))


@require_http_methods(["GET", "POST"])
@respondent_view()
def respond_profile(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    response = access.started
    if response.is_submitted:
        messages.info(request, _("Uw antwoorden zijn ingediend. Heropen de vragenlijst om uw gegevens te wijzigen."))
        return redirect(_url("respond_overview", access))
    organisations = Organisation.objects.filter(partnerships__network=access.round.network).order_by("name")
    membership = Membership.objects.filter(network=access.round.network, user_id=access.invitation.user_id).first()
    form = ProfileForm(request.POST or None, organisations=organisations,
                       initial=ProfileForm.initial_for(response=response, membership=membership))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.response_confirm_profile(response=response, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                questionnaire = questionnaire_for_round(round=access.round)
                page = questionnaire.page(response.last_page) or questionnaire.first
                return redirect(_page_url(access, page.key) if page else _url("respond_review", access))
        status = 400
    return render(request, "rounds/respond/profile.html",
                  {"access": access, "round": access.round, "response": response, "form": form}, status=status)


def _save_from_form(access: RespondentAccess, form: PageForm, page: Page, *, next_page: str) -> PageSaveResult:
    return services.page_save(response=access.started, page=page, revision=form.revision_value(),
                              values=form.answers(), comment=form.comment_value(), next_page=next_page)


def _nav_target(request: HttpRequest, access: RespondentAccess, questionnaire: Questionnaire,
                page: Page) -> tuple[str, str]:
    """(url, page key to resume at) for the button the respondent pressed."""
    nav = request.POST.get("nav", "stay")
    target = None
    if nav == "next":
        target = questionnaire.next(page)
        if target is None:
            return _url("respond_review", access), page.key
    elif nav == "prev":
        target = questionnaire.previous(page)
        if target is None:
            return _url("respond_profile", access), page.key
    elif nav == "review":
        return _url("respond_review", access), page.key
    target = target or page
    return _page_url(access, target.key), target.key


def _render_page(request: HttpRequest, access: RespondentAccess, questionnaire: Questionnaire, page: Page,
                 form: PageForm, *, revision: int, saved_at=None, status: int = 200,
                 conflict: PageSaveResult | None = None, notice: str = "") -> HttpResponse:
    readonly = not access.can_change
    context = _context(
        access, questionnaire, page=page, form=form, revision=revision, readonly=readonly,
        groups=page_rows(form=form, server_values=conflict.server_values if conflict else None),
        conflict=conflict, notice=notice,
        comment_conflict=bool(conflict and form.comment_value() is not None
                              and form.comment_value() != conflict.server_comment),
        previous_page=questionnaire.previous(page), next_page=questionnaire.next(page),
        saved_at_ms=int(saved_at.timestamp() * 1000) if saved_at else 0,
        autosave_url=reverse("rounds:respond_autosave", kwargs={"token": access.invitation.token, "page": page.key}),
        error_list=form.error_summary() if form.is_bound else [],
    )
    return render(request, "rounds/respond/page.html", context, status=status)


@require_http_methods(["GET", "POST"])
@respondent_view()
def respond_page(request: HttpRequest, access: RespondentAccess, page: str) -> HttpResponse:
    questionnaire = questionnaire_for_round(round=access.round)
    page_def = questionnaire.page(page)
    if page_def is None:
        return _unknown_page(request, access)
    response = access.started
    if not response.profile_confirmed and access.can_change:
        messages.info(request, _("Bevestig eerst uw gegevens; daarna begint de vragenlijst."))
        return redirect(_url("respond_profile", access))
    if request.method == "GET":
        data = page_data_get(response=response, page=page_def)
        initial = {"page": page_def.key, "revision": data.revision, "comment": data.comment}
        initial.update({f"item-{code}": "dk" if value is None else str(value) for code, value in data.values.items()})
        form = PageForm(page=page_def, questionnaire=questionnaire, initial=initial)
        if access.can_change and response.last_page != page_def.key:
            services.response_set_last_page(response=response, page_key=page_def.key)
        return _render_page(request, access, questionnaire, page_def, form, revision=data.revision,
                            saved_at=data.saved_at)

    form = PageForm(request.POST, page=page_def, questionnaire=questionnaire)
    url, resume_key = _nav_target(request, access, questionnaire, page_def)
    if response.is_submitted:
        current = page_data_get(response=response, page=page_def)
        return _render_page(request, access, questionnaire, page_def, form, revision=current.revision, status=409,
                            notice=_("Uw antwoorden zijn al ingediend en zijn niet gewijzigd. Heropen de "
                                     "vragenlijst om iets te veranderen."))
    try:
        result = _save_from_form(access, form, page_def, next_page=resume_key)
    except ResponseLocked as exc:
        access.started.submitted_at = access.started.submitted_at or timezone.now()
        current = page_data_get(response=response, page=page_def)
        return _render_page(request, access, questionnaire, page_def, form, revision=current.revision, status=409,
                            notice=" ".join(exc.messages))
    except RoundNotOpen as exc:
        return _problem(request, LinkProblem(status=403, code="closed", title=_("Deze ronde is gesloten"),
                                             message=" ".join(exc.messages), round=access.round), as_json=False)
    if result.conflict:
        return _render_page(request, access, questionnaire, page_def, form, revision=result.revision, status=409,
                            saved_at=result.saved_at, conflict=result)
    if not form.is_valid():
        return _render_page(request, access, questionnaire, page_def, form, revision=result.revision, status=400,
                            saved_at=result.saved_at)
    if request.POST.get("nav") == "later":
        messages.success(request, _("Uw antwoorden zijn opgeslagen. U kunt de pagina sluiten en later verdergaan "
                                    "via dezelfde persoonlijke link."))
    return redirect(url)


@require_POST
@respondent_view(as_json=True)
def respond_autosave(request: HttpRequest, access: RespondentAccess, page: str) -> HttpResponse:
    questionnaire = questionnaire_for_round(round=access.round)
    page_def = questionnaire.page(page)
    if page_def is None:
        return _unknown_page(request, access, as_json=True)
    if access.started.is_submitted:
        return JsonResponse({"ok": False, "error": "submitted",
                             "message": _("Uw antwoorden zijn al ingediend. Heropen de vragenlijst om iets te "
                                          "wijzigen.")}, status=409)
    form = PageForm(request.POST, page=page_def, questionnaire=questionnaire)
    try:
        result = _save_from_form(access, form, page_def, next_page=page_def.key)
    except OperationalError:
        # The database is busy (SQLite: another writer held the lock past the busy timeout). Nothing was written;
        # the script keeps the input and sends it again.
        busy = JsonResponse({"ok": False, "error": "busy", "message": _(
            "Uw antwoorden konden even niet worden opgeslagen, omdat het systeem druk bezig is. Ze staan nog op het "
            "scherm en worden zo opnieuw verstuurd.")}, status=503)
        busy["Retry-After"] = "5"
        return busy
    except ResponseLocked as exc:
        return JsonResponse({"ok": False, "error": "submitted", "message": " ".join(exc.messages)}, status=409)
    except RoundNotOpen as exc:
        return JsonResponse({"ok": False, "error": "closed", "message": " ".join(exc.messages)}, status=403)
    if result.conflict:
        return JsonResponse({
            "ok": False, "conflict": True, "revision": result.revision,
            "message": _("Deze pagina is intussen ergens anders opgeslagen (in een ander tabblad of op een ander "
                         "apparaat). Uw invoer staat nog op het scherm; kies “Verschillen bekijken”."),
        }, status=409)
    payload: dict[str, object] = {
        "ok": form.is_valid(), "revision": result.revision,
        "saved_at": result.saved_at.isoformat() if result.saved_at else None,
        "saved_at_display": formats.time_format(timezone.localtime(result.saved_at), "H:i")
        if result.saved_at else "",
    }
    if not form.is_valid():
        payload["errors"] = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        return JsonResponse(payload, status=400)
    return JsonResponse(payload)


@require_GET
@respondent_view()
def respond_review(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    questionnaire = questionnaire_for_round(round=access.round)
    values = response_values(response=access.started, questionnaire=questionnaire)
    progress = progress_per_page(questionnaire=questionnaire, values=values)
    sections = [(section, [p for p in progress if p.page.module_code == section.code])
                for section in questionnaire.sections]
    unanswered = sum(p.unanswered for p in progress)
    context = _context(access, questionnaire, sections=sections, unanswered=unanswered,
                       answered=sum(p.answered for p in progress), total=questionnaire.item_count,
                       readonly=not access.can_change)
    return render(request, "rounds/respond/review.html", context)


@require_POST
@respondent_view()
def respond_submit(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    response = access.started
    if not response.profile_confirmed:
        messages.info(request, _("Bevestig eerst uw gegevens; daarna kunt u indienen."))
        return redirect(_url("respond_profile", access))
    if response.is_submitted:
        messages.info(request, _("Uw antwoorden waren al ingediend; er is niets veranderd."))
        return redirect(_url("respond_overview", access))
    questionnaire = questionnaire_for_round(round=access.round)
    values = response_values(response=response, questionnaire=questionnaire)
    unanswered = questionnaire.item_count - len(values)
    if values and unanswered and request.POST.get("confirm_incomplete") != "on":
        messages.warning(request, ngettext(
            "Er staat nog %(count)d vraag open. Vink aan dat u toch wilt indienen, of beantwoord hem eerst.",
            "Er staan nog %(count)d vragen open. Vink aan dat u toch wilt indienen, of beantwoord ze eerst.",
            unanswered) % {"count": unanswered})
        return redirect(_url("respond_review", access))
    try:
        services.response_submit(response=response)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_url("respond_review", access))
    messages.success(request, _("Dank u wel! Uw antwoorden zijn ingediend. Tot de ronde sluit, kunt u ze nog "
                                "heropenen en wijzigen."))
    return redirect(_url("respond_overview", access))


@require_POST
@respondent_view()
def respond_reopen(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    response = access.started
    if response.is_submitted:
        try:
            services.response_reopen(response=response)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(_url("respond_overview", access))
        messages.success(request, _("De vragenlijst is heropend. Vergeet niet opnieuw in te dienen."))
    return redirect(_url("respond_review", access))


@require_GET
@respondent_view()
def respond_overview(request: HttpRequest, access: RespondentAccess) -> HttpResponse:
    response = access.started
    if not response.is_submitted:
        messages.info(request, _("Uw persoonlijk overzicht verschijnt zodra u uw antwoorden hebt ingediend."))
        return redirect(_url("respond_review", access))
    questionnaire = questionnaire_for_round(round=access.round)
    values = response_values(response=response, questionnaire=questionnaire)
    comments = page_comments(response=response, keys=[p.key for p in questionnaire.pages])
    context = _context(access, questionnaire,
                       sections=overview_sections(questionnaire=questionnaire, values=values, comments=comments))
    return render(request, "rounds/respond/overview.html", context)


# --- Started in another browser: resume by a mailed link ---------------------------------------------------


def _token_access(request: HttpRequest, token: str) -> RespondentAccess | HttpResponse:
    """The token's access without creating a response; a refusal comes back as the page to show."""
    try:
        return respondent_access(token=token)
    except LinkProblem as problem:
        return _problem(request, problem, as_json=False)


@require_POST
@never_cache
def respond_resume_request(request: HttpRequest, token: str) -> HttpResponse:
    """Mail the invitee a resume link. The page says where it went (masked), and nothing else."""
    access = _token_access(request, token)
    if isinstance(access, HttpResponse):
        return access
    if access.response is None or claim_held(request=request, response=access.response) or is_invitee(
            request=request, invitation=access.invitation):
        return redirect(_url("respond", access))
    try:
        services.response_resume_mail(invitation=access.invitation, response=access.response)
    except ResumeMailRefused as exc:
        if exc.code == "limit":
            return too_many_requests(request, retry_after=exc.retry_after, message=" ".join(exc.messages))
        status = 409 if exc.code == "no_address" else 503
        return _elsewhere(request, access, status=status, problem=" ".join(exc.messages))
    return render(request, "rounds/respond/resume_sent.html",
                  {"round": access.round, "masked_email": mask_email(access.invitation.user.email),
                   "hours": RESUME_MAX_AGE // 3600})


@require_http_methods(["GET", "POST"])
@never_cache
def respond_resume(request: HttpRequest, token: str, signature: str) -> HttpResponse:
    """The mailed resume link: GET asks to confirm, POST gives this browser the claim and resumes.

    The confirmation step is there because mail scanners open links on their own; a GET that moved the claim
    would use up the one-time link before the invitee got to it.
    """
    access = _token_access(request, token)
    if isinstance(access, HttpResponse):
        return access
    if access.response is None or claim_held(request=request, response=access.response) or is_invitee(
            request=request, invitation=access.invitation):
        return redirect(_url("respond", access))  # a second click, or nothing to resume: no link is used up
    try:
        resume_signature_check(token=token, response=access.response, signature=signature)
    except ResumeLinkExpired:
        return _elsewhere(request, access, status=410, problem=_(
            "Deze link om verder te gaan is verlopen: hij is %(hours)d uur geldig. Vraag hieronder een nieuwe "
            "aan.") % {"hours": RESUME_MAX_AGE // 3600})
    except ResumeLinkInvalid:
        return _elsewhere(request, access, status=400, problem=_(
            "Deze link om verder te gaan werkt niet (meer): hij is al gebruikt, vervangen door een nieuwere, of "
            "niet volledig overgenomen uit de e-mail. Vraag hieronder een nieuwe aan."))
    if request.method == "GET":
        return render(request, "rounds/respond/resume_confirm.html", {"round": access.round})
    services.response_claim_move(response=access.response)
    claim_remember(request=request, response=access.response)
    messages.success(request, _("U kunt verder met de vragenlijst, in deze browser."))
    return claims_cookie_write(request=request, http_response=redirect(_url("respond", access)))
