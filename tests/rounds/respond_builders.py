"""Builders for the respondent-side tests (questionnaire, respond views, concurrency, browser).

``build_instrument`` builds a small instrument shaped like the real one (SF by area, MK by phase plus the
phase claim, KO on one page, optional modules) with ``n`` items per page, so that tests can compare a
page with few items against one with many.
"""

from __future__ import annotations

import copy
import itertools

from django.test import Client

from assessments.models import Dimension, Instrument, Item, Module, Scale, ScaleOption
from rounds.models import Round, RoundStatus

_counter = itertools.count(1)


def build_instrument(*, n: int = 3, slug: str | None = None) -> Instrument:
    number = next(_counter)
    instrument = Instrument.objects.create(slug=slug or f"test-{number}", version=1, name_nl="Testlijst",
                                           name_en="Test questionnaire")
    scales = {}
    for code, values in (("presence5", range(1, 6)), ("realised4", range(0, 4)), ("phase4", range(1, 5))):
        scale = Scale.objects.create(instrument=instrument, code=code, name_nl=code, name_en=code)
        for order, value in enumerate(values):
            ScaleOption.objects.create(scale=scale, value=value, label_nl=f"{code} {value}",
                                       label_en=f"{code} {value}", order=order)
        scales[code] = scale
    position = itertools.count(1)

    def module(code: str, title: str, *, optional: bool = False, allow_comment: bool = True) -> Module:
        return Module.objects.create(instrument=instrument, code=code, optional=optional, title_nl=title,
                                     title_en=title, order=next(position), allow_comment=allow_comment)

    def dimension(mod: Module, code: str, title: str) -> Dimension:
        return Dimension.objects.create(module=mod, code=code, title_nl=title, title_en=title, order=next(position))

    def item(dim: Dimension, code: str, scale: str, *, factor: str = "", aspect: str = "", label: str = "") -> Item:
        return Item.objects.create(
            instrument=instrument, dimension=dim, scale=scales[scale], code=code, factor=factor, aspect=aspect,
            label_nl=label or f"Label {code}", label_en=label or f"Label {code}", text_nl=f"Vraag {code}?",
            text_en=f"Question {code}?", help_nl=f"Uitleg bij {code}." if code.endswith("1.presence") else "",
            source={"file": "004", "lines": "1-2"}, order=next(position),
        )

    sf = module("SF", "Succesfactoren")
    for area in ("K", "P"):
        dim = dimension(sf, area, f"Gebied {area}")
        for i in range(n):
            factor, aspect = f"SF.{area}{i // 2 + 1}", ("presence", "importance")[i % 2]
            item(dim, f"{factor}.{aspect}", "presence5", factor=factor, aspect=aspect, label=f"Factor {factor}")
    mk = module("MK", "Ontwikkelingsfasen")
    for phase in ("1", "2"):
        dim = dimension(mk, phase, f"Fase {phase}")
        for i in range(1, n + 1):
            item(dim, f"MK.{phase}.{i}", "realised4")
    item(dimension(mk, "claim", "Uw inschatting"), "MK.phase", "phase4")
    ko = module("KO", "Uitdagingen")
    dim = dimension(ko, "challenges", "Negen uitdagingen")
    for i in range(1, n + 1):
        item(dim, f"KO.{i}", "realised4")
    kw = module("KW", "Klantwaarde", optional=True)
    dim = dimension(kw, "client", "Klantwaarde")
    for i in range(1, 4):
        item(dim, f"KW.{i}", "presence5")
    cx = module("CX", "Complexiteit", optional=True, allow_comment=False)
    dim = dimension(cx, "complexity", "Complexiteit")
    for i in range(1, 3):
        item(dim, f"CX.{i}", "presence5")
    return instrument


def build_round(*, network, instrument: Instrument, status: str = RoundStatus.OPEN,
                optional: tuple[str, ...] = ("KW",), slug: str | None = None) -> Round:
    round = Round.objects.create(network=network, name="Najaar", slug=slug or f"ronde-{next(_counter)}",
                                 instrument=instrument, status=status)
    round.optional_modules.set(Module.objects.filter(instrument=instrument, code__in=optional))
    return round


def second_tab(client: Client) -> Client:
    """Another tab of the same browser: its own requests, the same cookies (and so the same claims)."""
    tab = Client()
    tab.cookies = copy.deepcopy(client.cookies)
    return tab


def answer_page(client: Client, token: str, page, *, revision: int = 0, value: str | None = None, nav: str = "next",
                comment: str | None = None, extra: dict | None = None, url_name: str = "rounds:respond_page"):
    """POST a page with every item answered (the first option, or ``value``)."""
    from django.urls import reverse

    data = {"page": page.key, "revision": str(revision), "nav": nav}
    for item in page.items:
        data[item.field_name] = value if value is not None else str(item.options[0].value)
    if comment is not None:
        data["comment"] = comment
    data.update(extra or {})
    return client.post(reverse(url_name, kwargs={"token": token, "page": page.key}), data)




def submit(client: Client, token: str):
    """Submit as the respondent would: confirming open questions, with one answer stored if there is none
    (an empty questionnaire cannot be submitted)."""
    from django.urls import reverse

    from rounds.models import Answer, Response

    response = Response.objects.filter(invitation__token=token).select_related("round").first()
    if response is not None and not Answer.objects.filter(response=response).exists():
        item = (Item.objects.filter(instrument=response.round.instrument_id, dimension__module__optional=False)
                .earliest("pk"))
        Answer.objects.create(response=response, item=item, value=item.scale.options.earliest("value").value)
    return client.post(reverse("rounds:respond_submit", kwargs={"token": token}), {"confirm_incomplete": "on"})
