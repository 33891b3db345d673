"""Writes of the respondent side: the response itself, its profile, page saves, submit and reopen.

The rule throughout is that no saved answer is ever lost: saves are upserts per item, a page saved from
an outdated copy (another tab, another device) is refused instead of overwriting, and the checks that
decide whether a save may happen (response not submitted, round still open) are conditional updates
inside the same transaction, so that a submit or a round closing at the same moment cannot slip between
check and write.

Who may open a started response is decided in ``respond_access``; this module creates the claim with the
response, moves it (``response_claim_move``) and mails the invitee a resume link (``response_resume_mail``).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.ratelimit import ratelimit_consume
from networks.models import Organisation

from ..emails import MAIL_LANGUAGES
from ..models import (
    Answer,
    Invitation,
    PageState,
    Response,
    Round,
    RoundStatus,
    StoredAnswer,
    answer_from_row,
    answer_row_fields,
    new_claim_key,
)
from ..questionnaire import COMMENT_MAX_LENGTH, Page
from ..respond_access import RESUME_MAX_AGE, resume_signature_make

logger = logging.getLogger(__name__)

RESUME_MAIL_SCOPE = "resume_mail"
# Three mails an hour per invitation: a lost or spam-filtered mail can be asked for again, an inbox not flooded.
RESUME_MAIL_LIMIT = {"limit": 3, "window": 60 * 60}


class ResponseLocked(ValidationError):
    """The response is submitted: reopen it before changing answers."""


class RoundNotOpen(ValidationError):
    """The round is not open (any more): nothing can be saved."""


def _locked() -> ResponseLocked:
    return ResponseLocked(_("Uw antwoorden zijn al ingediend. Heropen de vragenlijst om iets te wijzigen."))


def _not_open() -> RoundNotOpen:
    return RoundNotOpen(_("De ronde is gesloten; er kan niets meer worden opgeslagen. Alles wat al was "
                          "opgeslagen, blijft bewaard."))


def response_start(*, invitation: Invitation) -> tuple[Response, bool]:
    """The invitee's response in the round, created on first use; True when this call created it.

    Only the creator gets the response's claim key for its browser (``respond_access``). Two first requests
    at the same moment (a double click, two tabs) may both try to create it: the unique constraints decide,
    and the loser reads the winner's row. A response left without invitation (the invitation was deleted and
    a new one made) is taken over, so earlier answers are not orphaned; that does not count as created,
    because those answers are not the visitor's to see without proof.
    """
    existing = Response.objects.filter(invitation=invitation).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            response = Response(round_id=invitation.round_id, invitation=invitation, respondent_id=invitation.user_id,
                                claim_key=new_claim_key())
            response.full_clean(validate_constraints=False)
            response.save()
            return response, True
    except (IntegrityError, ValidationError) as exc:
        conflict = exc
    with transaction.atomic():
        existing = (
            Response.objects.select_for_update()
            .filter(Q(invitation=invitation) | Q(round_id=invitation.round_id, respondent_id=invitation.user_id))
            .order_by(F("invitation_id").desc(nulls_last=True))
            .first()
        )
        if existing is None:  # pragma: no cover - the conflicting row vanished in between
            raise conflict
        if existing.invitation_id is None:
            existing.invitation = invitation
            existing.save(update_fields=["invitation", "updated_at"])
        return existing, False


def response_get_or_create(*, invitation: Invitation) -> Response:
    return response_start(invitation=invitation)[0]


@transaction.atomic
def response_claim_move(*, response: Response) -> Response:
    """A new claim key: the browser that gets it is the only one that can open the response from now on."""
    response.claim_key = new_claim_key()
    Response.objects.filter(pk=response.pk).update(claim_key=response.claim_key)
    return response


class ResumeMailRefused(ValidationError):
    """No resume mail: too many were sent lately, or there is no address to send it to."""

    def __init__(self, message: str, *, code: str, retry_after: int = 0):
        super().__init__(message, code=code)
        self.retry_after = retry_after


def resume_link(*, invitation: Invitation, response: Response) -> str:
    path = reverse("rounds:respond_resume", kwargs={
        "token": invitation.token, "signature": resume_signature_make(token=invitation.token, response=response)})
    return absolute_url(path)


def _resume_message(*, invitation: Invitation, link: str) -> EmailMultiAlternatives:
    """Dutch first with English below, like the invitation mail; the English part only once it is translated."""
    round = invitation.round
    context = {"name": invitation.user.get_full_name() or invitation.user.email, "round": round,
               "network": round.network, "link": link, "hours": RESUME_MAX_AGE // 3600}
    subjects: list[str] = []
    texts: list[str] = []
    htmls: list[tuple[str, str]] = []  # (language, HTML section)
    for language in MAIL_LANGUAGES:
        with translation.override(language):
            subject = _("Verder met de vragenlijst %(round)s") % {"round": round.name}
            text = render_to_string("rounds/email/resume.txt", context).strip()
            html = render_to_string("rounds/email/_resume_body.html", context)
        if texts and text == texts[0]:
            continue
        subjects.append(subject)
        texts.append(text)
        htmls.append((language, html))
    message = EmailMultiAlternatives(subject=" / ".join(subjects), body=("\n\n" + "-" * 60 + "\n\n").join(texts)
                                     + "\n", to=[invitation.user.email])
    message.attach_alternative(
        render_to_string("rounds/email/message.html", {"sections": htmls, "subject": subjects[0]}), "text/html")
    return message


def response_resume_mail(*, invitation: Invitation, response: Response) -> None:
    """Mail the invitee a one-time link that gives the browser it is opened in the claim on the response.

    The address is the invitee's own (never one typed by the visitor), and at most ``RESUME_MAIL_LIMIT``
    mails go out per invitation per hour, so that the button cannot be used to flood someone's inbox.
    """
    if not invitation.user.email:
        raise ResumeMailRefused(_("Er is geen e-mailadres bekend om de link naar toe te sturen. Log in met uw "
                                  "account om verder te gaan."), code="no_address")
    if not ratelimit_consume(scope=RESUME_MAIL_SCOPE, key=f"invitation:{invitation.pk}",
                             limit=RESUME_MAIL_LIMIT["limit"], window=RESUME_MAIL_LIMIT["window"]):
        raise ResumeMailRefused(
            _("Er zijn het afgelopen uur al drie links verstuurd. Kijk in uw e-mail, ook bij de ongewenste "
              "e-mail, en gebruik de nieuwste link."), code="limit", retry_after=RESUME_MAIL_LIMIT["window"])
    message = _resume_message(invitation=invitation, link=resume_link(invitation=invitation, response=response))
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.exception("Resume mail for invitation %s could not be sent", invitation.pk)
        raise ResumeMailRefused(_("De e-mail kon nu niet worden verstuurd. Probeer het over een paar minuten "
                                  "opnieuw."), code="mail_failed") from exc


@transaction.atomic
def response_confirm_profile(*, response: Response, organisation: Organisation | None, level: str,
                             chain_role: str, comment_consent: bool) -> Response:
    if response.is_submitted:
        raise _locked()
    if not Round.objects.filter(pk=response.round_id, status=RoundStatus.OPEN).exists():
        raise _not_open()
    response.organisation = organisation
    response.level = level
    response.chain_role = chain_role
    response.comment_consent = comment_consent
    response.profile_confirmed = True
    response.full_clean(validate_constraints=False)
    response.save(update_fields=["organisation", "level", "chain_role", "comment_consent", "profile_confirmed",
                                 "updated_at"])
    return response


@dataclass
class PageSaveResult:
    saved: bool
    revision: int
    saved_at: datetime | None
    conflict: bool = False
    # On a conflict: what is stored now, so that the respondent can compare it with their own input.
    server_values: dict[str, StoredAnswer] = field(default_factory=dict)
    server_comment: str = ""


def _validate_values(*, page: Page, values: dict[str, StoredAnswer]) -> None:
    """The page structure is the authority on what may be stored; the view's form checks the same first."""
    items = {item.code: item for item in page.items}
    for code, value in values.items():
        item = items.get(code)
        if item is None:
            raise ValidationError(_("Vraag %(code)s hoort niet bij deze pagina.") % {"code": code})
        if not item.accepts(value):
            raise ValidationError(_("%(value)s is geen antwoord op vraag %(code)s.") % {"value": value, "code": code})


