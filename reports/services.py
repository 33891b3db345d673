"""Making report PDFs in a worker, and keeping each PDF until its inputs change.

A request finds the PDF in the cache (``ReportFile``, ``PersonalReportFile``) or asks for a render
(``ReportRender``, one per report version however many people ask at once); a worker (``report_render_run``)
makes the file and the page that said "wordt gemaakt" fetches it on its next refresh.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from core.ratelimit import ratelimit_consume
from rounds.models import Response, Round, RoundStatus

from .advice import CURRENT_VERSION as ADVICE_VERSION
from .content import network_report_get, personal_report_get
from .models import PersonalReportFile, RenderKind, RenderStatus, ReportFile, ReportRender
from .pdf import ReportRenderError, ReportTimeout, render_pdf
from .selectors import LAYOUT_VERSION, SCORING_VERSION, personal_response_get, report_cache_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfFile:
    content: bytes
    filename: str
    from_cache: bool


def _filename(*, round: Round, language: str, personal: bool = False) -> str:
    stem = "persoonlijk-rapport" if personal else "rapport"
    return f"{stem}-{slugify(round.network.name)}-{slugify(round.slug)}-{language}.pdf"


def report_html_for_pdf(*, round: Round, interim: bool) -> str:
    """The finished HTML document the PDF is made from (also what the benchmark times WeasyPrint on)."""
    report = network_report_get(round=round, interim=interim)
    return render_to_string("reports/report_pdf.html", {"report": report})


def _log_refused(refused: list[str], *, round: Round) -> None:
    if refused:
        logger.warning("report %s: refused to fetch %d URL(s): %s", round.pk, len(refused), ", ".join(refused[:5]))


@transaction.atomic
def _store(*, round: Round, language: str, cache_key: str, pdf: bytes, seconds: float) -> ReportFile:
    stored, _created = ReportFile.objects.select_for_update().get_or_create(
        round=round, language=language,
        defaults={"cache_key": cache_key, "scoring_version": SCORING_VERSION, "advice_version": ADVICE_VERSION,
                  "layout_version": LAYOUT_VERSION, "pdf": pdf},
    )
    stored.answers_changed_at = round.answers_changed_at
    stored.scoring_version = SCORING_VERSION
    stored.advice_version = ADVICE_VERSION
    stored.layout_version = LAYOUT_VERSION
    stored.pdf_replace(pdf=pdf, cache_key=cache_key, seconds=seconds)
    return stored


@dataclass(frozen=True)
class PdfPending:
    """The PDF is being made by a worker; the page says "wordt gemaakt" and asks again shortly."""

    render: ReportRender


class PersonalPdfLimited(Exception):  # noqa: N818 - a refusal shown to the member, not a bug
    """This member asked for more new personal PDFs than the budget allows; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(retry_after)


# A render that failed is tried again by the next request after this long, not by every request at once.
RENDER_RETRY_AFTER = timedelta(seconds=60)


def _job_key(*, kind: str, round: Round, response: Response | None, language: str, cache_key: str) -> str:
    return f"{kind}:{round.pk}:{response.pk if response else '-'}:{language}:{cache_key}"


def _render_enqueue(render: ReportRender) -> ReportRender:
    from .tasks import report_render_run

    report_render_run.enqueue(render_id=render.pk)
    render.refresh_from_db()  # the immediate backend (tests) has rendered it already
    return render


