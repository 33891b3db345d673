"""The printable workshop pack: the agenda with each topic's distribution and advice, and room for notes.

Made by the report worker like the report itself (``reports.services.rendered_pdf_get`` and
``report_render_run``, render kind "pack"): rendering takes seconds (bench/workshop_pack_bench.py), too long
for a web request. Each version of the pack (``pack_cache_key``) is rendered once however many ask; the page
says "wordt gemaakt" meanwhile and the file is kept (``PackFile``) until the agenda, an agreed score, an action
or the round's results change. After the meeting the pack also holds what was agreed and the actions made.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from reports.models import RenderKind, ReportRender
from reports.pdf import render_pdf
from reports.selectors import report_cache_key
from reports.services import PdfFile, PdfPending, rendered_pdf_get
from results import selectors as results_selectors
from rounds.models import Round

from . import presenter, selectors
from .models import Action, PackFile, Workshop

# Bump when the pack's template changes what a stored file would show.
PACK_LAYOUT_VERSION = 2


def pack_context(*, round: Round, workshop: Workshop) -> dict:
    topics = selectors.workshop_topics(workshop=workshop)
    scores = results_selectors.round_scores(round=round)
    labels = results_selectors.instrument_labels(instrument_id=round.instrument_id)
    actions: dict[int, list[Action]] = {}
    for action in Action.objects.filter(round=round, topic__in=topics).order_by("pk"):
        actions.setdefault(action.topic_id, []).append(action)  # type: ignore[arg-type]
    pages = [{"slide": selectors.topic_slide(round=round, topic=topic, scores=scores, labels=labels),
              "advice": presenter.topic_advice(topic_code=topic.code), "actions": actions.get(topic.pk, [])}
             for topic in topics]
    return {"round": round, "network": round.network, "pages": pages}


def pack_html(*, round: Round, workshop: Workshop) -> str:
    return render_to_string("improvement/pack_pdf.html", pack_context(round=round, workshop=workshop))


def pack_cache_key(*, round: Round, workshop: Workshop, language: str) -> str:
    """Digest of what the pack shows: the round's results and names (the report's key, which also covers the
    advice and scoring versions), the agenda in its order, each agreed score and rationale, the round's actions."""
    topics = list(workshop.topics.order_by("position").values_list(
        "pk", "code", "kind", "position", "agreed_value", "no_agreement", "rationale", "decided_at"))
    actions = list(Action.objects.filter(round=round).order_by("pk").values_list("pk", "topic_id", "updated_at"))
    parts = [report_cache_key(round=round, language=language), workshop.pk, topics, actions, PACK_LAYOUT_VERSION]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def pack_filename(*, round: Round) -> str:
    return f"werkmap-{slugify(round.network.name)}-{slugify(round.slug)}.pdf"


def pack_pdf_get(*, round: Round, workshop: Workshop, language: str) -> PdfFile | PdfPending:
    """The pack from its cache, or its render by a worker (queued once per version).

    Raises ``reports.pdf.ReportTimeout`` / ``ReportRenderError`` when the render failed.
    """
    cache_key = pack_cache_key(round=round, workshop=workshop, language=language)

    def stored() -> PackFile | None:
        return PackFile.objects.filter(workshop=workshop, language=language, cache_key=cache_key).first()

    return rendered_pdf_get(kind=RenderKind.PACK, round=round, language=language, cache_key=cache_key,
                            filename=pack_filename(round=round), stored=stored)


@transaction.atomic
def _store(*, workshop: Workshop, language: str, cache_key: str, pdf: bytes, seconds: float) -> PackFile:
    stored, _created = PackFile.objects.select_for_update().get_or_create(
        workshop=workshop, language=language, defaults={"cache_key": cache_key, "pdf": pdf})
    stored.pdf_replace(pdf=pdf, cache_key=cache_key, seconds=seconds)
    return stored


def pack_render_store(*, render: ReportRender) -> PackFile:
    """The worker's part (called by ``reports.services.report_render_run`` in the render's language)."""
    round = Round.objects.select_related("network").get(pk=render.round_id)
    workshop = Workshop.objects.get(round=round)
    result = render_pdf(html=pack_html(round=round, workshop=workshop))
    return _store(workshop=workshop, language=render.language, cache_key=render.cache_key, pdf=result.pdf,
                  seconds=result.seconds)
