"""Workshop, presenter view, action plan and next measurement of a network's rounds.

Access as everywhere (networks.access): outside the network 404, members read, coordinators write (403 for a
member who posts). A refused form comes back with status 400; a workshop for a round that is not closed is a
409 with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditAction
from audit.services import audit_record
from core.i18n import language_code
from networks.access import NetworkAccess, network_access
from reports import views as report_views
from reports.pdf import ReportRenderError
from research.writers import CsvDialect
from rounds import selectors as round_selectors
from rounds.models import Round

from . import exports, pack, selectors, services
from . import presenter as presenter_parts
from .forms import ActionForm, AgreementForm, NextMeasurementForm
from .models import Topic


def _round(request: HttpRequest, network_slug: str, round_slug: str, *, write: bool) -> tuple[NetworkAccess, Round]:
    access = network_access(request, network_slug, coordinator=write)
    round = round_selectors.round_get(network=access.network, slug=round_slug, include_drafts=access.is_coordinator)
    return access, round


def _conflict(request: HttpRequest, round: Round, exc: ValidationError) -> HttpResponse:
    return render(request, "rounds/manage/conflict.html",
                  {"round": round, "network": round.network, "problem": " ".join(exc.messages)}, status=409)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _workshop_url(round: Round) -> str:
    return reverse("improvement:workshop", args=[round.network.slug, round.slug])


@login_required
@require_http_methods(["GET", "POST"])
def workshop(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round(request, network_slug, round_slug, write=request.method == "POST")
    if request.method == "POST":
        try:
            services.workshop_prepare(round=round, user=request.user)
        except ValidationError as exc:
            return _conflict(request, round, exc)
        messages.success(request, _("De agenda is voorgesteld. Zet de punten in de volgorde die u wilt of "
                                    "haal punten weg."))
        return redirect(_workshop_url(round))
    found = selectors.workshop_for_round(round=round)
    topics = selectors.workshop_topics(workshop=found) if found else []
    labels = None
    if topics:
        from results.selectors import instrument_labels  # noqa: PLC0415 - only when there is something to name
        labels = instrument_labels(instrument_id=round.instrument_id)
    rows = [{"topic": topic, "label": labels.item(topic.code) if labels else topic.code} for topic in topics]
    return render(request, "improvement/workshop.html", {
        "network": access.network, "round": round, "access": access, "workshop": found, "rows": rows,
        "next_measurement": selectors.next_measurement_for_round(round=round),
    })


def _topic(request: HttpRequest, network_slug: str, round_slug: str, pk: int, *, write: bool
           ) -> tuple[NetworkAccess, Round, Topic]:
    access, round = _round(request, network_slug, round_slug, write=write)
    found = selectors.workshop_for_round(round=round)
    if found is None:
        raise Http404
    return access, round, selectors.topic_get(workshop=found, pk=pk)


@login_required
@require_POST
def topic_move(request: HttpRequest, network_slug: str, round_slug: str, pk: int) -> HttpResponse:
    _access, round, topic = _topic(request, network_slug, round_slug, pk, write=True)
    order = [t.pk for t in selectors.workshop_topics(workshop=topic.workshop)]
    index = order.index(topic.pk)
    other = index + 1 if request.POST.get("direction") == "down" else index - 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        services.workshop_agenda_set(workshop=topic.workshop, topic_ids=order, user=request.user)
    return redirect(_workshop_url(round) + f"#topic-{topic.pk}")


@login_required
@require_POST
def topic_remove(request: HttpRequest, network_slug: str, round_slug: str, pk: int) -> HttpResponse:
    _access, round, topic = _topic(request, network_slug, round_slug, pk, write=True)
    order = [t.pk for t in selectors.workshop_topics(workshop=topic.workshop) if t.pk != topic.pk]
    services.workshop_agenda_set(workshop=topic.workshop, topic_ids=order, user=request.user)
    messages.success(request, _("Het punt is van de agenda gehaald."))
    return redirect(_workshop_url(round))


@login_required
@require_http_methods(["GET", "POST"])
def presenter(request: HttpRequest, network_slug: str, round_slug: str, number: int) -> HttpResponse:
    """One topic per page (number = its place on the agenda); the coordinator records the agreed score here."""
    access, round = _round(request, network_slug, round_slug, write=request.method == "POST")
    found = selectors.workshop_for_round(round=round)
    topics = selectors.workshop_topics(workshop=found) if found else []
    if not 1 <= number <= len(topics):
        raise Http404
    topic = topics[number - 1]
    slide = selectors.topic_slide(round=round, topic=topic)
    initial = {"rationale": topic.rationale}
    if topic.no_agreement:
        initial["agreed"] = "none"
    elif topic.agreed_value is not None:
        initial["agreed"] = str(topic.agreed_value)
    form = AgreementForm(request.POST if request.method == "POST" else None, choices=slide.choices,
                         initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            agreed_value, no_agreement = form.values()
            try:
                services.topic_decide(topic=topic, agreed_value=agreed_value, no_agreement=no_agreement,
                                      rationale=form.cleaned_data["rationale"], user=request.user)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("De afspraak is bewaard."))
                target = number + 1 if number < len(topics) else number
                return redirect("improvement:presenter", network_slug=access.network.slug, round_slug=round.slug,
                                number=target)
        status = 400
    return render(request, "improvement/presenter.html", {
        "network": access.network, "round": round, "access": access, "slide": slide, "form": form,
        "number": number, "count": len(topics),
        "advice": presenter_parts.topic_advice(topic_code=topic.code),
        "groups": presenter_parts.topic_groups(round=round, topic_code=topic.code),
        "previous": number - 1 if number > 1 else None, "next": number + 1 if number < len(topics) else None,
    }, status=status)


@login_required
@require_http_methods(["GET"])
def action_list(request: HttpRequest, network_slug: str) -> HttpResponse:
    access = network_access(request, network_slug)
    return render(request, "improvement/actions.html", {
        "network": access.network, "access": access,
        "actions": selectors.actions_for_network(network=access.network),
    })


def _action_values(form) -> dict:
    return {key: form.cleaned_data[key] for key in form.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    """Prefilled from a workshop topic (?topic=pk) or an advice block (?target=code&what=...)."""
    access, round = _round(request, network_slug, round_slug, write=True)
    topic = None
    topic_pk = request.GET.get("topic") or request.POST.get("topic")
    found = selectors.workshop_for_round(round=round)
    if topic_pk and found is not None and str(topic_pk).isdigit():
        topic = selectors.topic_get(workshop=found, pk=int(topic_pk))
    initial = {"target_code": request.GET.get("target", "")[:40], "what": request.GET.get("what", "")[:300]}
    if topic is not None:
        initial["target_code"] = topic.code.removesuffix(".presence")
    form = ActionForm(request.POST if request.method == "POST" else None, network=access.network,
                      instrument_id=round.instrument_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(round=round, user=request.user, topic=topic, **_action_values(form))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("De actie staat in het actieplan."))
            return redirect("improvement:actions", network_slug=access.network.slug)
    return render(request, "improvement/action_form.html", {
        "network": access.network, "round": round, "form": form, "topic": topic, "action": None,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, network_slug: str, pk: int) -> HttpResponse:
    access = network_access(request, network_slug, coordinator=True)
    action = selectors.action_get(network=access.network, pk=pk)
    form = ActionForm(request.POST if request.method == "POST" else None, network=access.network,
                      instrument_id=action.round.instrument_id, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=selectors.action_get(network=access.network, pk=pk), user=request.user,
                                   **_action_values(form))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("De actie is bijgewerkt."))
            return redirect("improvement:actions", network_slug=access.network.slug)
    return render(request, "improvement/action_form.html", {
        "network": access.network, "round": action.round, "form": form, "topic": action.topic, "action": action,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def next_measurement(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access, round = _round(request, network_slug, round_slug, write=True)
    current = selectors.next_measurement_for_round(round=round)
    form = NextMeasurementForm(request.POST if request.method == "POST" else None,
                               initial={"due_on": current.due_on} if current else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.next_measurement_set(round=round, user=request.user, months=form.cleaned_data["months"],
                                          due_on=form.cleaned_data["due_on"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("De volgende meting is vastgelegd. U krijgt vooraf een herinnering."))
            return redirect(_workshop_url(round))
    return render(request, "improvement/next_measurement.html", {
        "network": access.network, "round": round, "form": form, "current": current,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def round_copy(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    """'Copy this round's set-up' into a new draft round for the next measurement."""
    _access, round = _round(request, network_slug, round_slug, write=True)
    try:
        new = services.round_copy_setup(round=round, user=request.user)
    except ValidationError as exc:
        return _conflict(request, round, exc)
    messages.success(request, _("De opzet is gekopieerd naar een nieuwe conceptronde. Nodig de deelnemers uit en "
                                "open de ronde als het zover is."))
    return redirect(new)


