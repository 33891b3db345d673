"""The one place that decides what a personal questionnaire link (the invitation token) may do.

The token starts a questionnaire without logging in, but once started, the answers open only in the browser
that started them. The token alone is not enough to read answers: coordinators see the links of their
invitees, and answers are never shown per person to them.

* ``respondent_access`` resolves the token; a link that cannot be used raises ``LinkProblem`` with the status
  and the message the respondent sees.
* **Claims.** The browser that creates the response holds its claim: the response id with its
  ``claim_key``, in a signed, HttpOnly cookie (a year) and in the session. ``claim_held`` checks it. The
  invitee logged in with their own account needs no claim. Proof of identity (the mailed resume link, or
  logging in) moves the claim: a new key shuts out every other browser, including one that opened the link
  before the invitee did.
* **Resume links.** A visitor without the claim may ask for a resume link, mailed only to the invitee. It is
  signed over the response, the current token and the current claim key, so it expires after 24 hours, dies
  when the invitation gets a new token, and works once (using it changes the claim key).
"""

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import Invitation, Response, Round, RoundStatus

CLAIM_COOKIE = "kr_claims"
CLAIM_SESSION_KEY = "kr_claims"
CLAIM_SALT = "ketenregie.rounds.claims"
CLAIM_MAX_AGE = 365 * 24 * 60 * 60
# Enough for anyone's rounds; the oldest claims drop out so that the cookie stays small.
CLAIM_LIMIT = 30
RESUME_MAX_AGE = 24 * 60 * 60


class LinkProblem(Exception):  # noqa: N818 - it is a condition shown to the respondent, not a bug
    def __init__(self, *, status: int, code: str, title: str, message: str, round: Round | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.title = title
        self.message = message
        self.round = round


@dataclass
class RespondentAccess:
    invitation: Invitation
    round: Round
    response: Response | None

    @property
    def started(self) -> Response:
        """The response, for views behind ``respondent_view`` (which starts it, or refuses, before they run)."""
        if self.response is None:
            raise LookupError("the questionnaire has not been started")
        return self.response

    @property
    def can_change(self) -> bool:
        """Answers may change only while the round is open and the response is not submitted."""
        return self.round.is_open and not (self.response and self.response.is_submitted)


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """One query: the invitation with its round, network, user and (if any) response. (The instrument is not
    joined: the questionnaire comes from its own cache, rounds.questionnaire.)"""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("round__network", "response", "user")
        .filter(token=token)
        .first()
    )


def _response_of(invitation: Invitation) -> Response | None:
    try:
        return invitation.response
    except Response.DoesNotExist:
        return None


def respondent_access(*, token: str, write: bool = False) -> RespondentAccess:
    """Resolve a token, refusing unknown and withdrawn links and rounds that are not (or no longer) open.

    With ``write`` the round must be open; without it a closed round stays readable for someone who
    already has a response, so that they can still see what they answered.
    """
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        raise LinkProblem(
            status=404, code="unknown", title=_("Deze link is niet geldig"),
            message=_("Wij kennen deze link niet. Controleer of u de volledige link uit de uitnodiging hebt "
                      "gebruikt, of vraag uw netwerkcoördinator om een nieuwe uitnodiging."),
        )
    round = invitation.round
    if invitation.is_revoked:
        raise LinkProblem(
            status=410, code="revoked", title=_("Deze link is ingetrokken"), round=round,
            message=_("Deze persoonlijke link is ingetrokken. Vraag uw netwerkcoördinator om een nieuwe link. "
                      "Wat u eerder hebt ingevuld, blijft bewaard."),
        )
    response = _response_of(invitation)
    if round.status == RoundStatus.DRAFT:
        raise LinkProblem(
            status=403, code="not_open", title=_("Deze ronde is nog niet geopend"), round=round,
            message=_("De vragenlijst is nog niet geopend. U kunt dezelfde link gebruiken zodra de coördinator "
                      "de ronde opent."),
        )
    if round.status == RoundStatus.CLOSED and (write or response is None):
        raise LinkProblem(
            status=403, code="closed", title=_("Deze ronde is gesloten"), round=round,
            message=_("De ronde is gesloten; er kunnen geen antwoorden meer worden gegeven of gewijzigd. "
                      "Alles wat al was opgeslagen, blijft bewaard."),
        )
    return RespondentAccess(invitation=invitation, round=round, response=response)


