"""Reminders go to everyone invited who has not submitted, at most once an hour per person."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rounds.models import Invitation, RoundStatus
from rounds.services import invitations as services
from rounds.services.rounds import RoundStateError
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


@pytest.fixture
def open_round(network, db):
    return make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN)


@pytest.fixture
def people(network, make_membership):
    return [make_membership(network=network).user for _ in range(4)]


def _url(round) -> str:
    return reverse("rounds:invitation_remind", kwargs={"network_slug": round.network.slug,
                                                       "round_slug": round.slug})


def test_reminder_skips_submitted_and_revoked_and_counts(client_for, coordinator, open_round, people,
                                                         django_capture_on_commit_callbacks):
    waiting, started, submitted, revoked = invite(round=open_round, users=people)
    respond(invitation=started)
    respond(invitation=submitted, submitted=True)
    services.invitation_revoke(invitation=revoked)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(_url(open_round), follow=True)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([waiting.user.email, started.user.email])
    assert all(message.subject.startswith("Herinnering") for message in mail.outbox)
    assert "Er zijn 2 herinneringen verstuurd." in response.content.decode()
    for invitation, count in ((waiting, 1), (started, 1), (submitted, 0), (revoked, 0)):
        invitation.refresh_from_db()
        assert invitation.reminder_count == count
        assert (invitation.reminded_at is not None) == bool(count)


def test_second_reminder_within_the_hour_is_refused_with_a_message(client_for, coordinator, open_round, people,
                                                                   django_capture_on_commit_callbacks):
    invite(round=open_round, users=people[:2])
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(open_round))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(open_round), follow=True)
    assert mail.outbox == []
    assert "minder dan een uur geleden" in response.content.decode()
    assert set(Invitation.objects.values_list("reminder_count", flat=True)) == {1}


def test_reminder_after_an_hour_is_sent_again(open_round, people, django_capture_on_commit_callbacks):
    invitation = invite(round=open_round, users=people[:1])[0]
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now() - timedelta(minutes=61),
                                                       reminder_count=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invitations_remind(round=open_round)
    assert (result.reminded, result.too_recent) == (1, 0)
    invitation.refresh_from_db()
    assert invitation.reminder_count == 2


def test_invitation_mailed_minutes_ago_gets_no_reminder_yet(open_round, people):
    invitation = invite(round=open_round, users=people[:1])[0]
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(minutes=5))
    result = services.invitations_remind(round=open_round)
    assert (result.reminded, result.too_recent) == (0, 1)


def test_invitation_never_mailed_gets_the_invitation_instead_of_a_reminder(open_round, people,
                                                                           django_capture_on_commit_callbacks):
    invitation = invite(round=open_round, users=people[:1], sent=False)[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_remind(round=open_round)
    assert mail.outbox[0].subject.startswith("Uitnodiging")
    invitation.refresh_from_db()
    assert invitation.sent_at is not None and invitation.reminder_count == 0


def test_reminding_one_person_works_when_respondents_are_visible(client_for, coordinator, network, people,
                                                                 django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN,
                       show_respondents=True)
    first, second = invite(round=round, users=people[:2])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(_url(round), {"invitation": first.pk})
    assert [message.to for message in mail.outbox] == [[first.user.email]]


def test_reminding_one_person_is_refused_in_an_anonymous_round(client_for, coordinator, open_round, people):
    first = invite(round=open_round, users=people[:1])[0]
    response = client_for(coordinator).post(_url(open_round), {"invitation": first.pk})
    assert response.status_code == 409
    assert "anoniem" in response.content.decode()


def test_garbage_invitation_id_is_a_400(client_for, coordinator, open_round):
    response = client_for(coordinator).post(_url(open_round), {"invitation": "abc"})
    assert response.status_code == 400


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_no_reminders_unless_the_round_is_open(network, people, status):
    round = make_round(network=network, instrument=make_instrument(), status=status)
    invite(round=round, users=people)
    with pytest.raises(RoundStateError):
        services.invitations_remind(round=round)
    assert mail.outbox == []
