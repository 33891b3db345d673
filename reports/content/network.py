"""The network report: every chapter built from one round's scores, instrument texts and advice."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments import sources as sources_module
from assessments.models import Item
from core.i18n import language_code
from improvement.selectors import ReportSection
from improvement.selectors import report_section as improvement_report_section
from research.selectors import network_percentile_bands
from results import figures
from results import phases as phase_views
from results.dashboard import DimensionRow, DisputedRow, dimension_rows, disputed_rows
from results.labels import labels_from_items
from rounds.models import Round
from scoring import RoundScores
from scoring.codes import natural_key

from .. import narrative, selectors
from ..advice import AdviceSet, advised_challenges, load_advice
from ..selectors import Comment, HistoryPoint, ResponseSummary
from .advice_sections import AdviceSection, advice_sections, report_advice_targets
from .rows import (
    UNREALISED_MEDIAN,
    AreaRow,
    ChallengeRow,
    CommentGroup,
    FactorRow,
    Heatmap,
    PhaseRow,
    Trend,
    area_rows,
    challenge_rows,
    comment_groups,
    factor_rows,
    heatmaps_for,
    phase_rows,
    quadrant_labels,
    trend_for,
)
from .summary import SMALL_N, Summary, answer_shares, build_summary, warnings_for

logger = logging.getLogger(__name__)


@dataclass
class Report:
    round: Round
    network_name: str
    round_name: str
    instrument_name: str
    interim: bool
    generated_at: object
    language: str
    respondents: int
    min_group_size: int
    reportable: bool
    response: ResponseSummary
    warnings: list[str] = field(default_factory=list)
    summary: Summary | None = None
    executive: narrative.ExecutiveSummary | None = None
    areas: list[AreaRow] = field(default_factory=list)
    factors: list[FactorRow] = field(default_factory=list)
    phases: list[PhaseRow] = field(default_factory=list)
    phase_profile: phase_views.PhaseProfile | None = None
    threshold: float = 60.0
    unrealised_median: int = UNREALISED_MEDIAN
    challenges: list[ChallengeRow] = field(default_factory=list)
    heatmaps: list[Heatmap] = field(default_factory=list)
    disputed: list[DisputedRow] = field(default_factory=list)
    disputed_total: int = 0
    trend: Trend | None = None
    advice: list[AdviceSection] = field(default_factory=list)
    advice_version: int = 0
    dimensions: list[DimensionRow] = field(default_factory=list)
    comments: list[CommentGroup] = field(default_factory=list)
    comments_total: int = 0
    charts: dict[str, SafeString] = field(default_factory=dict)
    method_template: str = ""
    small_n: int = SMALL_N
    scales: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    quadrants: dict[str, str] = field(default_factory=dict)
    benchmark: object = None
    benchmark_template: str = ""
    improvement: ReportSection | None = None


def _topic(row: FactorRow) -> narrative.Topic:
    return narrative.Topic(label=row.label, presence=row.presence, importance=row.importance)


def executive_summary_for(*, report: Report, scores: RoundScores) -> narrative.ExecutiveSummary:
    """The summary page's sentences, from the rows this report already holds."""
    summary = report.summary
    if summary is None:
        raise ValueError("the executive summary is written from the report's summary, which is not built yet")
    answered, dont_know = answer_shares(scores=scores)
    priorities = sorted((f for f in report.factors if f.quadrant == "priority"),
                        key=lambda f: (-f.gap, natural_key(code=f.code)))
    facts = narrative.Facts(
        **narrative.standing_of(summary),
        strengths=[_topic(f) for f in summary.strengths], priorities=[_topic(f) for f in priorities],
        blind_spots=[_topic(f) for f in summary.blind_spots],
        disputed=[narrative.Topic(label=d.label, context=d.module) for d in report.disputed],
        disputed_total=report.disputed_total,
        challenges=[narrative.Topic(label=c.label, share=c.share) for c in summary.challenges
                    if c.code in set(advised_challenges(top=scores.top_challenges, challenges=scores.challenges))],
        backlog=tuple(item.phase for item in scores.minkman.backlog),
        invited=report.response.invited, submitted=report.response.submitted, respondents=report.respondents,
        answered_share=answered, dont_know_share=dont_know, small_n=SMALL_N, interim=report.interim,
        questions=sum(1 for stats in scores.items.values() if stats.n),
    )
    return narrative.executive_summary(facts=facts)