@login_required
@require_http_methods(["GET"])
def action_export(request: HttpRequest, network_slug: str, format: str) -> HttpResponse:
    """The plan as CSV (semicolons and a BOM for Dutch Excel) or XLSX; members may download what they may read."""
    access = network_access(request, network_slug)
    if format not in ("csv", "xlsx"):
        raise Http404
    actions = selectors.actions_for_network(network=access.network)
    if format == "xlsx":
        content = exports.action_plan_xlsx(actions=actions)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.action_plan_csv(actions=actions, dialect=CsvDialect(bom=True, semicolon=True))
        content_type = "text/csv; charset=utf-8"
    audit_record(action=AuditAction.EXPORT, actor=request.user, request=request,
                 target=f"actieplan {access.network.slug}", details={"format": format})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="actieplan-{access.network.slug}.{format}"'
    return response


@login_required
@require_http_methods(["GET"])
def workshop_pack(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    """The printable pack (A4 PDF) for groups that meet without a screen; members may print it too.

    Made by the report worker: 202 "wordt gemaakt" (the page reloads itself) until the file of this version of
    the pack is there, then the file; 503 with the reason when the render failed.
    """
    access, round = _round(request, network_slug, round_slug, write=False)
    found = selectors.workshop_for_round(round=round)
    if found is None:
        raise Http404
    try:
        outcome = pack.pack_pdf_get(round=round, workshop=found, language=language_code())
    except ReportRenderError as exc:
        return report_views.pdf_render_failed(request, round=round, exc=exc, pack=True)
    return report_views.pdf_outcome_response(
        request, round=round, outcome=outcome, pack=True,
        on_handout=lambda: audit_record(action=AuditAction.EXPORT, actor=request.user, request=request,
                                        target=f"werkmap {access.network.slug}/{round.slug}",
                                        details={"format": "pdf"}))
