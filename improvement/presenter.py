"""What the presenter view adds to a topic: the advice that applies, and the topic's area per level and partner.

Both come from what exists: the report's advice file (reports.advice) and the dashboard's group breakdowns
(results.dashboard.breakdowns), which only hold groups the scoring engine released at the minimum size.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import language_code
from reports.advice import load_advice
from results import dashboard
from results import selectors as results_selectors
from rounds.models import Round


def advice_code(topic_code: str) -> str:
    """The advice file's code for a topic's item: SF.K1.presence → SF.K1, MK.2.3 → MK.2, KO.4 stays."""
    parts = topic_code.split(".")
    return ".".join(parts[:2])


@dataclass(frozen=True)
class AdviceBlock:
    code: str
    target: str
    title: str
    text: str


def topic_advice(*, topic_code: str, limit: int = 2) -> list[AdviceBlock]:
    language = language_code()
    target = advice_code(topic_code)
    return [AdviceBlock(code=rec.code, target=target, title=rec.title_in(language), text=rec.text_in(language))
            for rec in load_advice().for_code(target)[:limit]]


@dataclass(frozen=True)
class GroupTable:
    heading: str
    group_header: str
    area: str
    rows: list[tuple[str, int, float | None]]
    hidden: int


def topic_groups(*, round: Round, topic_code: str) -> list[GroupTable]:
    """For a success-factor topic: its area's presence per level and per partner (released groups only)."""
    parts = topic_code.split(".")
    if len(parts) < 2 or parts[0] != "SF":
        return []
    area = parts[1][:1]
    scores = results_selectors.round_scores(round=round)
    if not scores.reportable:
        return []
    labels = results_selectors.instrument_labels(instrument_id=round.instrument_id)
    tables = []
    for view in dashboard.breakdowns(scores=scores, labels=labels):
        if view.key not in ("level", "organisation"):
            continue
        codes = [code for code, _label in view.columns]
        if area not in codes:
            continue
        index = codes.index(area)
        rows = [(row["label"], row["n"], row["values"][index]) for row in view.rows]
        if rows:
            tables.append(GroupTable(heading=view.heading, group_header=view.group_header,
                                     area=view.columns[index][1], rows=rows,
                                     hidden=view.merged_groups + view.suppressed_groups))
    return tables
