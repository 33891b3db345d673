"""Next-measurement reminders: each is claimed before it is mailed, and a mail that fails gives the claim back."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from improvement import services
from improvement.models import NextMeasurement
from tests.server_testkit import free_port


def _due_soon(round, coordinator) -> NextMeasurement:
    return services.next_measurement_set(round=round, user=coordinator,
                                         due_on=timezone.localdate() + dt.timedelta(days=5))


def test_a_reminder_whose_mail_fails_is_sent_by_the_next_run(closed_round, coordinator):
    planned = _due_soon(closed_round, coordinator)
    # A real SMTP connection to a loopback port where nothing listens: the mail server is down.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=free_port(), EMAIL_TIMEOUT=2), pytest.raises(OSError):
        services.next_measurements_remind()
    planned.refresh_from_db()
    assert planned.reminded_at is None  # the claim was given back
    assert services.next_measurements_remind() == 1
    assert [message.to for message in mail.outbox] == [[coordinator.email]]

