"""Builders for the coordinator-side round tests: a tiny instrument, rounds, invitations and responses.

The shipped instrument is loaded by a data migration as well; tests that need to know exactly which modules
exist use this small one (slug ``testlijst``) instead.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from assessments.models import Dimension, Instrument, InstrumentStatus, Item, Module, Scale, ScaleOption
from networks.models import Membership, Network
from rounds.models import Answer, Invitation, Response, Round, RoundStatus

_counter = itertools.count(1)


def make_instrument(*, version: int = 1, status: str = InstrumentStatus.PUBLISHED,
                    optional: tuple[str, ...] = ("KW", "CX"), slug: str = "testlijst") -> Instrument:
    instrument = Instrument.objects.create(slug=slug, version=version, name_nl="Testlijst", name_en="Test list",
                                           status=status)
    scale = Scale.objects.create(instrument=instrument, code="agree5", name_nl="Eens", name_en="Agree")
    for value in range(1, 6):
        ScaleOption.objects.create(scale=scale, value=value, label_nl=f"{value}", label_en=f"{value}", order=value)
    for order, (code, is_optional) in enumerate([("SF", False), *((code, True) for code in optional)]):
        module = Module.objects.create(instrument=instrument, code=code, optional=is_optional,
                                       title_nl=f"Module {code}", title_en=f"Module {code}", order=order)
        dimension = Dimension.objects.create(module=module, code="D", title_nl="Deel", title_en="Part")
        Item.objects.create(instrument=instrument, dimension=dimension, scale=scale, code=f"{code}.1",
                            label_nl=f"{code} één", label_en=f"{code} one", text_nl="Vraag?", text_en="Question?",
                            source={"file": "004", "lines": "1-2"}, order=order)
    return instrument


def make_round(*, network: Network, instrument: Instrument, status: str = RoundStatus.DRAFT,
               show_respondents: bool = False, slug: str | None = None, **fields) -> Round:
    n = next(_counter)
    now = timezone.now()
    return Round.objects.create(
        network=network, instrument=instrument, name=fields.pop("name", f"Ronde {n}"), slug=slug or f"ronde-{n}",
        status=status, show_respondents=show_respondents,
        opened_at=now if status != RoundStatus.DRAFT else None,
        closed_at=now if status == RoundStatus.CLOSED else None, **fields,
    )


def invite(*, round: Round, users, sent: bool = True) -> list[Invitation]:
    sent_at = timezone.now() - timedelta(days=1) if sent else None
    return [Invitation.objects.create(round=round, user=user, sent_at=sent_at) for user in users]


def respond(*, invitation: Invitation, submitted: bool = False, organisation=None, level: str = "",
            answer: bool = False) -> Response:
    response = Response.objects.create(
        round=invitation.round, invitation=invitation, respondent=invitation.user, organisation=organisation,
        level=level, submitted_at=timezone.now() if submitted else None,
    )
    if answer:
        item = Item.objects.filter(instrument=invitation.round.instrument_id).earliest("pk")
        Answer.objects.create(response=response, item=item, value=3)
    return response


def members(*, network: Network, make_membership, count: int, **fields) -> list:
    return [make_membership(network=network, **fields).user for _ in range(count)]


def membership_of(user, network: Network) -> Membership:
    return Membership.objects.get(user=user, network=network)
