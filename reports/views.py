"""Network report and personal report, as a web page and as a PDF.

Access: ``network_access`` gives 404 to people outside the network; ``round_for_viewer`` lets members read
only closed rounds (403 with an explanation before that) and coordinators every opened round, marked interim;
a draft round has no report (403 saying why).
The personal report is derived from ``request.user`` alone: there is no id in its URL to tamper with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.i18n import language_code
from core.ratelimit import too_many_requests
from networks.access import network_access
from rounds.results_gate import results_not_readable
from rounds.selectors import RoundResultsNotReadable

from . import services
from .content import network_report_get, personal_report_get
from .pdf import ReportRenderError, ReportTimeout
from .selectors import NoPersonalResponse, ReportTarget, report_round_get

logger = logging.getLogger(__name__)


def _target(request: HttpRequest, network_slug: str, round_slug: str) -> ReportTarget:
    access = network_access(request, network_slug)
    return report_round_get(access=access, slug=round_slug)


def _no_response(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
    return render(request, "reports/no_response.html", {"network_slug": network_slug, "round_slug": round_slug},
                  status=404)


def pdf_response(pdf: services.PdfFile) -> HttpResponse:
    """A finished PDF of the render queue as a download (also the workshop pack's, improvement.views)."""
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Report-Cache"] = "hit" if pdf.from_cache else "miss"
    return response


def pdf_render_failed(request: HttpRequest, *, round, exc: ReportRenderError, pack: bool = False) -> HttpResponse:
    """503 with the reason when the worker could not make the PDF; ``pack`` for the workshop pack's wording."""
    logger.error("%s PDF for round %s failed: %s", "pack" if pack else "report", round.pk, exc)
    response = render(request, "reports/render_error.html",
                      {"round": round, "network": round.network, "timed_out": isinstance(exc, ReportTimeout),
                       "pack": pack}, status=503)
    response["Retry-After"] = "120"
    return response


def _render_failed(request: HttpRequest, target: ReportTarget, exc: ReportRenderError) -> HttpResponse:
    return pdf_render_failed(request, round=target.round, exc=exc)


def report_view(view):
    """Resolve the round the viewer may read and turn the shared refusals into their pages.

    Every report view needs the same three answers: a round not yet readable (403 page), no personal
    response (404 page) and a PDF that failed to render in time (503 page). The view itself receives the
    resolved ``ReportTarget``.
    """

    @login_required
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, network_slug: str, round_slug: str) -> HttpResponse:
        try:
            target = _target(request, network_slug, round_slug)
        except RoundResultsNotReadable as error:
            return results_not_readable(request, error=error, what="report")
        try:
            return view(request, target)
        except NoPersonalResponse:
            return _no_response(request, network_slug, round_slug)
        except ReportRenderError as exc:
            return _render_failed(request, target, exc)

    return wrapped


@report_view
def report_html(request: HttpRequest, target: ReportTarget) -> HttpResponse:
    report = network_report_get(round=target.round, interim=target.interim)
    return render(request, "reports/report.html",
                  {"report": report, "network": target.round.network, "round": target.round, "target": target})


def pdf_pending(request: HttpRequest, *, round, pending: services.PdfPending, pack: bool = False) -> HttpResponse:
    """ "Wordt gemaakt" while the worker makes the file. With a script the page polls for the progress
    (``?poll=1``, static/js/render-wait.js) and fetches the file when it is ready; without one it reloads itself.

    ``pack`` words it for the workshop pack (improvement.views), which is made by the same worker."""
    response = render(request, "reports/pending.html",
                      {"render": pending.render, "round": round, "network": round.network,
                       "refresh_seconds": PENDING_REFRESH_SECONDS, "pack": pack}, status=202)
    response["Retry-After"] = str(PENDING_REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


PENDING_REFRESH_SECONDS = 3


def _poll_state(outcome) -> JsonResponse:
    """What the waiting page's script needs: ready, or the progress to show (202 while not ready)."""
    if isinstance(outcome, services.PdfPending):
        render_row = outcome.render
        state = {"ready": False, "status": render_row.status, "percent": render_row.percent,
                 "label": str(render_row.get_status_display())}
        response = JsonResponse(state, status=202)
    else:
        response = JsonResponse({"ready": True})
    response["Cache-Control"] = "no-store"
    return response


def pdf_outcome_response(request: HttpRequest, *, round, outcome, pack: bool = False,
                         on_handout: Callable[[], object] | None = None) -> HttpResponse:
    """The file, or "wordt gemaakt"; a poll of the waiting page gets its JSON state and never the file itself, so
    each download hands the file out once (``on_handout``, e.g. its audit entry, runs only then)."""
    if request.GET.get("poll") == "1":
        return _poll_state(outcome)
    if isinstance(outcome, services.PdfPending):
        return pdf_pending(request, round=round, pending=outcome, pack=pack)
    if on_handout is not None:
        on_handout()
    return pdf_response(outcome)


def _pdf_or_pending(request: HttpRequest, target: ReportTarget, outcome) -> HttpResponse:
    return pdf_outcome_response(request, round=target.round, outcome=outcome)


@report_view
def report_pdf(request: HttpRequest, target: ReportTarget) -> HttpResponse:
    outcome = services.report_pdf_get(round=target.round, language=language_code(), interim=target.interim)
    return _pdf_or_pending(request, target, outcome)


@report_view
def personal_html(request: HttpRequest, target: ReportTarget) -> HttpResponse:
    report = personal_report_get(round=target.round, user=request.user, interim=target.interim)
    return render(request, "reports/personal.html",
                  {"report": report, "network": target.round.network, "round": target.round})


@report_view
def personal_pdf(request: HttpRequest, target: ReportTarget) -> HttpResponse:
    try:
        outcome = services.personal_report_pdf_get(round=target.round, user=request.user, language=language_code(),
                                                   interim=target.interim)
    except services.PersonalPdfLimited as exc:
        return too_many_requests(request, retry_after=exc.retry_after, message=_(
            "U hebt in korte tijd veel nieuwe persoonlijke rapporten laten maken. Probeer het later opnieuw."))
    return _pdf_or_pending(request, target, outcome)
