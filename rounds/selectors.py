"""Read access for the coordinator side of rounds: round lists, invitations and the completion monitor.

Every function here runs a fixed number of SQL queries whatever the number of invitations: counts are
aggregated in the database (annotate/Count), never by looping over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from assessments.models import Instrument, Item, Module
from core.names import sorted_people
from networks.access import NetworkAccess
from networks.models import Level, Membership, Network, Organisation

from .models import Answer, Invitation, MailDelivery, MailStatus, Round, RoundStatus

# ---------------------------------------------------------------------------
# Rounds
# ---------------------------------------------------------------------------


def round_list_for_network(*, network: Network, include_drafts: bool) -> list[Round]:
    """Rounds of a network, newest first, each with ``invited_count`` and ``submitted_count``."""
    rounds = Round.objects.for_network(network)
    if not include_drafts:
        rounds = rounds.exclude(status=RoundStatus.DRAFT)
    active = Q(invitations__revoked_at__isnull=True)
    return list(
        rounds.annotate(
            invited_count=Count("invitations", filter=active, distinct=True),
            submitted_count=Count(
                "invitations", filter=active & Q(invitations__response__submitted_at__isnull=False), distinct=True
            ),
        ).order_by("-created_at")
    )


def round_get(*, network: Network, slug: str, include_drafts: bool) -> Round:
    """The round of this network; drafts are invisible (404) to people who cannot manage them."""
    rounds = Round.objects.for_network(network).select_related("network", "instrument", "created_by")
    if not include_drafts:
        rounds = rounds.exclude(status=RoundStatus.DRAFT)
    found = rounds.filter(slug=slug).first()
    if found is None:
        raise Http404("Round not found")
    return found


class RoundResultsNotReadable(PermissionDenied):
    """The viewer may see the round, but not its results yet: a draft has none, an open round only for coordinators.

    ``reason`` is ``"draft"`` or ``"open"``; the page that explains it says which.
    """

    def __init__(self, *, round: Round, reason: str) -> None:
        super().__init__(reason)
        self.round = round
        self.reason = reason


def round_for_viewer(*, access: NetworkAccess, slug: str) -> Round:
    """The round whose results (dashboard, comparison, report, benchmark) ``access`` asks for.

    404 when the network has no such round, or it is a draft and the viewer cannot manage it (drafts are
    invisible to members everywhere). ``RoundResultsNotReadable`` for a draft round (nobody has answered yet)
    and, for members, for a round that is still open: only coordinators read interim results.
    """
    round = Round.objects.for_network(access.network).select_related("network", "instrument").filter(slug=slug).first()
    if round is None or (round.status == RoundStatus.DRAFT and not access.is_coordinator):
        raise Http404("Round not found")
    if round.status == RoundStatus.DRAFT:
        raise RoundResultsNotReadable(round=round, reason="draft")
    if round.status != RoundStatus.CLOSED and not access.is_coordinator:
        raise RoundResultsNotReadable(round=round, reason="open")
    return round


def round_has_answers(*, round: Round) -> bool:
    """Once any answer exists, the round's instrument, modules and anonymity choice are fixed."""
    return Answer.objects.filter(response__round=round).exists()


def round_modules(*, round: Round) -> list[Module]:
    """The modules a respondent of this round sees: all mandatory ones plus the optional ones switched on."""
    return list(Module.objects.active_in(round).order_by("order"))


# Estimated answering time: about 10 seconds per statement on a five-point scale (reading, choosing, now and
# then a comment), rounded up to whole multiples of five minutes. An estimate to plan by, stated as such.
SECONDS_PER_ITEM = 10