# --- Claims: which browser may open a started response ---------------------------------------------------


def _parse_claims(value: str | None) -> dict[int, str]:
    claims = {}
    for part in value.split("|") if value else ():
        pk, _sep, key = part.partition(".")
        if pk.isdigit() and key:
            claims[int(pk)] = key
    return claims


def _cookie_claims(request: HttpRequest) -> dict[int, str]:
    value = request.get_signed_cookie(CLAIM_COOKIE, default="", salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    return _parse_claims(value)


def _session_claims(request: HttpRequest) -> dict[int, str]:
    stored = request.session.get(CLAIM_SESSION_KEY) or {}
    return {int(pk): key for pk, key in stored.items() if str(pk).isdigit() and isinstance(key, str)}


def claim_held(*, request: HttpRequest, response: Response) -> bool:
    """Does this browser hold the claim on the response (cookie first; the session only when needed)?"""
    if not response.claim_key:
        return False
    if _cookie_claims(request).get(response.pk) == response.claim_key:
        return True
    # The session answers for the request that made the claim (the cookie is set on the way out) and for a
    # browser that lost the cookie; it costs no query for a browser without a session.
    return _session_claims(request).get(response.pk) == response.claim_key


def is_invitee(*, request: HttpRequest, invitation: Invitation) -> bool:
    return request.user.is_authenticated and request.user.pk == invitation.user_id


#: Claims gained during a request, written to the cookie on the way out; gone with the request.
_new_claims: WeakKeyDictionary[HttpRequest, dict[int, str]] = WeakKeyDictionary()


def claim_remember(*, request: HttpRequest, response: Response) -> None:
    """Give this browser the claim: in the session now, in the cookie when ``claims_cookie_write`` runs."""
    session_claims = dict(request.session.get(CLAIM_SESSION_KEY) or {})
    session_claims.pop(str(response.pk), None)  # re-added last: the oldest claims are the ones dropped
    session_claims[str(response.pk)] = response.claim_key
    request.session[CLAIM_SESSION_KEY] = dict(list(session_claims.items())[-CLAIM_LIMIT:])
    _new_claims.setdefault(request, {})[response.pk] = response.claim_key


def claims_cookie_write(*, request: HttpRequest, http_response: HttpResponse) -> HttpResponse:
    """Set the claim cookie if this request gained a claim; other claims in the cookie are kept."""
    pending = _new_claims.get(request)
    if not pending:
        return http_response
    claims = {pk: key for pk, key in _cookie_claims(request).items() if pk not in pending}
    claims.update(pending)
    value = "|".join(f"{pk}.{key}" for pk, key in list(claims.items())[-CLAIM_LIMIT:])
    http_response.set_signed_cookie(
        CLAIM_COOKIE, value, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE, path="/r/", secure=request.is_secure(),
        httponly=True, samesite="Lax",
    )
    return http_response


def mask_email(email: str) -> str:
    """Enough of the address to recognise it (j***@example.org), not enough to learn it."""
    local, at, domain = (email or "").partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


# --- Resume links ----------------------------------------------------------------------------------------


class ResumeLinkInvalid(Exception):
    """Tampered, already used, replaced by a newer link, or signed for another token or response."""


class ResumeLinkExpired(ResumeLinkInvalid):
    """Older than ``RESUME_MAX_AGE``."""


def _resume_signer(*, token: str, response: Response) -> signing.TimestampSigner:
    # Token and claim key in the salt: a new token (reissue) or a moved claim (the link was used) invalidates it.
    return signing.TimestampSigner(salt=f"ketenregie.rounds.resume:{token}:{response.claim_key}")


def resume_signature_make(*, token: str, response: Response) -> str:
    return _resume_signer(token=token, response=response).sign(str(response.pk))


def resume_signature_check(*, token: str, response: Response, signature: str) -> None:
    """Raise ``ResumeLinkExpired`` (older than 24 hours) or ``ResumeLinkInvalid`` (tampered, used, replaced)."""
    if not response.claim_key or len(signature) > 200:
        raise ResumeLinkInvalid()
    try:
        value = _resume_signer(token=token, response=response).unsign(signature, max_age=RESUME_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ResumeLinkExpired() from exc
    except signing.BadSignature as exc:
        raise ResumeLinkInvalid() from exc
    if value != str(response.pk):
        raise ResumeLinkInvalid()
