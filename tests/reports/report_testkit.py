"""Shared helpers for the report tests: demo data, a small round built through the ORM, PDF text."""

from __future__ import annotations

import io
from collections.abc import Mapping
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from assessments.models import Instrument, Item
from networks.models import Membership, Network, PlatformRole
from rounds.models import Answer, Invitation, PageState, Response, Round, RoundStatus


def load_demo() -> None:
    """The shipped instrument and the three demo networks with their simulated rounds."""
    call_command("load_instruments", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """PDF text with line breaks and repeated spaces folded, so wrapped phrases can be found."""
    return " ".join(text.split())


def instrument() -> Instrument:
    found = Instrument.objects.latest_published()
    if found is None:
        call_command("load_instruments", stdout=StringIO())
        found = Instrument.objects.latest_published()
    assert found is not None
    return found


def make_round(*, network: Network, slug: str = "ronde-1", status: str = RoundStatus.CLOSED,
               name: str = "Voorjaar 2026", opens_on=None) -> Round:
    now = timezone.now()
    return Round.objects.create(
        network=network, name=name, slug=slug, instrument=instrument(), status=status, opened_at=now,
        closed_at=now if status == RoundStatus.CLOSED else None, answers_changed_at=now, opens_on=opens_on,
    )


def respond(*, round: Round, user, values: Mapping[str, int | None] | None = None, default: int | None = 3,
            submitted: bool = True, comment: str = "", consent: bool = False, level: str = "operationeel",
            organisation=None) -> Response:
    """A response with an answer to every item of the round's mandatory modules (``default`` unless given)."""
    invitation, _ = Invitation.objects.get_or_create(round=round, user=user)
    membership = Membership.objects.filter(network=round.network, user=user).first()
    response = Response.objects.create(
        round=round, invitation=invitation, respondent=user,
        organisation=organisation or (membership.organisation if membership else None), level=level,
        profile_confirmed=True, comment_consent=consent, submitted_at=timezone.now() if submitted else None,
    )
    values = values or {}
    items = Item.objects.filter(instrument=round.instrument, dimension__module__optional=False).select_related(
        "scale").prefetch_related("scale__options")
    answers = []
    for item in items:
        options = sorted(o.value for o in item.scale.options.all())
        value = values.get(item.code, default)
        if value is not None:
            value = min(max(value, options[0]), options[-1])
        answers.append(Answer(response=response, item=item, value=value))
    Answer.objects.bulk_create(answers)
    if comment:
        PageState.objects.create(response=response, page="SF-K", comment=comment)
    return response


def members(*, network: Network, count: int, make_membership) -> list:
    return [make_membership(network=network, role=PlatformRole.MEMBER).user for _ in range(count)]
