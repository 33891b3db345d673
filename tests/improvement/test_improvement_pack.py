"""The printable workshop pack: a real A4 PDF with the agenda in order, one page per topic, made by the report
worker once per version of the pack (agenda, agreed scores, actions, results)."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from audit.models import AuditEvent
from improvement import services
from improvement.models import PackFile
from reports.models import RenderKind, RenderStatus, ReportRender
from reports.pdf import RenderResult, ReportTimeout
from reports.services import RENDER_RETRY_AFTER, report_render_run
from tests.worker_testkit import queue_in_database

pytestmark = pytest.mark.django_db


def test_pack_is_an_a4_pdf_with_the_agenda_in_order(client_for, member, coordinator, closed_round):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    topics = list(workshop.topics.order_by("position"))
    services.workshop_agenda_set(workshop=workshop, topic_ids=[t.pk for t in reversed(topics)], user=coordinator)
    response = client_for(member).get(reverse("improvement:pack", args=[closed_round.network.slug,
                                                                        closed_round.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1 + len(topics)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    second = reader.pages[1].extract_text()
    assert "Punt 1 van 2" in second and "Geen overeenstemming" in second
    # The coordinator's order: the priority now comes first, the disputed question second.
    assert "Prioriteit" in second


def test_pack_without_a_workshop_is_404_and_outsiders_get_404(client_for, member, outsider, closed_round):
    url = reverse("improvement:pack", args=[closed_round.network.slug, closed_round.slug])
    assert client_for(member).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404


# --- Made by the report worker: one render per version of the pack, "wordt gemaakt" until it is there ---------


@pytest.fixture
def renders():
    """Count what reaches WeasyPrint (the real render is tested above; here only how often it happens)."""
    calls = []

    def fake(*, html, timeout=None):
        calls.append(html)
        return RenderResult(pdf=b"%PDF-1.7 pack " + str(len(calls)).encode(), seconds=0.01, refused=[])

    with mock.patch("improvement.pack.render_pdf", side_effect=fake):
        yield calls


@pytest.fixture
def workshop(closed_round, coordinator):
    return services.workshop_prepare(round=closed_round, user=coordinator)


def _pack_url(round):
    return reverse("improvement:pack", args=[round.network.slug, round.slug])


def test_many_requests_for_one_version_queue_one_render_and_see_it_being_made(client_for, coordinator, member,
                                                                              closed_round, workshop, renders):
    url = _pack_url(closed_round)
    with queue_in_database():
        pages = [client_for(user).get(url) for user in (coordinator, member, coordinator)]
    assert [page.status_code for page in pages] == [202, 202, 202]
    body = pages[0].content.decode()
    assert "werkmap" in body and "wordt gemaakt" in body and 'http-equiv="refresh"' in body
    assert pages[0]["Retry-After"] and pages[0]["Cache-Control"] == "no-store"
    render = ReportRender.objects.get()
    assert (render.kind, render.requests, DBTaskResult.objects.count()) == (RenderKind.PACK, 3, 1)
    assert not AuditEvent.objects.filter(target__startswith="werkmap").exists()  # nothing handed out yet

    assert report_render_run(render_id=render.pk) == "done"  # what the worker does
    assert report_render_run(render_id=render.pk) == "skipped"  # a second worker: nothing
    with queue_in_database():
        served = [client_for(user).get(url) for user in (coordinator, member)]
    assert [page.status_code for page in served] == [200, 200]
    assert served[0].content == served[1].content == b"%PDF-1.7 pack 1"
    assert served[0]["Content-Type"] == "application/pdf" and "werkmap-" in served[0]["Content-Disposition"]
    assert len(renders) == 1 and DBTaskResult.objects.count() == 1 and PackFile.objects.count() == 1
    assert AuditEvent.objects.filter(target__startswith="werkmap").count() == 2


def test_a_new_version_after_an_agreed_score_an_action_or_a_new_order(client_for, coordinator, closed_round,
                                                                       workshop, renders):
    client, url = client_for(coordinator), _pack_url(closed_round)
    first, again = client.get(url), client.get(url)
    assert (first.status_code, first["X-Report-Cache"], again["X-Report-Cache"]) == (200, "miss", "hit")
    topics = list(workshop.topics.order_by("position"))

    services.topic_decide(topic=topics[0], agreed_value=3, no_agreement=False, rationale="Samen besproken",
                          user=coordinator)
    decided = client.get(url)
    assert decided["X-Report-Cache"] == "miss" and len(renders) == 2
    assert "Samen besproken" in renders[-1]  # the agreed score is in the pack

    services.action_create(round=closed_round, user=coordinator, topic=topics[0], what="Casusoverleg elke maand",
                           target_code="SF.K1", owner_membership=None, owner_organisation=None, due_on=None,
                           status="gepland", notes="")
    assert client.get(url)["X-Report-Cache"] == "miss" and "Casusoverleg elke maand" in renders[-1]

    services.workshop_agenda_set(workshop=workshop, topic_ids=[t.pk for t in reversed(topics)], user=coordinator)
    assert client.get(url)["X-Report-Cache"] == "miss"
    assert client.get(url)["X-Report-Cache"] == "hit"
    assert len(renders) == 4
    # One file per workshop and language; the renders of older versions are cleared away.
    assert PackFile.objects.count() == 1 and ReportRender.objects.filter(kind=RenderKind.PACK).count() == 1


def test_who_may_fetch_the_pack(client, client_for, make_membership, other_network, coordinator, member,
                                closed_round, workshop, renders):
    url = _pack_url(closed_round)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    stranger = make_membership(network=other_network, role="member").user
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 200
    assert client_for(coordinator).get(url).status_code == 200
    assert len(renders) == 1  # the refused never started a render


def test_bad_input_is_refused_without_a_server_error(client_for, coordinator, closed_round, workshop, renders):
    client = client_for(coordinator)
    network, round = closed_round.network.slug, closed_round.slug
    assert client.get(reverse("improvement:pack", args=[network, "bestaat-niet"])).status_code == 404
    assert client.get(reverse("improvement:pack", args=["bestaat-niet", round])).status_code == 404
    assert client.post(_pack_url(closed_round)).status_code == 405
    assert client.get(_pack_url(closed_round) + "?lang=xx&format=<script>").status_code == 200
    assert len(renders) == 1


def test_a_failed_render_says_so_and_is_retried_later(client_for, coordinator, closed_round, workshop):
    client, url = client_for(coordinator), _pack_url(closed_round)
    with mock.patch("improvement.pack.render_pdf", side_effect=ReportTimeout("too slow")):
        failed = client.get(url)
    assert failed.status_code == 503 and failed["Retry-After"]
    assert "werkmap" in failed.content.decode().lower() and "te lang" in failed.content.decode()
    assert ReportRender.objects.get().status == RenderStatus.FAILED and not PackFile.objects.exists()
    ReportRender.objects.update(finished_at=timezone.now() - RENDER_RETRY_AFTER - timedelta(seconds=1))
    with mock.patch("improvement.pack.render_pdf",
                    return_value=RenderResult(pdf=b"%PDF-1.7 ok", seconds=0.01, refused=[])):
        retried = client.get(url)
    assert retried.status_code == 200 and retried.content == b"%PDF-1.7 ok"


def test_polling_the_pack_while_it_is_made_is_not_a_download(client_for, coordinator, closed_round, workshop,
                                                             renders):
    client, url = client_for(coordinator), _pack_url(closed_round)
    with queue_in_database():
        assert client.get(url, {"poll": "1"}).json()["ready"] is False
    report_render_run(render_id=ReportRender.objects.get().pk)
    with queue_in_database():
        assert client.get(url, {"poll": "1"}).json() == {"ready": True}
        assert not AuditEvent.objects.filter(target__startswith="werkmap").exists()
        assert client.get(url).content == b"%PDF-1.7 pack 1"
    assert AuditEvent.objects.filter(target__startswith="werkmap").count() == 1