def _stored(*, response: Response, page: Page) -> tuple[PageState, dict[str, StoredAnswer]]:
    codes_by_id = {item.id: item.code for item in page.items}
    state = PageState.objects.get(response=response, page=page.key)
    rows = Answer.objects.filter(response=response, item_id__in=codes_by_id).values_list(
        "item_id", "value", "not_applicable")
    return state, {codes_by_id[item_id]: answer_from_row(value=value, not_applicable=na) for item_id, value, na in rows}


@transaction.atomic
def page_save(*, response: Response, page: Page, revision: int | None, values: dict[str, StoredAnswer],
              comment: str | None, next_page: str = "") -> PageSaveResult:
    """Save one page as a draft: upsert the given answers and the comment, bump the page revision.

    ``revision`` is the revision the page was loaded at. If the page has been saved since, the save is
    refused (``conflict``) unless it would store exactly what is stored already (an autosave and a
    click on "next" racing each other from the same tab). ``None`` means the revision is unknown (a
    tampered form): the answers are saved without the check rather than lost.
    ``values`` maps item codes to a scale value, None ("weet niet") or NOT_APPLICABLE ("n.v.t.", where the
    instrument offers it); items not given stay as they
    are, so a page never erases answers it did not send. ``comment`` None leaves the comment as is.
    The number of queries does not depend on the number of items.
    """
    _validate_values(page=page, values=values)
    if comment is not None and len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(_("De opmerking is te lang."))
    now = timezone.now()
    # The revision row must exist before the conditional update; a concurrent first save may create it too.
    PageState.objects.bulk_create([PageState(response=response, page=page.key, updated_at=now)],
                                  ignore_conflicts=True)
    changes = {"revision": F("revision") + 1, "updated_at": now}
    if comment is not None:
        changes["comment"] = comment
    states = PageState.objects.filter(response=response, page=page.key)
    if revision is not None:
        states = states.filter(revision=revision)
    if not states.update(**changes):
        state, stored = _stored(response=response, page=page)
        unchanged = all(code in stored and stored[code] == value for code, value in values.items())
        if unchanged and (comment is None or comment == state.comment):
            return PageSaveResult(saved=True, revision=state.revision, saved_at=state.updated_at)
        return PageSaveResult(saved=False, conflict=True, revision=state.revision, saved_at=state.updated_at,
                              server_values=stored, server_comment=state.comment)
    item_ids = {item.code: item.id for item in page.items}
    if values:
        # Deliberately no full_clean per Answer: its foreign-key checks would cost a query per item, and
        # _validate_values has checked every code and value against the page structure.
        Answer.objects.bulk_create(
            [Answer(response=response, item_id=item_ids[code], updated_at=now, **answer_row_fields(answer=value))
             for code, value in values.items()],
            update_conflicts=True, unique_fields=["response", "item"],
            update_fields=["value", "not_applicable", "updated_at"],
        )
    # These two updates are also the guards: zero rows means submitted or closed meanwhile, and raising
    # rolls the whole page back. The round row is touched last to keep its lock short.
    response_changes: dict[str, object] = {"updated_at": now}
    if next_page:
        response_changes["last_page"] = next_page
    if not Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(**response_changes):
        raise _locked()
    if not Round.objects.filter(pk=response.round_id, status=RoundStatus.OPEN).update(answers_changed_at=now):
        raise _not_open()
    if revision is None:
        revision = PageState.objects.filter(response=response, page=page.key).values_list(
            "revision", flat=True).get() - 1
    return PageSaveResult(saved=True, revision=revision + 1, saved_at=now)


