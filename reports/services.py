"""Making report PDFs, and keeping the network report's PDF per round and language until its inputs change."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from rounds.models import Round

from .advice import CURRENT_VERSION as ADVICE_VERSION
from .content import network_report_get, personal_report_get
from .models import ReportFile
from .pdf import render_pdf
from .selectors import LAYOUT_VERSION, SCORING_VERSION, report_cache_key

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
    stored.cache_key = cache_key
    stored.answers_changed_at = round.answers_changed_at
    stored.scoring_version = SCORING_VERSION
    stored.advice_version = ADVICE_VERSION
    stored.layout_version = LAYOUT_VERSION
    stored.pdf = pdf
    stored.size = len(pdf)
    stored.render_seconds = round_seconds(seconds)
    stored.full_clean()
    stored.save()
    return stored


def round_seconds(seconds: float) -> float:
    return float(f"{seconds:.3f}")


def report_pdf_get(*, round: Round, language: str, interim: bool) -> PdfFile:
    """The network report as PDF: from the cache when nothing it depends on changed, else rendered anew.

    Raises ``reports.pdf.ReportTimeout`` / ``ReportRenderError`` when rendering fails; nothing is cached then.
    """
    cache_key = report_cache_key(round=round, language=language)
    cached = ReportFile.objects.filter(round=round, language=language, cache_key=cache_key).first()
    filename = _filename(round=round, language=language)
    if cached is not None:
        return PdfFile(content=bytes(cached.pdf), filename=filename, from_cache=True)
    html = report_html_for_pdf(round=round, interim=interim)
    result = render_pdf(html=html)
    _log_refused(result.refused, round=round)
    _store(round=round, language=language, cache_key=cache_key, pdf=result.pdf, seconds=result.seconds)
    return PdfFile(content=result.pdf, filename=filename, from_cache=False)


def personal_report_pdf_render(*, round: Round, user, language: str, interim: bool) -> PdfFile:
    """The requesting respondent's own report. Not cached: it holds one person's answers."""
    report = personal_report_get(round=round, user=user, interim=interim)
    html = render_to_string("reports/personal_pdf.html", {"report": report})
    result = render_pdf(html=html)
    _log_refused(result.refused, round=round)
    return PdfFile(content=result.pdf, filename=_filename(round=round, language=language, personal=True),
                   from_cache=False)
