"""Read access for reports: which round a user may see, the round's scores, and the facts around them.

Every function is scoped to one round; access decisions live in :func:`report_round_get` so the HTML and
PDF views of the network report and the personal report apply the same rules.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import Http404

from assessments.models import Item, Module
from networks.access import NetworkAccess
from results import selectors as results_selectors
from rounds.models import Invitation, PageState, Response, Round, RoundStatus
from rounds.selectors import round_for_viewer
from scoring import Respondent, RespondentView, RoundScores, respondent_view
from scoring.types import FORMAT_VERSION as SCORING_VERSION

from .advice import CURRENT_VERSION as ADVICE_VERSION

# Raise when the report's content or layout changes, so cached PDFs are made again.
LAYOUT_VERSION = 2


class NoPersonalResponse(Http404):
    """The requesting user has no submitted response in the round, so there is no personal report."""


@dataclass(frozen=True)
class ReportTarget:
    """The round a report is asked for, with what the asking user may see of it."""

    round: Round
    access: NetworkAccess

    @property
    def interim(self) -> bool:
        """Results of a round that is not closed yet can still change: the report says "voorlopig"."""
        return self.round.status != RoundStatus.CLOSED


def report_round_get(*, access: NetworkAccess, slug: str) -> ReportTarget:
    """The round whose report the user asks for, under the same rules as every results page
    (``rounds.selectors.round_for_viewer``): interim while open, for coordinators only; none for a draft."""
    return ReportTarget(round=round_for_viewer(access=access, slug=slug), access=access)


# ---------------------------------------------------------------------------
# Items and respondents: the database turned into the scoring engine's input
# ---------------------------------------------------------------------------


def report_modules(*, round: Round) -> list[Module]:
    """Mandatory modules plus the optional ones switched on for this round, in questionnaire order."""
    return list(Module.objects.active_in(round).order_by("order"))


def report_items(*, round: Round) -> list[Item]:
    """The round's items with their dimension, module and scale options (a fixed number of queries)."""
    modules = [module.pk for module in report_modules(round=round)]
    return list(
        Item.objects.filter(instrument=round.instrument_id, dimension__module__in=modules)
        .select_related("dimension__module", "scale")
        .prefetch_related("scale__options")
        .order_by("dimension__module__order", "dimension__order", "order")
    )


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPoint:
    round: Round
    scores: RoundScores


def report_scores(*, round: Round) -> RoundScores:
    """Every score of the round, from the results app: the dashboard's numbers and cache, so screen and paper
    agree."""
    return results_selectors.round_scores(round=round)


def report_scores_and_history(*, round: Round) -> tuple[RoundScores, list[HistoryPoint]]:
    """The round's scores with its trend, and the earlier reportable rounds for the trend chart, oldest first.

    A round below the minimum group size is left out of the trend as it is left out of every report.
    """
    *earlier, (_round, current) = results_selectors.rounds_trend_scores(round=round)
    return current, [HistoryPoint(round=r, scores=s) for r, s in earlier if s.reportable]


