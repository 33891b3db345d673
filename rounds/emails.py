"""Invitation and reminder mails: plain text with an HTML alternative, Dutch first with English below.

Invitees have no language preference on record, so one mail carries both languages. Each part is rendered
from the same templates (Dutch msgids) under the matching active language; as long as no English
translation is compiled the English part would repeat the Dutch, so it is then left out.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import absolute_url

from .models import Invitation
from .selectors import round_expected_minutes

KIND_INVITATION = "invitation"
KIND_REMINDER = "reminder"
KINDS = (KIND_INVITATION, KIND_REMINDER)

MAIL_LANGUAGES = ("nl", "en")


def invitation_link(invitation: Invitation) -> str:
    """The full personal link, as mailed and as shown to the coordinator for copying (core.links)."""
    return absolute_url(invitation.get_absolute_url())


def _sender_name(round) -> str:
    creator = round.created_by
    return (creator.get_full_name() or creator.email) if creator is not None else ""


def _subject(kind: str, context: dict) -> str:
    if kind == KIND_REMINDER:
        return _("Herinnering: vragenlijst %(round)s van %(network)s") % context
    return _("Uitnodiging: vragenlijst %(round)s van %(network)s") % context


def invitation_message(*, invitation: Invitation, kind: str) -> EmailMultiAlternatives:
    """Build (not send) the mail for one invitation. ``invitation`` needs user and round.network loaded."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    round = invitation.round
    user = invitation.user
    context = {
        "kind": kind,
        "invitation": invitation,
        "round": round,
        "network": round.network,
        "name": user.get_full_name() or user.email,
        "link": invitation_link(invitation),
        "minutes": round_expected_minutes(round=round),
        "personal_message": round.invitation_message,
        "sender": _sender_name(round),
    }
    subjects: list[str] = []
    texts: list[str] = []
    htmls: list[tuple[str, str]] = []  # (language, HTML section)
    for language in MAIL_LANGUAGES:
        with translation.override(language):
            subject = _subject(kind, {"round": round.name, "network": round.network.name})
            text = render_to_string("rounds/email/message.txt", {**context, "language": language}).strip()
            html = render_to_string("rounds/email/_message_body.html", {**context, "language": language})
        if texts and text == texts[0]:
            continue
        subjects.append(subject)
        texts.append(text)
        htmls.append((language, html))
    if len(texts) > 1:
        with translation.override("en"):
            texts[0] = _("(Engelse versie hieronder)") + "\n\n" + texts[0]
    separator = "\n\n" + "-" * 60 + "\n\n"
    body = separator.join(texts) + "\n"
    html_body = render_to_string("rounds/email/message.html", {"sections": htmls, "subject": subjects[0]})
    message = EmailMultiAlternatives(
        subject=" / ".join(subjects),
        body=body,
        from_email=None,
        to=[user.email],
    )
    message.attach_alternative(html_body, "text/html")
    return message
