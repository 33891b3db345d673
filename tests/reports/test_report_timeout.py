"""Rendering is bounded: a PDF that takes too long is stopped and the user gets a clear 503 page."""

import time

import pytest
from django.urls import reverse

from reports.models import ReportFile
from reports.pdf import ReportTimeout, render_pdf
from rounds.models import RoundStatus
from tests.reports.report_testkit import make_round, members, respond


def test_render_stops_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(ReportTimeout):
        render_pdf(html="<p>" + "lange tekst " * 20000 + "</p>", timeout=0.2)
    assert time.monotonic() - started < 10


def test_timeout_gives_a_clear_503_page_and_caches_nothing(settings, client_for, network, make_membership,
                                                          coordinator):
    settings.KETENREGIE_REPORT_TIMEOUT = 0.05
    round = make_round(network=network, status=RoundStatus.CLOSED)
    for user in members(network=network, count=3, make_membership=make_membership):
        respond(round=round, user=user)
    response = client_for(coordinator).get(
        reverse("reports:pdf", kwargs={"network_slug": network.slug, "round_slug": round.slug}))
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "duurde te lang en is afgebroken" in page
    assert reverse("reports:html", kwargs={"network_slug": network.slug, "round_slug": round.slug}) in page
    assert not ReportFile.objects.filter(round=round).exists()