def _render_request(*, kind: str, round: Round, response: Response | None, language: str, cache_key: str,
                    may_start: Callable[[], None] | None = None) -> ReportRender:
    """The render of this report version: found when someone asked already, else created and queued once.

    ``may_start()`` is asked before a new render is queued (the personal report's budget); it raises to refuse.
    """
    job_key = _job_key(kind=kind, round=round, response=response, language=language, cache_key=cache_key)
    render = ReportRender.objects.filter(job_key=job_key).first()
    if render is None:
        if may_start is not None:
            may_start()
        try:
            with transaction.atomic():
                render = ReportRender.objects.create(job_key=job_key, kind=kind, round=round, response=response,
                                                     language=language, cache_key=cache_key)
        except IntegrityError:  # someone else asked at the same moment: wait for their render
            render = ReportRender.objects.get(job_key=job_key)
        else:
            return _render_enqueue(render)
    retry = render.status == RenderStatus.FAILED and (
        render.finished_at is None or render.finished_at < timezone.now() - RENDER_RETRY_AFTER)
    # Only the request that flips the row back to "queued" queues the retry.
    if retry and ReportRender.objects.filter(pk=render.pk, status=RenderStatus.FAILED,
                                             finished_at=render.finished_at).update(
            status=RenderStatus.QUEUED, error="", timed_out=False, finished_at=None):
        return _render_enqueue(render)
    ReportRender.objects.filter(pk=render.pk).update(requests=F("requests") + 1)
    return render


def _outcome(render: ReportRender, *, stored, filename: str, fresh: bool) -> PdfFile | PdfPending:
    if render.status == RenderStatus.FAILED:
        error = ReportTimeout if render.timed_out else ReportRenderError
        raise error(render.error or "render failed")
    if render.status == RenderStatus.DONE:
        found = stored()
        if found is not None:
            return PdfFile(content=bytes(found.pdf), filename=filename, from_cache=not fresh)
    return PdfPending(render=render)


def rendered_pdf_get(*, kind: str, round: Round, language: str, cache_key: str, filename: str,
                     stored: Callable[[], Any], response: Response | None = None,
                     may_start: Callable[[], None] | None = None) -> PdfFile | PdfPending:
    """A PDF of one ``kind`` from its cache (``stored()``: the cached row with this ``cache_key``, or None), else
    the render of this version by a worker, queued once however many ask (``ReportRender``).

    The report, the personal report and the workshop pack (``improvement.pack``) all go through here; the
    worker's side is ``report_render_run``. Raises ``ReportTimeout`` / ``ReportRenderError`` when the render failed.
    """
    cached = stored()
    if cached is not None:
        return PdfFile(content=bytes(cached.pdf), filename=filename, from_cache=True)
    before = timezone.now()
    render = _render_request(kind=kind, round=round, response=response, language=language, cache_key=cache_key,
                             may_start=may_start)
    return _outcome(render, stored=stored, filename=filename, fresh=render.created_at >= before)


def report_pdf_get(*, round: Round, language: str, interim: bool) -> PdfFile | PdfPending:
    """The network report as PDF: from the cache when nothing it depends on changed, else made by a worker.

    Raises ``reports.pdf.ReportTimeout`` / ``ReportRenderError`` when the render failed; nothing is cached then.
    """
    cache_key = report_cache_key(round=round, language=language)

    def stored():
        return ReportFile.objects.filter(round=round, language=language, cache_key=cache_key).first()

    return rendered_pdf_get(kind=RenderKind.NETWORK, round=round, language=language, cache_key=cache_key,
                            filename=_filename(round=round, language=language), stored=stored)


def personal_cache_key(*, round: Round, response: Response, language: str) -> str:
    """The network report's inputs (the personal report compares with them) plus this response's own state."""
    parts = [report_cache_key(round=round, language=language), response.pk, response.updated_at,
             response.submitted_at]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def personal_report_pdf_get(*, round: Round, user, language: str, interim: bool) -> PdfFile | PdfPending:
    """The requesting respondent's own report: cached per response and language, made by a worker.

    Served only to its owner (the response is looked up from ``user``). Each new render spends from the
    member's budget (``KETENREGIE_PERSONAL_PDF_LIMIT``); a cached file or a render already under way costs
    nothing. Raises ``PersonalPdfLimited`` when the budget is spent.
    """
    response = personal_response_get(round=round, user=user)
    cache_key = personal_cache_key(round=round, response=response, language=language)
    filename = _filename(round=round, language=language, personal=True)

    def stored():
        return PersonalReportFile.objects.filter(response=response, language=language, cache_key=cache_key).first()

    def may_start() -> None:
        budget = settings.KETENREGIE_PERSONAL_PDF_LIMIT
        if not ratelimit_consume(scope="personal_pdf", key=f"user:{user.pk}", limit=budget["limit"],
                                 window=budget["window"]):
            raise PersonalPdfLimited(retry_after=budget["window"])

    return rendered_pdf_get(kind=RenderKind.PERSONAL, round=round, response=response, language=language,
                            cache_key=cache_key, filename=filename, stored=stored, may_start=may_start)


