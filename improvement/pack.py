"""The printable workshop pack: the agenda with each topic's distribution and advice, and room for notes.

Rendered directly (reports.pdf.render_pdf: WeasyPrint in a time-limited child process with the strict static
fetcher), not through the report queue: a pack is a few plain A4 pages without charts, see
bench/workshop_pack_bench.py for the figures.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from reports.pdf import RenderResult, render_pdf
from results import selectors as results_selectors
from rounds.models import Round

from . import presenter, selectors
from .models import Workshop


def pack_context(*, round: Round, workshop: Workshop) -> dict:
    topics = selectors.workshop_topics(workshop=workshop)
    scores = results_selectors.round_scores(round=round)
    labels = results_selectors.instrument_labels(instrument_id=round.instrument_id)
    pages = [{"slide": selectors.topic_slide(round=round, topic=topic, scores=scores, labels=labels),
              "advice": presenter.topic_advice(topic_code=topic.code)} for topic in topics]
    return {"round": round, "network": round.network, "pages": pages}


def pack_html(*, round: Round, workshop: Workshop) -> str:
    return render_to_string("improvement/pack_pdf.html", pack_context(round=round, workshop=workshop))


def pack_render(*, round: Round, workshop: Workshop) -> RenderResult:
    return render_pdf(html=pack_html(round=round, workshop=workshop))
