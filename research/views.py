from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.access import network_access
from rounds.results_gate import results_not_readable
from rounds.selectors import RoundResultsNotReadable, round_for_viewer

from .exports import research_export_start
from .forms import FILTER_FIELDS, BenchmarkFilterForm, ExportOptionsForm, ResearchFilterForm
from .models import ExportChannel
from .native import ExportTooLarge
from .selectors import (
    consent_history,
    export_logs_for_user,
    network_percentile_bands,
    research_counts,
    research_disclosure_summary,
)

RESEARCH_PERMISSION = "networks.export_research_data"


def _research_page(request: HttpRequest, *, filter_form: ResearchFilterForm, options_form: ExportOptionsForm,
                   status: int = 200) -> HttpResponse:
    filters = filter_form.filters() if filter_form.is_bound and filter_form.is_valid() else None
    if not filter_form.is_bound:
        filters = filter_form.default_filters()
    context = {
        "filter_form": filter_form,
        "options_form": options_form,
        "filters": filters,
        "counts": research_counts(filters=filters) if filters else None,
        "disclosure": research_disclosure_summary(filters=filters) if filters else None,
        "query": {name: filter_form.data.get(name, "") for name in FILTER_FIELDS} if filter_form.is_bound else {},
        "exports": export_logs_for_user(user=request.user),
    }
    if filters and not filter_form.is_bound:
        context["query"] = {"instrument": filter_form.default_instrument}
    return render(request, "research/index.html", context, status=status)


@login_required
@permission_required(RESEARCH_PERMISSION, raise_exception=True)
@require_GET
def research_index(request: HttpRequest) -> HttpResponse:
    filter_form = ResearchFilterForm(request.GET or None)
    status = 400 if filter_form.is_bound and not filter_form.is_valid() else 200
    return _research_page(request, filter_form=filter_form, options_form=ExportOptionsForm(), status=status)


@login_required
@permission_required(RESEARCH_PERMISSION, raise_exception=True)
@require_GET
def research_download(request: HttpRequest) -> HttpResponseBase:
    filter_form = ResearchFilterForm(request.GET)
    options_form = ExportOptionsForm(request.GET)
    if not (filter_form.is_valid() and options_form.is_valid()):
        return _research_page(request, filter_form=filter_form, options_form=options_form, status=400)
    try:
        stream = research_export_start(filters=filter_form.filters(), options=options_form.options(),
                                       user=request.user, channel=ExportChannel.WEB, request=request)
    except ExportTooLarge as refusal:
        options_form.add_error("format", str(refusal))
        return _research_page(request, filter_form=filter_form, options_form=options_form, status=400)
    response = StreamingHttpResponse(stream.chunks, content_type=stream.content_type)
    response["Content-Disposition"] = f'attachment; filename="{stream.filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Ketenregie-Export-Id"] = str(stream.log.pk)
    response["X-Ketenregie-Coarsened"] = str(stream.coarsened)
    response["X-Ketenregie-Suppressed-Rounds"] = str(stream.suppressed_rounds)
    return response


@login_required
@require_GET
def consent_history_page(request: HttpRequest, slug: str) -> HttpResponse:
    access = network_access(request, slug, coordinator=True)
    return render(request, "research/consent_history.html",
                  {"network": access.network, "events": consent_history(network=access.network)})


@login_required
@require_GET
def benchmark(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    access = network_access(request, network_slug)
    try:
        round = round_for_viewer(access=access, slug=round_slug)
    except RoundResultsNotReadable as error:
        return results_not_readable(request, error=error, what="results")
    form = BenchmarkFilterForm(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        status, chosen = 400, {}
    else:
        chosen = form.cleaned_data if form.is_bound else {}
    result = network_percentile_bands(round=round, sector=chosen.get("sector") or "", form=chosen.get("form") or "",
                                      phase=chosen.get("phase"))
    return render(request, "research/benchmark.html",
                  {"network": access.network, "round": round, "form": form, "benchmark": result}, status=status)

