"""The network report's PDF is kept per round and language and made again when its inputs change."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportFile
from reports.pdf import RenderResult
from rounds.models import Answer, Round, RoundStatus
from tests.reports.report_testkit import make_round, members, respond


@pytest.fixture
def renders():
    calls = []

    def fake(*, html, timeout=None):
        calls.append(html)
        return RenderResult(pdf=b"%PDF-1.7 render " + str(len(calls)).encode(), seconds=0.01, refused=[])

    with mock.patch("reports.services.render_pdf", side_effect=fake):
        yield calls


@pytest.fixture
def round(network, make_membership, coordinator):
    round = make_round(network=network, status=RoundStatus.OPEN)
    for user in members(network=network, count=3, make_membership=make_membership):
        respond(round=round, user=user)
    return round


def _get(client, round, language="nl"):
    url = reverse("reports:pdf", kwargs={"network_slug": round.network.slug, "round_slug": round.slug})
    client.cookies["django_language"] = language  # the language switch stores the choice in this cookie
    return client.get(url)


def test_second_download_is_served_from_the_cache(client_for, coordinator, round, renders):
    client = client_for(coordinator)
    first = _get(client, round)
    second = _get(client, round)
    assert len(renders) == 1
    assert (first["X-Report-Cache"], second["X-Report-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    stored = ReportFile.objects.get(round=round, language="nl")
    assert stored.answers_changed_at == round.answers_changed_at
    assert stored.size == len(first.content)


def test_changed_answer_makes_the_pdf_again(client_for, coordinator, round, renders):
    client = client_for(coordinator)
    _get(client, round)
    answer = Answer.objects.filter(response__round=round, item__code="SF.K1.presence").earliest("pk")
    answer.value = 5
    answer.save()
    Round.objects.filter(pk=round.pk).update(answers_changed_at=timezone.now())  # as the answer services do
    again = _get(client, round)
    assert again["X-Report-Cache"] == "miss"
    assert len(renders) == 2
    assert ReportFile.objects.filter(round=round).count() == 1  # replaced, not piled up


def test_a_new_submission_makes_the_pdf_again(client_for, coordinator, network, make_membership, round, renders):
    client = client_for(coordinator)
    _get(client, round)
    (late,) = members(network=network, count=1, make_membership=make_membership)
    respond(round=round, user=late)
    assert _get(client, round)["X-Report-Cache"] == "miss"


def test_closing_the_round_makes_the_pdf_again_without_the_interim_mark(client_for, coordinator, round, renders):
    client = client_for(coordinator)
    _get(client, round)
    assert "Voorlopig" in renders[-1]
    Round.objects.filter(pk=round.pk).update(status=RoundStatus.CLOSED, closed_at=timezone.now())
    assert _get(client, round)["X-Report-Cache"] == "miss"
    assert "Voorlopig" not in renders[-1]


def test_each_language_has_its_own_cached_file(client_for, coordinator, round, renders):
    client = client_for(coordinator)
    _get(client, round, "nl")
    _get(client, round, "en")
    _get(client, round, "en")
    assert len(renders) == 2
    assert set(ReportFile.objects.filter(round=round).values_list("language", flat=True)) == {"nl", "en"}
    assert '<html lang="en">' in renders[-1]