def method_template() -> str:
    """The reader's method appendix in the report's language (the formulas stay in docs/scoring*.md)."""
    return f"reports/method/{'en' if language_code() == 'en' else 'nl'}.html"


BENCHMARK_TEMPLATE = "research/_partials/benchmark.html"


def benchmark_for(*, round: Round) -> object:
    """Percentile bands of comparable networks from the research app.

    The benchmark is an extra: when it fails, the report goes out without it.
    """
    try:
        return network_percentile_bands(round=round)
    except Exception:  # an optional extra must not take the whole report down
        logger.exception("benchmark for round %s failed; report made without it", round.pk)
        return None


def sources() -> list[str]:
    return sources_module.bibliography(language=language_code())


def build_report(*, round: Round, items: Sequence[Item], scores: RoundScores, history: list[HistoryPoint],
                 response: ResponseSummary, comments: list[Comment], interim: bool,
                 advice: AdviceSet | None = None) -> Report:
    labels = labels_from_items(items=items)
    advice = advice or load_advice()
    report = Report(
        round=round, network_name=round.network.name, round_name=round.name,
        instrument_name=str(round.instrument), interim=interim, generated_at=timezone.now(), language=language_code(),
        respondents=scores.respondents, min_group_size=scores.min_group_size, reportable=scores.reportable,
        response=response, warnings=warnings_for(scores=scores, interim=interim), method_template=method_template(),
        scales=labels.scales, sources=sources(), quadrants=quadrant_labels(), advice_version=advice.version,
        threshold=scores.minkman.threshold,
    )
    report.charts["response"] = mark_safe(figures.response(invited=response.invited, submitted=response.submitted))
    report.improvement = improvement_report_section(round=round, scores=scores)
    if not scores.reportable:
        return report
    report.areas = area_rows(scores=scores, labels=labels)
    report.factors = factor_rows(scores=scores, labels=labels)
    report.phases = phase_rows(scores=scores, labels=labels)
    report.phase_profile = phase_views.phase_profile(
        scores=scores, phase_label=lambda phase: labels.phases.get(phase, str(phase)), element_label=labels.item)
    report.challenges = challenge_rows(scores=scores, labels=labels)
    report.summary = build_summary(scores=scores, labels=labels, factors=report.factors,
                                   challenges=report.challenges)
    report.heatmaps = heatmaps_for(scores=scores, labels=labels)
    report.disputed = disputed_rows(scores=scores, labels=labels)
    report.disputed_total = len(scores.disputed)
    report.executive = executive_summary_for(report=report, scores=scores)
    report.trend = trend_for(scores=scores, history=history, round=round, labels=labels)
    report.advice = advice_sections(advice=advice, targets=report_advice_targets(scores=scores), labels=labels)
    report.dimensions = dimension_rows(scores=scores, labels=labels)
    report.comments = comment_groups(comments=comments, labels=labels)
    report.comments_total = len(comments)
    report.benchmark = benchmark_for(round=round)
    report.benchmark_template = BENCHMARK_TEMPLATE if report.benchmark else ""
    report.charts.update({
        "radar": mark_safe(figures.radar(scores=scores, area_label=lambda code: labels.areas.get(code, code),
                                         previous=history[-1].scores if history else None)),
        "matrix": mark_safe(figures.matrix(scores=scores, factor_label=lambda code: labels.factors.get(code, code))),
        "phase": mark_safe(figures.phases(scores=scores,
                                          phase_label=lambda phase: labels.phases.get(phase, str(phase)))),
        "challenges": mark_safe(figures.challenges(scores=scores, item_label=labels.item)),
    })
    return report


def network_report_get(*, round: Round, interim: bool) -> Report:
    items = selectors.report_items(round=round)
    scores, history = selectors.report_scores_and_history(round=round)
    response = selectors.report_response(round=round, other_label=_("Overige partners"),
                                         unknown_label=_("Organisatie onbekend"))
    comments = selectors.report_comments(round=round, reportable=scores.reportable)
    return build_report(round=round, items=items, scores=scores, history=history, response=response,
                        comments=comments, interim=interim)
