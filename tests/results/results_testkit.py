"""Builders for the results tests: rounds on the shipped instrument and responses written straight to the ORM."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from assessments.loader import INSTRUMENTS_DIR, instrument_file_load
from assessments.models import Instrument, Module
from networks.models import Network, Organisation
from rounds.models import Answer, Response, Round, RoundStatus

_counter = itertools.count(1)


def shipped_instrument() -> Instrument:
    """Version 1 as the data migration loaded it; loaded here only if missing (parsing the YAML takes seconds)."""
    found = Instrument.objects.filter(slug="ketenregie", version=1).first()
    if found is None:
        instrument_file_load(path=INSTRUMENTS_DIR / "ketenregie-v1.yaml")
        found = Instrument.objects.get(slug="ketenregie", version=1)
    return found


def make_round(*, network: Network, status: str = RoundStatus.CLOSED, slug: str | None = None,
               optional: tuple[str, ...] = (), closes_on=None, instrument: Instrument | None = None) -> Round:
    instrument = instrument or shipped_instrument()
    n = next(_counter)
    now = timezone.now()
    round = Round.objects.create(
        network=network, name=f"Ronde {n}", slug=slug or f"ronde-{n}", instrument=instrument, status=status,
        closes_on=closes_on, opened_at=now if status != RoundStatus.DRAFT else None,
        closed_at=now if status == RoundStatus.CLOSED else None,
    )
    round.optional_modules.set(Module.objects.filter(instrument=instrument, code__in=optional))
    return round


def add_response(*, round: Round, answers: Mapping[str, int | None], organisation: Organisation | None = None,
                 level: str = "", role: str = "", submitted: bool = True, user=None) -> Response:
    now = timezone.now()
    response = Response.objects.create(round=round, respondent=user, organisation=organisation, level=level,
                                       chain_role=role, submitted_at=now if submitted else None)
    items = dict(round.instrument.items.values_list("code", "pk"))
    Answer.objects.bulk_create([Answer(response=response, item_id=items[code], value=value)
                                for code, value in answers.items()])
    Round.objects.filter(pk=round.pk).update(answers_changed_at=now)
    round.refresh_from_db(fields=["answers_changed_at"])
    return response


def network_scores(network: str, *args: str) -> dict:
    """Run the command and parse its JSON."""
    from io import StringIO

    out = StringIO()
    call_command("network_scores", network, *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def write_json(tmp_path: Path, data: object, name: str = "responses.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
