"""Results of a round: the network dashboard, the personal comparison, the JSON, and the import of paper responses.

Who sees what (docs/network_scores.md, "Who sees the results"): people outside the network get 404; members see
a round's results once it is closed, coordinators (and superusers) also while it runs, labelled provisional.
Below the minimum group size nobody sees scores on these pages, because with one or two respondents the
"network" result is their individual answers. Nobody sees another person's answers: the personal page looks up
the asking user's own response only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.i18n import language_code
from improvement import selectors as improvement_selectors
from networks.access import NetworkAccess, network_access
from rounds.models import Round
from rounds.results_gate import results_not_readable
from rounds.selectors import RoundResultsNotReadable, round_for_viewer, round_get
from scoring import respondent_view

from . import dashboard as presenters
from . import selectors, services
from .forms import ImportForm
from .labels import InstrumentLabels
from .models import ImportJob

# Room for the multipart envelope around a file of the maximum size.
_UPLOAD_OVERHEAD = 64 * 1024


def _results_round(request: HttpRequest, network_slug: str, round_slug: str) -> tuple[NetworkAccess, Round]:
    """404 outside the network; RoundResultsNotReadable for a draft, and for members while the round is open."""
    access = network_access(request, network_slug)
    return access, round_for_viewer(access=access, slug=round_slug)


def _labels(round: Round) -> InstrumentLabels:
    return selectors.instrument_labels(instrument_id=round.instrument_id)


@login_required
@require_GET
def results_latest(request: HttpRequest, network_slug: str) -> HttpResponse:
    access = network_access(request, network_slug)
    round = selectors.round_latest_with_results(network=access.network, include_open=access.is_coordinator)
    if round is None:
        return render(request, "results/none.html", {"network": access.network, "access": access})
    return redirect("results:dashboard", network_slug=access.network.slug, round_slug=round.slug)


@login_required
@require_GET
def dashboard(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    try:
        access, round = _results_round(request, network_slug, round_slug)
    except RoundResultsNotReadable as error:
        return results_not_readable(request, error=error, what="results")
    history = selectors.rounds_trend_scores(round=round)
    scores = history[-1][1]
    previous = history[-2][1] if len(history) > 1 else None
    context = {
        "network": access.network, "round": round, "access": access, "scores": scores,
        "provisional": not round.is_closed, "rate": selectors.round_response_rate(round=round),
        "agreed": improvement_selectors.agreed_rows(round=round),
    }
    if scores.reportable:
        labels = _labels(round)
        context.update({
            "overview": presenters.overview(scores=scores, labels=labels,
                                            previous=previous if previous and previous.reportable else None),
            "matrix": presenters.matrix(scores=scores, labels=labels),
            "quadrant_explanations": presenters.quadrant_explanations(),
            "quadrant_labels": presenters.quadrant_labels(),
            "phases": presenters.phases(scores=scores, labels=labels),
            "phase_profile": presenters.phase_profile(scores=scores, labels=labels),
            "challenges": presenters.challenges(scores=scores, labels=labels),
            "breakdowns": presenters.breakdowns(scores=scores, labels=labels),
            "disputed": presenters.disputed_rows(scores=scores, labels=labels),
            "dimensions": presenters.dimension_rows(scores=scores, labels=labels),
            "trend": presenters.trend(history=history, labels=labels) if len(history) > 1 else None,
        })
    return render(request, "results/dashboard.html", context)


@login_required
@require_GET
def results_mine(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    try:
        access, round = _results_round(request, network_slug, round_slug)
    except RoundResultsNotReadable as error:
        return results_not_readable(request, error=error, what="results")
    context = {"network": access.network, "round": round, "access": access, "provisional": not round.is_closed}
    own = selectors.respondent_for_user(round=round, user=request.user)
    if own is not None:
        specs = selectors.round_item_specs(round=round)
        scores = selectors.round_scores(round=round)
        view = respondent_view(respondent=own, items=specs, scores=scores)
        context.update({
            "own": presenters.personal(view=view, scores=scores, labels=_labels(round),
                                       show_network=scores.reportable),
            "scores": scores,
            "submitted": selectors.own_response_submitted(round=round, user=request.user),
        })
    return render(request, "results/mine.html", context)


@login_required
@require_GET
def results_json(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    try:
        _access, round = _results_round(request, network_slug, round_slug)
    except RoundResultsNotReadable as error:
        message = (_("Deze ronde is nog een concept: er zijn nog geen resultaten.") if error.reason == "draft"
                   else _("De resultaten van deze ronde zijn zichtbaar zodra de ronde gesloten is."))
        return JsonResponse({"error": message, "reason": error.reason}, status=403)
    scores = selectors.round_scores(round=round)
    if scores.reportable:
        data = scores.to_dict()
    else:
        # Below the minimum group size the "network" numbers are one or two people's answers: counts only.
        data = {key: value for key, value in scores.to_dict().items()
                if key in ("format_version", "respondents", "reportable", "min_group_size")}
    data.update({"network": round.network.slug, "round": round.slug, "round_status": round.status,
                 "provisional": not round.is_closed})
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@login_required
@require_http_methods(["GET", "POST"])
def responses_upload(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access = network_access(request, network_slug, coordinator=True)
    round = round_get(network=access.network, slug=round_slug, include_drafts=True)
    context = {"network": access.network, "round": round, "problems": [],
               "max_mb": services.MAX_IMPORT_BYTES // (1024 * 1024)}
    if request.method == "POST":
        # Refuse an oversized body before Django spools it to disk.
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > services.MAX_IMPORT_BYTES + _UPLOAD_OVERHEAD:
            context["form"] = ImportForm()
            context["problems"] = [_("Het bestand is groter dan %(mb)d MB.") % {"mb": context["max_mb"]}]
            return render(request, "results/import.html", context, status=400)
    # Bound on every POST, even an empty one, so that a missing file is reported rather than ignored.
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    context["form"] = form
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.import_job_create(round=round, user=request.user, data=form.cleaned_data["file"],
                                                 language=language_code())
            except services.ImportRejected as exc:
                context["problems"] = [str(problem) for problem in exc.problems]
            else:
                return redirect(reverse("results:import_job", kwargs={"network_slug": access.network.slug,
                                                                      "round_slug": round.slug, "job_id": job.pk}))
        else:
            context["problems"] = form.problems
        return render(request, "results/import.html", context, status=400)
    return render(request, "results/import.html", context)


@login_required
@require_GET
def import_job(request: HttpRequest, network_slug: str, round_slug: str, job_id: int) -> HttpResponse:
    """Progress and outcome of an import; the page reloads itself (no script needed) until the worker is done."""
    access = network_access(request, network_slug, coordinator=True)
    round = round_get(network=access.network, slug=round_slug, include_drafts=True)
    job = get_object_or_404(ImportJob, pk=job_id, round=round)
    return render(request, "results/import_job.html", {"network": access.network, "round": round, "job": job})
