"""The one place that decides what a personal questionnaire link (the invitation token) may do.

The token is a capability: whoever holds it fills in that invitee's questionnaire, without logging in.
Every respondent view asks ``respondent_access`` first; a link that cannot be used raises ``LinkProblem``
with the status and the message the respondent sees.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Invitation, Response, Round, RoundStatus


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
    def can_change(self) -> bool:
        """Answers may change only while the round is open and the response is not submitted."""
        return self.round.is_open and not (self.response and self.response.is_submitted)


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """One query: the invitation with its round, network, instrument and (if any) response."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("round__network", "round__instrument", "response", "user")
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