@transaction.atomic
def response_set_last_page(*, response: Response, page_key: str) -> None:
    """Remember where the respondent is, so that the link resumes there (also when moving without changes)."""
    if response.last_page != page_key:
        Response.objects.filter(pk=response.pk).update(last_page=page_key)
        response.last_page = page_key


@transaction.atomic
def response_submit(*, response: Response) -> Response:
    """Lock the response. Submitting twice is harmless: the first submission time is kept.

    An entirely empty questionnaire is refused: it would count as a response while saying nothing.
    """
    if not Answer.objects.filter(response=response).exists():
        raise ValidationError(_("U hebt nog geen enkele vraag beantwoord. Een lege vragenlijst kan niet worden "
                                "ingediend; beantwoord eerst de vragen."), code="empty")
    now = timezone.now()
    if not Round.objects.filter(pk=response.round_id, status=RoundStatus.OPEN).update(answers_changed_at=now):
        raise _not_open()
    Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(submitted_at=now, updated_at=now)
    response.refresh_from_db(fields=["submitted_at", "updated_at"])
    return response


@transaction.atomic
def response_reopen(*, response: Response) -> Response:
    """Unlock a submitted response so that it can be changed, as long as the round is open."""
    now = timezone.now()
    if not Round.objects.filter(pk=response.round_id, status=RoundStatus.OPEN).update(answers_changed_at=now):
        raise _not_open()
    Response.objects.filter(pk=response.pk).update(submitted_at=None, updated_at=now)
    response.refresh_from_db(fields=["submitted_at", "updated_at"])
    return response
