"""The invitation mail: text plus HTML alternative, Dutch first and English below, a working personal link."""

import smtplib

import pytest
from django.core import mail
from django.utils import translation

from rounds import emails
from rounds.emails import KIND_INVITATION, KIND_REMINDER, invitation_message
from rounds.models import RoundStatus
from rounds.services import invitations as services
from tests.must import html_part
from tests.rounds.manage_helpers import invite, make_instrument, make_round


@pytest.fixture
def open_round(network, db):
    return make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN, name="Najaar 2026",
                      closes_on="2026-12-20")


def test_invitation_mail_has_link_closing_date_and_html_alternative(open_round, member):
    invitation = invite(round=open_round, users=[member])[0]
    invitation.round.refresh_from_db()
    message = invitation_message(invitation=invitation, kind=KIND_INVITATION)
    link = emails.invitation_link(invitation)
    assert message.subject.startswith("Uitnodiging: vragenlijst Najaar 2026 van Jeugdketen Noord")
    assert link in message.body
    assert "20 december 2026" in message.body
    assert "stuur hem niet door" in message.body
    html, mimetype = html_part(message)
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert '<html lang="nl">' in html


def test_anonymous_round_tells_invitee_that_coordinators_see_only_counts(open_round, member):
    message = invitation_message(invitation=invite(round=open_round, users=[member])[0], kind=KIND_INVITATION)
    assert "alleen aantallen" in message.body
    open_round.show_respondents = True
    open_round.save()
    message = invitation_message(invitation=invite(round=open_round, users=[member.__class__.objects.create(
        username="b@example.org", email="b@example.org")])[0], kind=KIND_INVITATION)
    assert "alleen aantallen" not in message.body


def test_reminder_mail_says_it_is_a_reminder(open_round, member):
    message = invitation_message(invitation=invite(round=open_round, users=[member])[0], kind=KIND_REMINDER)
    assert message.subject.startswith("Herinnering:")
    assert "herinnering" in message.body.lower()


def test_english_part_follows_the_dutch_when_a_translation_exists(open_round, member, monkeypatch):
    original = emails.render_to_string

    def render(template_name, context=None, *args, **kwargs):
        # Stand-in for a compiled English catalogue: the English rendering differs from the Dutch one.
        return original(template_name, context, *args, **kwargs) + f" [{translation.get_language()}]"

    monkeypatch.setattr(emails, "render_to_string", render)
    message = invitation_message(invitation=invite(round=open_round, users=[member])[0], kind=KIND_INVITATION)
    dutch, english = message.body.split("-" * 60)
    assert "[nl]" in dutch and "[en]" in english
    assert " / " in message.subject
    html, _mimetype = html_part(message)
    assert html.index('lang="nl"') < html.index('lang="en"')


def test_the_shipped_mail_says_it_in_dutch_and_then_in_english(open_round, member):
    message = invitation_message(invitation=invite(round=open_round, users=[member])[0], kind=KIND_INVITATION)
    dutch, english = message.body.split("-" * 60)
    assert "Uw persoonlijke link" in dutch and "Uw persoonlijke link" not in english
    assert "personal link" in english.lower()


def test_mail_of_revoked_invitation_or_closed_round_is_not_sent(open_round, member, make_membership, network):
    kept, revoked = invite(round=open_round, users=[member, make_membership(network=network).user], sent=False)
    services.invitation_revoke(invitation=revoked)
    assert services.invitations_mail(invitation_ids=[kept.pk, revoked.pk], kind=KIND_INVITATION) == 1
    assert [message.to for message in mail.outbox] == [[member.email]]
    open_round.status = RoundStatus.CLOSED
    open_round.save()
    assert services.invitations_mail(invitation_ids=[kept.pk], kind=KIND_INVITATION) == 0


def test_failed_mail_leaves_invitation_marked_not_sent(open_round, member, make_membership, network, monkeypatch):
    failing, working = invite(round=open_round, users=[member, make_membership(network=network).user], sent=False)
    original_send = mail.EmailMultiAlternatives.send

    def send(self, *args, **kwargs):
        if self.to == [failing.user.email]:
            raise smtplib.SMTPRecipientsRefused({failing.user.email: (550, b"no such user")})
        return original_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    assert services.invitations_mail(invitation_ids=[failing.pk, working.pk], kind=KIND_INVITATION) == 1
    failing.refresh_from_db()
    working.refresh_from_db()
    assert failing.sent_at is None
    assert working.sent_at is not None


def test_invitation_mail_carries_the_coordinators_personal_message_and_the_expected_duration(
        open_round, member, coordinator):
    open_round.invitation_message = "Uw mening telt: we bespreken de uitkomsten op 15 januari.\n<b>Dank!</b>"
    open_round.created_by = coordinator
    open_round.save()
    coordinator.first_name, coordinator.last_name = "Coby", "de Groot"
    coordinator.save()
    invitation = invite(round=open_round, users=[member])[0]
    message = invitation_message(invitation=invitation, kind=KIND_INVITATION)
    assert "Bericht van Coby de Groot:" in message.body
    assert "we bespreken de uitkomsten op 15 januari." in message.body
    assert "Het invullen duurt ongeveer 5 minuten." in message.body  # the test instrument is short
    html, _mimetype = html_part(message)
    assert "we bespreken de uitkomsten op 15 januari.<br>&lt;b&gt;Dank!&lt;/b&gt;" in html  # escaped, not markup


def test_invitation_mail_without_personal_message_has_no_empty_message_block(open_round, member):
    message = invitation_message(invitation=invite(round=open_round, users=[member])[0], kind=KIND_INVITATION)
    assert "Bericht van" not in message.body


@pytest.mark.parametrize(("items", "minutes"), [(1, 5), (30, 5), (31, 10), (92, 20), (120, 20), (121, 25)])
def test_expected_duration_is_rounded_up_to_five_minutes(items, minutes):
    from rounds.selectors import minutes_for_items

    assert minutes_for_items(items) == minutes


def test_round_form_saves_the_personal_message(client_for, coordinator, network, open_round):
    from django.urls import reverse

    url = reverse("rounds:edit", kwargs={"network_slug": network.slug, "round_slug": open_round.slug})
    data = {"name": open_round.name, "slug": open_round.slug, "instrument": open_round.instrument_id,
            "show_respondents": "0", "invitation_message": "  Fijn dat u meedoet.  "}
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.invitation_message == "Fijn dat u meedoet."
    too_long = client_for(coordinator).post(url, {**data, "invitation_message": "x" * 1001})
    assert too_long.status_code == 400
