"""Writes to invitations: invite, add by e-mail, mail, remind, revoke, reissue.

Mails are queued after the transaction commits (``transaction.on_commit``), so nobody gets a link to an
invitation that was rolled back, and a worker sends them in batches (``rounds.tasks.mail_batch_send``), each
recorded as a ``MailDelivery`` (queued, sent, or failed with the reason) and retried when the server refuses.
``sent_at`` is only recorded once the mail server accepted the message; an invitation whose mail failed keeps
``sent_at`` empty and the coordinator sees "not sent" with the reason.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from networks.models import Membership, MembershipInvitation, Organisation
from networks.services import membership_invite

from ..emails import KIND_INVITATION, KIND_REMINDER, invitation_message
from ..models import Invitation, MailDelivery, MailStatus, Response, Round, RoundStatus, new_token
from .errors import RoundStateError

logger = logging.getLogger(__name__)
User = get_user_model()

# A person gets at most one mail about a round per hour, however often the reminder button is pressed.
REMINDER_INTERVAL = timedelta(hours=1)
# Mails per worker job (one SMTP connection each), and how often and after how long a failed mail is retried.
MAIL_BATCH_SIZE = 50
MAIL_MAX_ATTEMPTS = 3
MAIL_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))


def _lock_round(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("network").get(pk=round.pk)


def _on_commit_mail(invitation_ids: list[int], kind: str) -> None:
    if invitation_ids:
        transaction.on_commit(partial(invitations_mail_queue, invitation_ids=invitation_ids, kind=kind))


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


def _mailable(invitation_ids: list[int]):
    return (Invitation.objects.filter(pk__in=invitation_ids, revoked_at__isnull=True, round__status=RoundStatus.OPEN)
            .exclude(user__email=""))


def mail_deliveries_create(*, invitation_ids: list[int], kind: str) -> list[int]:
    """One queued delivery per invitation that can still be mailed (not revoked, round open, an address)."""
    deliveries = [MailDelivery(invitation_id=pk, kind=kind)
                  for pk in _mailable(invitation_ids).values_list("pk", flat=True)]
    MailDelivery.objects.bulk_create(deliveries)
    return [delivery.pk for delivery in deliveries]


def invitations_mail_queue(*, invitation_ids: list[int], kind: str) -> list[int]:
    """Queue these mails for a worker, in batches of ``MAIL_BATCH_SIZE``; the request does not wait for SMTP."""
    from ..tasks import mail_batch_send

    delivery_ids = mail_deliveries_create(invitation_ids=invitation_ids, kind=kind)
    for start in range(0, len(delivery_ids), MAIL_BATCH_SIZE):
        mail_batch_send.enqueue(delivery_ids=delivery_ids[start:start + MAIL_BATCH_SIZE])
    return delivery_ids


MAIL_STUCK_AFTER = timedelta(hours=1)


def mail_deliveries_requeue_stuck() -> int:
    """Queue again the mails still waiting an hour after they were queued (a job lost with a crashed worker).

    Sending claims each delivery first (``_claim``), so a batch that was only slow is never sent twice.
    """
    from ..tasks import mail_batch_send

    cutoff = timezone.now() - MAIL_STUCK_AFTER
    stuck = list(MailDelivery.objects.filter(status=MailStatus.QUEUED, queued_at__lt=cutoff)
                 .filter(Q(attempted_at__isnull=True) | Q(attempted_at__lt=cutoff)).values_list("pk", flat=True))
    for start in range(0, len(stuck), MAIL_BATCH_SIZE):
        mail_batch_send.enqueue(delivery_ids=stuck[start:start + MAIL_BATCH_SIZE])
    return len(stuck)


def _claim(delivery_ids: list[int]) -> list[MailDelivery]:
    """Take the queued deliveries among these; another worker holding the same batch gets none of them."""
    token = secrets.token_hex(16)
    MailDelivery.objects.filter(pk__in=delivery_ids, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING, claim=token, attempted_at=timezone.now())
    return list(MailDelivery.objects.filter(claim=token, status=MailStatus.SENDING)
                .select_related("invitation__user", "invitation__round__network", "invitation__round__created_by"))


def _retry_later(delivery_ids: list[int], attempts: int) -> bool:
    """Queue a retry with back-off when the task backend can run a job later (the database queue can)."""
    from django_tasks import default_task_backend

    from ..tasks import mail_batch_send

    if not default_task_backend.supports_defer:
        return False
    delay = MAIL_RETRY_DELAYS[min(attempts, len(MAIL_RETRY_DELAYS)) - 1]
    mail_batch_send.using(run_after=timezone.now() + delay).enqueue(delivery_ids=delivery_ids)
    return True


def mail_deliveries_send(*, delivery_ids: list[int]) -> int:
    """Send a batch over one SMTP connection; returns how many went out.

    Runs outside a transaction on purpose: one refused address must not undo the others. A failed mail is
    tried again later (``MAIL_RETRY_DELAYS``) and marked failed, with the server's reason, after
    ``MAIL_MAX_ATTEMPTS``. Invitations revoked or rounds closed since the mail was queued are not mailed.
    """
    deliveries = _claim(delivery_ids)
    if not deliveries:
        return 0
    still = set(_mailable([d.invitation_id for d in deliveries]).values_list("pk", flat=True))
    skipped = [d.pk for d in deliveries if d.invitation_id not in still]
    if skipped:
        MailDelivery.objects.filter(pk__in=skipped).update(
            status=MailStatus.FAILED, error=_("niet verstuurd: uitnodiging ingetrokken of ronde niet meer open"))
    sent: list[MailDelivery] = []
    failed: list[tuple[MailDelivery, str]] = []
    connection = get_connection()
    try:
        try:
            connection.open()
        except (smtplib.SMTPException, OSError) as exc:
            logger.exception("Mail server not reachable for %d mails", len(deliveries))
            failed = [(d, str(exc) or exc.__class__.__name__) for d in deliveries if d.invitation_id in still]
        else:
            for delivery in deliveries:
                if delivery.invitation_id not in still:
                    continue
                message = invitation_message(invitation=delivery.invitation, kind=delivery.kind)
                message.connection = connection
                try:
                    message.send()
                except (smtplib.SMTPException, OSError) as exc:
                    logger.exception("Mail for invitation %s could not be sent", delivery.invitation_id)
                    failed.append((delivery, str(exc) or exc.__class__.__name__))
                else:
                    sent.append(delivery)
    finally:
        connection.close()
    now = timezone.now()
    if sent:
        MailDelivery.objects.filter(pk__in=[d.pk for d in sent]).update(status=MailStatus.SENT, sent_at=now,
                                                                         error="")
        first = [d.invitation_id for d in sent if d.kind == KIND_INVITATION]
        Invitation.objects.filter(pk__in=first).update(sent_at=now)
    retry: list[int] = []
    for delivery, reason in failed:
        attempts = delivery.attempts + 1
        again = attempts < MAIL_MAX_ATTEMPTS
        MailDelivery.objects.filter(pk=delivery.pk).update(
            attempts=attempts, error=reason[:500], status=MailStatus.QUEUED if again else MailStatus.FAILED)
        if again:
            retry.append(delivery.pk)
    if retry and not _retry_later(retry, attempts=min(d.attempts + 1 for d, _r in failed)):
        MailDelivery.objects.filter(pk__in=retry).update(status=MailStatus.FAILED)
    return len(sent)


def invitations_mail(*, invitation_ids: list[int], kind: str) -> int:
    """Mail these invitations now, in this process; returns how many went out (the worker path is
    ``invitations_mail_queue``). Each mail is recorded as a delivery with its status."""
    return mail_deliveries_send(delivery_ids=mail_deliveries_create(invitation_ids=invitation_ids, kind=kind))


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
