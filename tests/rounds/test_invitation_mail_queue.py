"""Invitation and reminder mails go out from a worker in batches, each with its status, and are retried."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rounds.emails import KIND_INVITATION
from rounds.models import Invitation, MailDelivery, MailStatus, RoundStatus
from rounds.selectors import round_mail_summary
from rounds.services import invitations as services
from tests.rounds.manage_helpers import invite, make_instrument, make_round
from tests.worker_testkit import queue_in_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(network, db):
    return make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN, name="Najaar 2026")


def _run_queued_jobs() -> None:
    """What `db_worker` does with each job that is due (tests/results/test_results_import_worker.py runs one)."""
    for job in DBTaskResult.objects.ready().order_by("enqueued_at"):
        job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
        job.delete()


def _refuse(monkeypatch, address):
    original = mail.EmailMultiAlternatives.send

    def send(self, *args, **kwargs):
        if self.to == [address]:
            raise smtplib.SMTPRecipientsRefused({address: (550, b"no such user")})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)


def test_inviting_many_queues_batches_and_the_request_sends_nothing(open_round, make_membership, network,
                                                                    django_capture_on_commit_callbacks):
    users = [make_membership(network=network).user for _ in range(services.MAIL_BATCH_SIZE + 7)]
    with queue_in_database(), django_capture_on_commit_callbacks(execute=True):
        services.invitations_create(round=open_round, users=users)
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 2  # 57 mails: a batch of 50 and one of 7
    assert set(MailDelivery.objects.values_list("status", flat=True)) == {MailStatus.QUEUED}
    assert round_mail_summary(round=open_round).queued == len(users)

    _run_queued_jobs()
    assert len(mail.outbox) == len(users)
    assert MailDelivery.objects.filter(status=MailStatus.SENT).count() == len(users)
    assert not Invitation.objects.filter(round=open_round, sent_at__isnull=True).exists()


def test_a_batch_taken_by_two_workers_sends_each_mail_once(open_round, member):
    invitation = invite(round=open_round, users=[member], sent=False)[0]
    ids = services.mail_deliveries_create(invitation_ids=[invitation.pk], kind=KIND_INVITATION)
    assert services.mail_deliveries_send(delivery_ids=ids) == 1
    assert services.mail_deliveries_send(delivery_ids=ids) == 0
    assert len(mail.outbox) == 1


def test_a_refused_mail_is_retried_later_then_marked_failed_with_the_reason(open_round, member, make_membership,
                                                                            network, monkeypatch):
    refused, fine = invite(round=open_round, users=[member, make_membership(network=network).user], sent=False)
    _refuse(monkeypatch, refused.user.email)
    with queue_in_database():
        services.invitations_mail_queue(invitation_ids=[refused.pk, fine.pk], kind=KIND_INVITATION)
        _run_queued_jobs()
        delivery = MailDelivery.objects.get(invitation=refused)
        assert (delivery.status, delivery.attempts) == (MailStatus.QUEUED, 1) and "no such user" in delivery.error
        retry = DBTaskResult.objects.get()
        assert retry.run_after > timezone.now() + timedelta(seconds=30)  # back-off, not at once
        for _attempt in range(services.MAIL_MAX_ATTEMPTS - 1):
            DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
            _run_queued_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (MailStatus.FAILED, services.MAIL_MAX_ATTEMPTS)
    assert DBTaskResult.objects.count() == 0
    assert [message.to for message in mail.outbox] == [[fine.user.email]]
    refused.refresh_from_db()
    assert refused.sent_at is None


def test_monitor_and_invitation_list_show_each_mails_status_and_reason(client_for, coordinator, open_round,
                                                                       make_membership, network, monkeypatch):
    refused, fine = invite(round=open_round, users=[make_membership(network=network).user,
                                                    make_membership(network=network).user], sent=False)
    _refuse(monkeypatch, refused.user.email)
    services.invitations_mail(invitation_ids=[refused.pk, fine.pk], kind=KIND_INVITATION)
    client = client_for(coordinator)
    kwargs = {"network_slug": network.slug, "round_slug": open_round.slug}
    monitor = client.get(reverse("rounds:monitor", kwargs=kwargs)).content.decode()
    assert "Verstuurd: 1 · in de wachtrij: 0 · mislukt: 1" in monitor
    assert "no such user" in monitor
    invitations = client.get(reverse("rounds:invitations", kwargs=kwargs)).content.decode()
    assert 'data-mail-status="failed"' in invitations and "e-mail mislukt" in invitations