# ---------------------------------------------------------------------------
# Response and comments
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRow:
    label: str
    invited: int
    submitted: int
    merged_groups: int = 0

    @property
    def rate(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


@dataclass(frozen=True)
class ResponseSummary:
    invited: int
    submitted: int
    per_partner: list[ResponseRow]
    partners_hidden: int  # partners not shown because of the minimum group size (merged or withheld)
    min_group_size: int

    @property
    def rate(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


def _protect_rows(rows: list[ResponseRow], *, min_size: int, other_label: str) -> tuple[list[ResponseRow], int]:
    """Partners with fewer than ``min_size`` invitees are pooled into one row; if that pool is still too
    small, the smallest shown partner joins it (total minus the shown rows would reveal it otherwise)."""
    shown = sorted((row for row in rows if row.invited >= min_size), key=lambda row: (-row.invited, row.label))
    pooled = [row for row in rows if row.invited < min_size]
    while pooled and sum(row.invited for row in pooled) < min_size and shown:
        pooled.append(shown.pop())
    if not pooled:
        return shown, 0
    if sum(row.invited for row in pooled) < min_size:
        return [], len(rows)
    other = ResponseRow(label=other_label, invited=sum(r.invited for r in pooled),
                        submitted=sum(r.submitted for r in pooled), merged_groups=len(pooled))
    return [*shown, other], len(pooled)


def report_response(*, round: Round, other_label: str, unknown_label: str) -> ResponseSummary:
    """Invited and submitted, overall and per partner organisation (one query).

    The partner is the one the respondent confirmed, else the invitee's membership organisation.
    Responses imported without an invitation count as submitted but not as invited.
    """
    min_size = settings.KETENREGIE_MIN_GROUP_SIZE
    memberships = dict(round.network.memberships.values_list("user_id", "organisation__name"))
    counts: dict[str, list[int]] = {}
    invitations = (Invitation.objects.active().filter(round=round)
                   .values_list("user_id", "response__organisation__name", "response__submitted_at"))
    invited = submitted = 0
    for user_id, response_org, submitted_at in invitations:
        label = response_org or memberships.get(user_id) or unknown_label
        row = counts.setdefault(label, [0, 0])
        row[0] += 1
        invited += 1
        if submitted_at is not None:
            row[1] += 1
            submitted += 1
    submitted += Response.objects.submitted().filter(round=round, invitation__isnull=True).count()
    rows = [ResponseRow(label=label, invited=n[0], submitted=n[1]) for label, n in counts.items()]
    shown, hidden = _protect_rows(rows, min_size=min_size, other_label=other_label)
    return ResponseSummary(invited=invited, submitted=submitted, per_partner=shown, partners_hidden=hidden,
                           min_group_size=min_size)


@dataclass(frozen=True)
class Comment:
    module: str
    text: str


def report_comments(*, round: Round, reportable: bool) -> list[Comment]:
    """Open comments of submitted responses whose respondents agreed to anonymous quoting.

    Nothing is returned for a round below the minimum group size: with two respondents a comment is
    easily traced back. Within a page the comments are sorted by text, so their order does not reveal
    who answered first.
    """
    if not reportable:
        return []
    states = (PageState.objects.filter(response__round=round, response__submitted_at__isnull=False,
                                       response__comment_consent=True)
              .exclude(comment="").values_list("page", "comment"))
    comments = [Comment(module=page, text=text.strip()) for page, text in states if text.strip()]
    return sorted(comments, key=lambda c: (c.module, c.text.casefold()))


# ---------------------------------------------------------------------------
# Personal report
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    response: Response
    respondent: Respondent
    view: RespondentView


def personal_response_get(*, round: Round, user) -> Response:
    """The requesting user's own submitted response; 404 when there is none (never anyone else's)."""
    response = (Response.objects.submitted().filter(round=round, respondent=user)
                .select_related("organisation", "round").first())
    if response is None:
        raise NoPersonalResponse("No submitted response of this user in this round")
    return response


def personal_data(*, response: Response, scores: RoundScores) -> PersonalData:
    respondent = results_selectors.respondent_for_user(round=response.round, user=response.respondent)
    if respondent is None:
        raise NoPersonalResponse("No response of this user in this round")
    view = respondent_view(respondent=respondent, items=results_selectors.round_item_specs(round=response.round),
                           scores=scores)
    return PersonalData(response=response, respondent=respondent, view=view)


# ---------------------------------------------------------------------------
# Cache key
# ---------------------------------------------------------------------------


def report_cache_key(*, round: Round, language: str) -> str:
    """Digest of every input that changes the network report's PDF.

    Answers (``answers_changed_at`` is bumped on every save, submit and reopen), submissions and consent
    (the latest ``Response.updated_at`` and the count), the round's status, names and dates, the network's
    record, the earlier rounds in the trend, the minimum group size and the scoring, advice and layout
    versions.
    """
    responses = Response.objects.filter(round=round).aggregate(
        last=Max("updated_at"), count=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
    earlier = [(r.pk, r.answers_changed_at, r.closed_at) for r in results_selectors.rounds_earlier(round=round)]
    network = round.network
    parts = [
        language, round.pk, round.status, round.name, round.opens_on, round.closes_on, round.closed_at,
        round.answers_changed_at, responses["last"], responses["count"], responses["submitted"],
        network.name, network.updated_at, earlier, settings.KETENREGIE_MIN_GROUP_SIZE,
        SCORING_VERSION, ADVICE_VERSION, LAYOUT_VERSION,
    ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