def minutes_for_items(count: int) -> int:
    """Expected minutes for ``count`` items, at least 5, rounded up to a multiple of 5."""
    minutes = -(-count * SECONDS_PER_ITEM // 60)
    return max(5, -(-minutes // 5) * 5)


def round_item_count(*, round: Round) -> int:
    """Number of items a respondent of this round sees (one query)."""
    return Item.objects.active_in(round).count()


def round_expected_minutes(*, round: Round) -> int:
    return minutes_for_items(round_item_count(round=round))


@dataclass(frozen=True)
class RoundDuration:
    items: int
    minutes: int


def round_duration(*, round: Round) -> RoundDuration:
    """How many questions a respondent of this round gets and about how long they take (one query)."""
    items = round_item_count(round=round)
    return RoundDuration(items=items, minutes=minutes_for_items(items))


def module_item_counts(*, modules) -> dict[int, int]:
    """Items per module (by module pk), one query: the base of each module's time estimate."""
    return dict(Module.objects.filter(pk__in=[m.pk for m in modules]).annotate(n=Count("dimensions__items"))
                .values_list("pk", "n"))


def instruments_for_round_form(*, current: Instrument | None = None) -> QuerySet[Instrument]:
    """Published versions, plus the round's own version when that has since been retired."""
    condition = Q(status="published")
    if current is not None:
        condition |= Q(pk=current.pk)
    return Instrument.objects.filter(condition).order_by("slug", "-version")


def instrument_default() -> Instrument | None:
    return Instrument.objects.latest_published() or Instrument.objects.published().order_by("-version").first()


# ---------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------


def _membership_of_invitee(column: str, network_id: int) -> Subquery:
    return Subquery(
        Membership.objects.filter(network_id=network_id, user_id=OuterRef("user_id")).values(column)[:1]
    )


def invitation_list_for_round(*, round: Round) -> list[Invitation]:
    """All invitations of a round (revoked ones included) with the invitee's organisation name.

    In an anonymous round the organisation comes from the membership only: the one confirmed in a
    response would reveal that the person has started.
    """
    membership_organisation = _membership_of_invitee("organisation__name", round.network_id)
    latest = MailDelivery.objects.filter(invitation=OuterRef("pk")).order_by("-queued_at", "-pk")
    invitations = Invitation.objects.filter(round=round).select_related("user").annotate(
        mail_status=Subquery(latest.values("status")[:1]), mail_error=Subquery(latest.values("error")[:1]))
    if round.show_respondents:
        invitations = invitations.select_related("response").annotate(
            organisation_name=Coalesce(F("response__organisation__name"), membership_organisation))
    else:
        invitations = invitations.annotate(organisation_name=membership_organisation)
    return sorted_people(invitations, user=lambda invitation: invitation.user)


def invitation_get(*, round: Round, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(round=round, pk=pk).select_related("user", "round__network").first()
    if invitation is None:
        raise Http404("Invitation not found")
    return invitation


def invitation_for_user(*, round: Round, user) -> Invitation | None:
    if not user.is_authenticated:
        return None
    return Invitation.objects.filter(round=round, user=user).select_related("response").first()


def memberships_not_invited(*, round: Round) -> QuerySet[Membership]:
    already = Invitation.objects.filter(round=round, user_id=OuterRef("user_id"))
    return (
        Membership.objects.filter(network_id=round.network_id)
        .exclude(Exists(already))
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "user__email")
    )


def invitations_for_user_in_network(*, network: Network, user) -> dict[int, Invitation]:
    """The user's own invitations in this network, keyed by round id (for the round list)."""
    if not user.is_authenticated:
        return {}
    invitations = Invitation.objects.filter(round__network=network, user=user).select_related("response")
    return {invitation.round_id: invitation for invitation in invitations}


# ---------------------------------------------------------------------------
# Completion monitor
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompletionRow:
    """Counts for one group of invitees. ``started`` includes those who have submitted."""

    label: str
    invited: int
    started: int
    submitted: int
    key: str = ""
    merged_groups: int = 0

    @property
    def in_progress(self) -> int:
        return self.started - self.submitted

    @property
    def not_started(self) -> int:
        return self.invited - self.started

    @property
    def rate(self) -> float | None:
        """Response rate in percent (submitted / invited), None when nobody is invited."""
        return 100 * self.submitted / self.invited if self.invited else None


@dataclass(frozen=True)
class Breakdown:
    """Rows of one breakdown (per partner or per level).

    ``hidden`` means the breakdown is withheld entirely, because even merged the groups would be smaller
    than the minimum group size. ``suppressed_groups`` counts the groups merged into the "overig" row.
    """

    rows: list[CompletionRow]
    hidden: bool = False
    suppressed_groups: int = 0


@dataclass(frozen=True)
class RespondentRow:
    name: str
    email: str
    organisation: str
    status: str
    status_label: str


@dataclass(frozen=True)
class MonitorData:
    total: CompletionRow
    per_organisation: Breakdown
    per_level: Breakdown
    anonymous: bool
    min_group_size: int
    revoked: int
    uninvited_responses: int
    respondents: list[RespondentRow] = field(default_factory=list)
    mails: MailSummary | None = None


@dataclass(frozen=True)
class MailProblem:
    name: str
    email: str
    kind: str
    status: str
    error: str
    attempts: int


@dataclass(frozen=True)
class MailSummary:
    """The latest mail per invitee: how many are queued, sent and failed, and who has a problem (with why)."""

    queued: int
    sent: int
    failed: int
    problems: list[MailProblem]


def round_mail_summary(*, round: Round) -> MailSummary:
    latest = MailDelivery.objects.filter(invitation=OuterRef("invitation_id")).order_by("-queued_at", "-pk")
    rows = list(MailDelivery.objects.filter(invitation__round=round, pk=Subquery(latest.values("pk")[:1]))
                .select_related("invitation__user").order_by("invitation__user__last_name", "invitation__user__email"))
    counts = {status: 0 for status in MailStatus.values}
    for row in rows:
        counts[row.status] += 1
    problems = [MailProblem(name=row.invitation.user.get_full_name() or row.invitation.user.email,
                            email=row.invitation.user.email, kind=row.kind, status=row.status, error=row.error,
                            attempts=row.attempts)
                for row in rows if row.status == MailStatus.FAILED or (row.status == MailStatus.QUEUED and row.error)]
    return MailSummary(queued=counts[MailStatus.QUEUED] + counts[MailStatus.SENDING], sent=counts[MailStatus.SENT],
                       failed=counts[MailStatus.FAILED], problems=problems)


STATUS_NOT_STARTED = "not_started"
STATUS_IN_PROGRESS = "in_progress"
STATUS_SUBMITTED = "submitted"


def _status_labels() -> dict[str, str]:
    return {
        STATUS_NOT_STARTED: _("Nog niet begonnen"),
        STATUS_IN_PROGRESS: _("Bezig"),
        STATUS_SUBMITTED: _("Ingediend"),
    }


def _grouped_counts(round: Round, group_expression) -> list[dict]:
    """One query: invited / started / submitted per value of ``group_expression`` (active invitations)."""
    return list(
        Invitation.objects.active()
        .filter(round=round)
        .annotate(group=group_expression)
        .values("group")
        .annotate(
            invited=Count("pk"),
            started=Count("response"),
            submitted=Count("response", filter=Q(response__submitted_at__isnull=False)),
        )
        .order_by()
    )


def _suppress(rows: list[CompletionRow], *, min_size: int, other_label: str) -> Breakdown:
    """Merge groups smaller than ``min_size`` into one "overig" row.

    If that row is itself too small, the smallest shown group is merged in as well (repeatedly), because
    the total minus the shown rows would otherwise reveal the small group's counts anyway.
    """
    total_invited = sum(row.invited for row in rows)
    if total_invited < min_size and len(rows) > 1:
        return Breakdown(rows=[], hidden=True, suppressed_groups=len(rows))
    shown = sorted((row for row in rows if row.invited >= min_size), key=lambda row: (-row.invited, row.label))
    merged = [row for row in rows if row.invited < min_size]
    while merged and sum(row.invited for row in merged) < min_size and shown:
        merged.append(shown.pop())
    if not merged:
        return Breakdown(rows=shown)
    if len(merged) == 1 and not shown:
        return Breakdown(rows=merged)
    other = CompletionRow(
        label=other_label,
        key="other",
        invited=sum(row.invited for row in merged),
        started=sum(row.started for row in merged),
        submitted=sum(row.submitted for row in merged),
        merged_groups=len(merged),
    )
    return Breakdown(rows=[*shown, other], suppressed_groups=len(merged))


def round_monitor(*, round: Round) -> MonitorData:
    """Invited / started / submitted, overall, per partner organisation and per level.

    The partner is the one the respondent confirmed in their response, else the organisation of their
    membership. Without ``show_respondents`` only counts are returned, and small groups are merged.
    """
    min_size = settings.KETENREGIE_MIN_GROUP_SIZE
    anonymous = not round.show_respondents

    org_rows = _grouped_counts(
        round,
        Coalesce(F("response__organisation_id"), _membership_of_invitee("organisation_id", round.network_id),
                 output_field=IntegerField()),
    )
    level_rows = _grouped_counts(
        round,
        Case(
            When(response__level__gt="", then=F("response__level")),
            default=Coalesce(_membership_of_invitee("level", round.network_id), Value("")),
            output_field=CharField(),
        ),
    )
    org_ids = [row["group"] for row in org_rows if row["group"] is not None]
    org_names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name")) if org_ids else {}
    summary = Invitation.objects.filter(round=round).aggregate(
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
    )
    uninvited = round.responses.filter(invitation__isnull=True).count()

    total = CompletionRow(
        label=_("Totaal"),
        key="total",
        invited=sum(row["invited"] for row in org_rows),
        started=sum(row["started"] for row in org_rows),
        submitted=sum(row["submitted"] for row in org_rows),
    )

    organisations = sorted(
        (
            CompletionRow(
                label=org_names.get(row["group"], "") if row["group"] is not None else _("Organisatie onbekend"),
                key=str(row["group"] or "unknown"),
                invited=row["invited"], started=row["started"], submitted=row["submitted"],
            )
            for row in org_rows
        ),
        key=lambda row: (row.key == "unknown", row.label.lower()),
    )
    level_labels = dict(Level.choices)
    level_order = {value: index for index, value in enumerate(Level.values)}
    levels = sorted(
        (
            CompletionRow(
                label=str(level_labels.get(row["group"], _("Niveau onbekend"))),
                key=row["group"] or "unknown",
                invited=row["invited"], started=row["started"], submitted=row["submitted"],
            )
            for row in level_rows
        ),
        key=lambda row: level_order.get(row.key, len(level_order)),
    )

    if anonymous:
        per_organisation = _suppress(organisations, min_size=min_size, other_label=_("Overige organisaties"))
        per_level = _suppress(levels, min_size=min_size, other_label=_("Overige niveaus"))
        respondents: list[RespondentRow] = []
    else:
        per_organisation = Breakdown(rows=organisations)
        per_level = Breakdown(rows=levels)
        respondents = _respondent_rows(round)

    return MonitorData(
        total=total, per_organisation=per_organisation, per_level=per_level, anonymous=anonymous,
        min_group_size=min_size, revoked=summary["revoked"], uninvited_responses=uninvited,
        respondents=respondents, mails=round_mail_summary(round=round),
    )


def _respondent_rows(round: Round) -> list[RespondentRow]:
    """Who has and has not responded: names and status only, never answers."""
    labels = _status_labels()
    rows = []
    for invitation in invitation_list_for_round(round=round):
        if invitation.is_revoked:
            continue
        status = invitation_status(invitation)
        user = invitation.user
        rows.append(RespondentRow(
            name=user.get_full_name() or user.email, email=user.email,
            organisation=invitation.organisation_name or "", status=status, status_label=labels[status],
        ))
    return rows


def invitation_status(invitation: Invitation) -> str:
    response = getattr(invitation, "response", None)
    if response is None:
        return STATUS_NOT_STARTED
    return STATUS_SUBMITTED if response.is_submitted else STATUS_IN_PROGRESS
