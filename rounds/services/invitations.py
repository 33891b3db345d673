"""Writes to invitations: invite, add by e-mail, mail, remind, revoke, reissue.

Mails go out after the transaction commits (``transaction.on_commit``), so nobody gets a link to an
invitation that was rolled back. ``sent_at`` is only recorded once the mail server accepted the message;
an invitation whose mail failed keeps ``sent_at`` empty and the coordinator sees "not sent".
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.models import Membership, MembershipInvitation, Organisation
from networks.services import membership_invite

from ..emails import KIND_INVITATION, KIND_REMINDER, invitation_message
from ..models import Invitation, Response, Round, RoundStatus, new_token
from .rounds import RoundStateError

logger = logging.getLogger(__name__)
User = get_user_model()

# A person gets at most one mail about a round per hour, however often the reminder button is pressed.
REMINDER_INTERVAL = timedelta(hours=1)


def _lock_round(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("network").get(pk=round.pk)


def _on_commit_mail(invitation_ids: list[int], kind: str) -> None:
    if invitation_ids:
        transaction.on_commit(partial(invitations_mail, invitation_ids=invitation_ids, kind=kind))


@transaction.atomic
def invitations_create(*, round: Round, users: Iterable) -> list[Invitation]:
    """Invite members of the round's network. People already invited are skipped, not invited twice.

    Invitations of an open round are mailed at once; those of a draft round when the round opens.
    """
    round = _lock_round(round)
    if round.status == RoundStatus.CLOSED:
        raise RoundStateError(_("Deze ronde is gesloten: er kunnen geen uitnodigingen meer bij."), code="closed")
    by_pk = {user.pk: user for user in users}
    members = set(
        Membership.objects.filter(network_id=round.network_id, user_id__in=by_pk).values_list("user_id", flat=True)
    )
    outsiders = [user for pk, user in by_pk.items() if pk not in members]
    if outsiders:
        raise ValidationError(_("Alleen leden van het netwerk kunnen worden uitgenodigd: %(people)s.")
                              % {"people": ", ".join(user.email for user in outsiders)})
    existing = set(Invitation.objects.filter(round=round, user_id__in=by_pk).values_list("user_id", flat=True))
    created = []
    for pk, user in by_pk.items():
        if pk in existing:
            continue
        invitation = Invitation(round=round, user=user)
        invitation.full_clean()
        invitation.save()
        created.append(invitation)
    if round.status == RoundStatus.OPEN:
        _on_commit_mail([invitation.pk for invitation in created], KIND_INVITATION)
    return created


@transaction.atomic
def invitation_add_by_email(*, round: Round, invited_by, email: str, first_name: str = "", last_name: str = "",
                            organisation: Organisation | None = None,
                            level: str = "") -> Invitation | MembershipInvitation:
    """Invite someone by e-mail address to the round.

    A member gets the round invitation. Someone who is not a member gets an invitation to the network first
    (``networks.services.membership_invite``), the same whether or not the address has an account; once they
    have accepted it, the coordinator can invite them to the round like any member.
    """
    round = _lock_round(round)
    if round.status == RoundStatus.CLOSED:
        raise RoundStateError(_("Deze ronde is gesloten: er kunnen geen uitnodigingen meer bij."), code="closed")
    email = User.objects.normalize_email(email).strip().lower()
    membership = Membership.objects.filter(network_id=round.network_id, user__email__iexact=email).first()
    if membership is None:
        return membership_invite(network=round.network, email=email, invited_by=invited_by, first_name=first_name,
                                 last_name=last_name, organisation=organisation, level=level)
    if Invitation.objects.filter(round=round, user_id=membership.user_id).exists():
        raise ValidationError({"email": _("%(email)s is al uitgenodigd voor deze ronde.") % {"email": email}})
    return invitations_create(round=round, users=[membership.user])[0]


def invitations_mail(*, invitation_ids: list[int], kind: str) -> int:
    """Mail these invitations now; returns how many went out.

    Runs after commit, outside a transaction on purpose: one refused address must not undo the others.
    Invitations revoked or rounds closed in the meantime are skipped.
    """
    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids, revoked_at__isnull=True, round__status=RoundStatus.OPEN)
        .exclude(user__email="")
        .select_related("user", "round__network", "round__created_by")
    )
    if not invitations:
        return 0
    sent: list[int] = []
    connection = get_connection()
    try:
        connection.open()
        for invitation in invitations:
            message = invitation_message(invitation=invitation, kind=kind)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("Mail for invitation %s could not be sent", invitation.pk)
            else:
                sent.append(invitation.pk)
    finally:
        connection.close()
    if sent and kind == KIND_INVITATION:
        Invitation.objects.filter(pk__in=sent).update(sent_at=timezone.now())
    return len(sent)


def invitations_mail_pending(*, round: Round) -> None:
    """Schedule the mails of a round's invitations that have not gone out yet (call inside a transaction)."""
    pending = list(
        Invitation.objects.filter(round=round, revoked_at__isnull=True, sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    _on_commit_mail(pending, KIND_INVITATION)


@dataclass(frozen=True)
class ReminderResult:
    reminded: int
    too_recent: int
    not_needed: int


@transaction.atomic
def invitations_remind(*, round: Round, invitation_ids: list[int] | None = None) -> ReminderResult:
    """Mail everyone invited who has not submitted, at most once an hour per person.

    ``invitation_ids`` limits the reminder to some people; that is only possible when the round shows
    who has responded, because the answer ("already submitted") would otherwise reveal it.
    """
    round = _lock_round(round)
    if round.status != RoundStatus.OPEN:
        raise RoundStateError(_("Herinneringen kunnen alleen worden verstuurd als de ronde open is."),
                              code="not_open")
    if invitation_ids is not None and not round.show_respondents:
        raise RoundStateError(_("In deze ronde blijft anoniem wie heeft gereageerd: herinner iedereen tegelijk."),
                              code="anonymous")
    submitted = Response.objects.filter(invitation=OuterRef("pk"), submitted_at__isnull=False)
    candidates = Invitation.objects.select_for_update().filter(round=round)
    if invitation_ids is not None:
        candidates = candidates.filter(pk__in=invitation_ids)
    requested = candidates.count() if invitation_ids is not None else 0
    eligible = list(
        candidates.filter(revoked_at__isnull=True).exclude(Exists(submitted)).values("pk", "sent_at", "reminded_at")
    )
    cutoff = timezone.now() - REMINDER_INTERVAL
    too_recent = [row for row in eligible if any(t and t > cutoff for t in (row["sent_at"], row["reminded_at"]))]
    due = [row for row in eligible if row not in too_recent]
    # An invitation whose first mail never went out gets the invitation itself, not a reminder.
    reminders = [row["pk"] for row in due if row["sent_at"] is not None]
    first_mails = [row["pk"] for row in due if row["sent_at"] is None]
    if reminders:
        Invitation.objects.filter(pk__in=reminders).update(
            reminded_at=timezone.now(), reminder_count=F("reminder_count") + 1)
    _on_commit_mail(reminders, KIND_REMINDER)
    _on_commit_mail(first_mails, KIND_INVITATION)
    return ReminderResult(reminded=len(due), too_recent=len(too_recent),
                          not_needed=max(requested - len(eligible), 0))


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """The link stops working at once; answers already given are kept."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.revoked_at is not None:
        raise RoundStateError(_("Deze uitnodiging is al ingetrokken."), code="already_revoked")
    invitation.revoked_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_reissue(*, invitation: Invitation) -> Invitation:
    """A new link replaces the old one (which stops working); a revoked invitation becomes active again.

    The invitee's response stays attached to the invitation, so nothing they answered is lost.
    """
    round = _lock_round(invitation.round)
    if round.status == RoundStatus.CLOSED:
        raise RoundStateError(_("Deze ronde is gesloten: heropen de ronde om een nieuwe link te versturen."),
                              code="closed")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.token = new_token()
    invitation.revoked_at = None
    invitation.sent_at = None
    invitation.full_clean()
    invitation.save(update_fields=["token", "revoked_at", "sent_at"])
    if round.status == RoundStatus.OPEN:
        _on_commit_mail([invitation.pk], KIND_INVITATION)
    return invitation
