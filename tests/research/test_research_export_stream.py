"""The faster answer stream (issue 17) exports exactly what the single joined stream it replaced exported.

The reference below is the former ``research_response_stream``: every answer row carries its respondent's
level, role and sector, read in one query. The export now reads the answers as four integers in large
fetches and the attributes once per response, alongside; every layout and format must come out byte for byte
the same, with respondents of mixed profiles, "weet niet", "n.v.t.", a response without answers and a
round below the minimum group size in the data.
"""

import json
from itertools import groupby
from operator import itemgetter

import pytest

from networks.models import ChainRole, Level, Sector
from research import exports, selectors
from rounds.models import Answer, Response
from tests.must import present
from tests.research.research_testkit import body, download


def _former_stream(*, filters):
    groups = selectors.research_round_groups(filters=filters)
    pending = next(groups, None)
    rows = selectors.research_answers(filters=filters).iterator(selectors.CHUNK_SIZE)
    for response_id, group in groupby(rows, key=itemgetter(1)):
        answer_rows = list(group)
        round_id, _response, _item, _value, level, role, sector = answer_rows[0]
        while pending is not None and pending.round_id < round_id:
            pending = next(groups, None)
        if pending is None or pending.round_id != round_id:
            continue
        yield selectors.ResponseAnswers(info=pending, response_id=response_id,
                                        attributes=(level or "", role or "", sector or ""),
                                        answers=[(row[2], row[3]) for row in answer_rows])


@pytest.fixture
def data(consenting, make_round, add_partner, instrument):
    first, second = consenting(), consenting()
    mental = add_partner(first, sector=Sector.MENTAL_HEALTH)
    own = first.partnerships.select_related("organisation").first().organisation
    profiles = [(Level.STRATEGIC, ChainRole.CHAIN_PARTNER, own), (Level.OPERATIONAL, ChainRole.PROFESSIONAL, mental),
                ("", "", own), (Level.TACTICAL, ChainRole.PROFESSIONAL, mental)] * 2
    round_ = make_round(network=first, profiles=profiles)
    make_round(network=second, respondents=6)
    make_round(network=second, respondents=2)  # below the minimum: suppressed
    make_round(network=first, respondents=4, submitted=False)  # not submitted: not exported
    # "n.v.t." on one answer, and a submitted response that has no answers at all.
    answer = present(Answer.objects.filter(response__round=round_).first())
    Answer.objects.filter(pk=answer.pk).update(not_applicable=True, value=None)
    Response.objects.create(round=round_, organisation=own, level=Level.TACTICAL, chain_role=ChainRole.CHAIN_PARTNER,
                            submitted_at=round_.closed_at)


# CSV: byte for byte (the native and Excel files carry their creation time, JSON its log entry: see below).
@pytest.mark.parametrize(("layout", "format"), [("long", "csv"), ("wide", "csv")])
def test_export_is_byte_identical_to_the_single_joined_stream(client_for, researcher, data, monkeypatch,
                                                              layout, format):
    client = client_for(researcher)
    monkeypatch.setattr(selectors, "ANSWER_CHUNK_SIZE", 3)  # many fetches, responses split across them
    current = body(download(client, layout=layout, format=format))
    monkeypatch.setattr(exports, "research_response_stream", _former_stream)
    former = body(download(client, layout=layout, format=format))
    assert current == former
    assert len(current) > 200


def test_export_labelled_csv_is_byte_identical_too(client_for, researcher, data, monkeypatch):
    client = client_for(researcher)
    params = {"layout": "long", "format": "csv", "labels": "1", "headings": "text", "semicolon": "1"}
    current = body(download(client, **params))
    monkeypatch.setattr(exports, "research_response_stream", _former_stream)
    assert body(download(client, **params)) == current
    assert current.count(b"\n") > 20


def test_json_export_has_the_same_rows(client_for, researcher, data, monkeypatch):
    # The metadata carry the export's own log id and time; the rows must be the same.
    client = client_for(researcher)
    current = json.loads(body(download(client, layout="long", format="json")))
    monkeypatch.setattr(exports, "research_response_stream", _former_stream)
    former = json.loads(body(download(client, layout="long", format="json")))
    assert (current["columns"], current["rows"]) == (former["columns"], former["rows"])
    assert len(current["rows"]) > 20
