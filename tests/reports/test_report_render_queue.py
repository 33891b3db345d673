"""Report PDFs are made by a worker: one render per report version, a "wordt gemaakt" page until it is ready,
the personal report cached per response and limited per member."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reports.models import PersonalReportFile, RenderStatus, ReportFile, ReportRender
from reports.pdf import RenderResult
from reports.services import RENDER_RETRY_AFTER, report_render_run
from rounds.models import Response, RoundStatus
from tests.reports.report_testkit import make_round, members, respond
from tests.worker_testkit import queue_in_database, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders():
    calls = []

    def fake(*, html, timeout=None):
        calls.append(html)
        return RenderResult(pdf=b"%PDF-1.7 render " + str(len(calls)).encode(), seconds=0.01, refused=[])

    with mock.patch("reports.services.render_pdf", side_effect=fake):
        yield calls


@pytest.fixture
def round(network, make_membership, member):
    round = make_round(network=network, status=RoundStatus.CLOSED)
    for user in [member, *members(network=network, count=3, make_membership=make_membership)]:
        respond(round=round, user=user)
    return round


def _url(name, round):
    return reverse(name, kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


def test_many_requests_for_one_version_queue_one_render_and_see_it_being_made(client_for, coordinator, member,
                                                                              round, renders):
    with queue_in_database():
        pages = [client_for(user).get(_url("reports:pdf", round)) for user in (coordinator, member, coordinator)]
    assert [page.status_code for page in pages] == [202, 202, 202]
    body = pages[0].content.decode()
    assert "wordt gemaakt" in body and 'http-equiv="refresh"' in body and pages[0]["Retry-After"]
    assert ReportRender.objects.count() == 1 and DBTaskResult.objects.count() == 1
    assert ReportRender.objects.get().requests == 3

    assert report_render_run(render_id=ReportRender.objects.get().pk) == "done"  # what the worker does
    assert report_render_run(render_id=ReportRender.objects.get().pk) == "skipped"  # a second worker: nothing
    with queue_in_database():
        served = [client_for(user).get(_url("reports:pdf", round)) for user in (coordinator, member)]
    assert [page.status_code for page in served] == [200, 200]
    assert served[0].content == served[1].content == b"%PDF-1.7 render 1"
    assert len(renders) == 1 and DBTaskResult.objects.count() == 1


def test_personal_pdf_is_cached_per_response_and_made_again_when_the_answers_change(client_for, member, round,
                                                                                    renders):
    client = client_for(member)
    first, second = client.get(_url("reports:personal_pdf", round)), client.get(_url("reports:personal_pdf", round))
    assert (first.status_code, first["X-Report-Cache"], second["X-Report-Cache"]) == (200, "miss", "hit")
    assert len(renders) == 1 and "Persoonlijk rapport" in renders[0]
    assert PersonalReportFile.objects.get().response.respondent == member
    Response.objects.filter(round=round, respondent=member).update(updated_at=timezone.now() + timedelta(seconds=1))
    assert client.get(_url("reports:personal_pdf", round))["X-Report-Cache"] == "miss"
    assert len(renders) == 2 and PersonalReportFile.objects.count() == 1


def test_new_personal_renders_are_limited_per_member(settings, client_for, member, round, renders):
    settings.KETENREGIE_PERSONAL_PDF_LIMIT = {"limit": 1, "window": 3600}
    client = client_for(member)
    assert client.get(_url("reports:personal_pdf", round)).status_code == 200
    assert client.get(_url("reports:personal_pdf", round)).status_code == 200  # cached: free
    Response.objects.filter(round=round, respondent=member).update(updated_at=timezone.now() + timedelta(seconds=1))
    refused = client.get(_url("reports:personal_pdf", round))
    assert refused.status_code == 429 and refused["Retry-After"]
    assert len(renders) == 1


def test_a_failed_render_is_retried_by_a_later_request_not_by_every_request(client_for, coordinator, round):
    from reports.pdf import ReportRenderError

    client = client_for(coordinator)
    with mock.patch("reports.services.render_pdf", side_effect=ReportRenderError("boom")):
        assert client.get(_url("reports:pdf", round)).status_code == 503
    assert ReportRender.objects.get().status == RenderStatus.FAILED
    with mock.patch("reports.services.render_pdf",
                    return_value=RenderResult(pdf=b"%PDF-1.7 ok", seconds=0.01, refused=[])) as fake:
        assert client.get(_url("reports:pdf", round)).status_code == 503  # just failed: not again at once
        ReportRender.objects.update(finished_at=timezone.now() - RENDER_RETRY_AFTER - timedelta(seconds=1))
        retried = client.get(_url("reports:pdf", round))
    assert retried.status_code == 200 and retried.content == b"%PDF-1.7 ok" and fake.call_count == 1
    assert ReportFile.objects.filter(round=round).count() == 1


@pytest.mark.sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_renders_the_report_once_for_everyone_who_asked(client_for, coordinator, member, round):
    with queue_in_database():
        assert client_for(coordinator).get(_url("reports:pdf", round)).status_code == 202
        assert client_for(member).get(_url("reports:pdf", round)).status_code == 202
        run_worker(timeout=180)
        served = [client_for(user).get(_url("reports:pdf", round)) for user in (coordinator, member)]
    assert [page.status_code for page in served] == [200, 200]
    assert served[0].content.startswith(b"%PDF") and served[0].content == served[1].content
    assert ReportRender.objects.get().status == RenderStatus.DONE and DBTaskResult.objects.count() == 1


def test_the_waiting_page_polls_for_progress_and_a_poll_never_hands_out_the_file(client_for, coordinator, round,
                                                                                   renders):
    client, url = client_for(coordinator), _url("reports:pdf", round)
    with queue_in_database():
        page = client.get(url)
        body = page.content.decode()
        assert "js/render-wait.js" in body and '<noscript><meta http-equiv="refresh"' in body
        poll = client.get(url, {"poll": "1"})
    assert (poll.status_code, poll["Content-Type"], poll["Cache-Control"]) == (202, "application/json", "no-store")
    assert poll.json() == {"ready": False, "status": "queued", "percent": 10, "label": "in de wachtrij"}
    assert ReportRender.objects.get().requests == 2  # a poll is a request for the same version, not a new render

    report_render_run(render_id=ReportRender.objects.get().pk)
    with queue_in_database():
        ready = client.get(url, {"poll": "1"})
        assert (ready.status_code, ready.json()) == (200, {"ready": True})
        assert b"%PDF" not in ready.content
        download = client.get(url)
    assert (download.status_code, download.content) == (200, b"%PDF-1.7 render 1")
    assert len(renders) == 1