# --------------------------------------------------------------------------------------------------------
# The worker's part
# --------------------------------------------------------------------------------------------------------


def _render_claim(*, render_id: int) -> ReportRender | None:
    with transaction.atomic():
        render = ReportRender.objects.select_for_update().filter(pk=render_id, status=RenderStatus.QUEUED).first()
        if render is None:
            return None
        render.status = RenderStatus.RUNNING
        render.started_at = timezone.now()
        render.save(update_fields=["status", "started_at"])
    return render


def _render_network(render: ReportRender) -> None:
    round = Round.objects.select_related("network").get(pk=render.round_id)
    html = report_html_for_pdf(round=round, interim=round.status != RoundStatus.CLOSED)
    result = render_pdf(html=html)
    _log_refused(result.refused, round=round)
    _store(round=round, language=render.language, cache_key=render.cache_key, pdf=result.pdf, seconds=result.seconds)


def _render_personal(render: ReportRender) -> None:
    response = Response.objects.select_related("round__network", "respondent").get(pk=render.response_id)
    round = response.round
    report = personal_report_get(round=round, user=response.respondent, interim=round.status != RoundStatus.CLOSED)
    html = render_to_string("reports/personal_pdf.html", {"report": report})
    result = render_pdf(html=html)
    _log_refused(result.refused, round=round)
    _store_personal(render=render, response=response, pdf=result.pdf, seconds=result.seconds)


@transaction.atomic
def _store_personal(*, render: ReportRender, response: Response, pdf: bytes, seconds: float) -> None:
    stored, _created = PersonalReportFile.objects.select_for_update().get_or_create(
        response=response, language=render.language, defaults={"cache_key": render.cache_key, "pdf": pdf})
    stored.pdf_replace(pdf=pdf, cache_key=render.cache_key, seconds=seconds)


def _render_pack(render: ReportRender) -> None:
    from improvement.pack import pack_render_store  # noqa: PLC0415 - the pack's own module knows its file

    pack_render_store(render=render)


def _renderer(kind: str) -> Callable[[ReportRender], None]:
    return {RenderKind.NETWORK: _render_network, RenderKind.PERSONAL: _render_personal,
            RenderKind.PACK: _render_pack}[RenderKind(kind)]


def report_render_run(*, render_id: int) -> str:
    """Render one queued report version and store it; a render another worker took already is skipped."""
    render = _render_claim(render_id=render_id)
    if render is None:
        return "skipped"
    with translation.override(render.language):
        try:
            _renderer(render.kind)(render)
        except ReportRenderError as exc:
            logger.error("report render %s failed: %s", render.pk, exc)
            ReportRender.objects.filter(pk=render.pk).update(
                status=RenderStatus.FAILED, timed_out=isinstance(exc, ReportTimeout), error=str(exc)[:2000],
                finished_at=timezone.now())
            return "failed"
        except Exception as exc:
            logger.exception("report render %s failed", render.pk)
            ReportRender.objects.filter(pk=render.pk).update(status=RenderStatus.FAILED, error=repr(exc)[:2000],
                                                             finished_at=timezone.now())
            return "failed"
    ReportRender.objects.filter(pk=render.pk).update(status=RenderStatus.DONE, finished_at=timezone.now())
    # Renders of older versions of the same report are of no more use.
    ReportRender.objects.filter(kind=render.kind, round_id=render.round_id, response=render.response_id,
                                language=render.language).exclude(pk=render.pk).delete()
    return "done"
