"""End to end with a real worker process: the upload queues the import, `manage.py db_worker` carries it out."""

import json

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from results.models import ImportJob, ImportStatus
from rounds.models import Answer, Response, RoundStatus
from tests.results.results_testkit import make_round
from tests.worker_testkit import queue_in_database, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_is_queued_and_a_worker_process_imports_it(client_for, network, instrument, coordinator):
    round = make_round(network=network, slug="papier", status=RoundStatus.OPEN)
    responses = [{"respondent": f"P-{n}", "answers": {"SF.K1.presence": 1 + n % 5, "KO.2": None}}
                 for n in range(1200)]
    client = client_for(coordinator)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.json", json.dumps({"responses": responses}).encode(), "application/json")
    with queue_in_database():
        response = client.post(reverse("results:import", args=[network.slug, round.slug]), {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get(round=round)
    assert job.status == ImportStatus.QUEUED and job.total == 1200
    assert not Response.objects.filter(round=round).exists()  # nothing written in the request
    waiting = client.get(response["Location"]).content.decode()
    assert "in de wachtrij" in waiting and 'http-equiv="refresh"' in waiting

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert (job.created, job.answers, job.done) == (1200, 2400, 1200)
    assert Response.objects.filter(round=round, submitted_at__isnull=False).count() == 1200
    assert Answer.objects.filter(response__round=round, value__isnull=True).count() == 1200
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert "1200 nieuwe en 0 bijgewerkte responsen" in client.get(response["Location"]).content.decode()
