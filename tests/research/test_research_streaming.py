"""Exports stream: a fixed number of queries whatever the size of the data, and the counts page likewise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from research import selectors, writers
from tests.research.research_testkit import body, download, read_csv


def _queries_for_export(client, layout: str, format: str = "csv") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = download(client, layout=layout, format=format)
        rows = len(read_csv(body(response))) if format == "csv" else 0
    return len(captured), rows


@pytest.mark.parametrize("layout", ["long", "wide", "scores"])
def test_export_queries_do_not_grow_with_the_data(client_for, researcher, consenting, make_round, layout):
    client = client_for(researcher)
    make_round(network=consenting())
    _queries_for_export(client, layout)  # stores the score snapshots of the first round
    small, small_rows = _queries_for_export(client, layout)
    for _ in range(4):
        make_round(network=consenting(), respondents=5)
    _queries_for_export(client, layout)
    large, large_rows = _queries_for_export(client, layout)
    assert large_rows > small_rows
    assert large == small


def test_research_page_counts_in_constant_queries(client_for, researcher, consenting, make_round):
    client = client_for(researcher)
    make_round(network=consenting())
    client.get(reverse("research:index"))  # first visit: per-session and per-process reads that a cache then holds
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("research:index"))
    for _ in range(4):
        make_round(network=consenting())
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("research:index"))
    assert response.context["counts"].rounds == 5
    assert len(many) == len(few)


def test_download_is_streamed_in_chunks(client_for, researcher, consenting, make_round, monkeypatch):
    monkeypatch.setattr(writers, "FLUSH_CHARS", 200)
    monkeypatch.setattr(selectors, "CHUNK_SIZE", 3)
    make_round(network=consenting(), respondents=4)
    response = download(client_for(researcher), layout="long", format="csv")
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 3
    assert len(read_csv(b"".join(chunks))) == 20
