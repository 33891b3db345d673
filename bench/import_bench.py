"""Benchmark: a paper import of 39,000 respondents (just under the 5 MB limit) through the upload page and a worker,
and how long other requests wait for the database meanwhile.

Run from the repository root:

    .venv/bin/python bench/import_bench.py                       # a temporary SQLite database (WAL)
    .venv/bin/python bench/import_bench.py --database-url postgres://user@127.0.0.1:5432/scratch_db

The PostgreSQL database must be empty or a scratch database: the script migrates it and adds a network.

What it does: generates the file in memory (39,000 respondents, each with as many answers as fit in 5 MB),
creates a network with partners, a coordinator and an open round, then
1. posts the file to the upload page with Django's test Client (the request reads and checks the whole file and
   queues the job; timed as "request"),
2. starts a real `manage.py db_worker` process on the same database and waits until the job is done (timed as
   "worker"; includes the worker's start-up),
3. while the worker writes, two probe threads act like other users, each through a full Django request cycle:
   a coordinator logging in (a session row and last_login written) and a respondent's autosave-like write
   (an answer upserted and the page revision raised in one transaction). Each probe runs every 50 ms; the
   longest and 95th-percentile durations are printed. The goal is no probe above 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ketenregie.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ["KETENREGIE_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_file(*, network, round, respondents: int, limit: int) -> bytes:
    """The largest file of ``respondents`` rows under ``limit`` bytes: answers added per row while they fit."""
    from assessments.models import Item

    items = list(Item.objects.filter(instrument=round.instrument, dimension__module__optional=False)
                 .order_by("pk").prefetch_related("scale__options"))
    codes = [item.code for item in items]
    # Each item's own scale (1-5 for the success factors, 0-3 for the maturity items), so that a small file,
    # which has room for many answers per row, is as valid as the 39,000-row one.
    scales = {item.code: sorted(option.value for option in item.scale.options.all()) for item in items}
    partners = [p.organisation.name for p in network.partnerships.select_related("organisation")]
    levels = ["strategisch", "tactisch", "operationeel"]

    def rows(k: int) -> list[dict]:
        return [{"respondent": f"P-{n:05d}", "organisation": partners[n % len(partners)], "level": levels[n % 3],
                 "answers": {code: (None if (n + i) % 11 == 0 else scales[code][(n + i) % len(scales[code])])
                             for i, code in enumerate(codes[(n % 7):(n % 7) + k])}}
                for n in range(respondents)]

    best: bytes | None = None
    for k in range(1, 40):
        content = json.dumps({"network": network.slug, "round": round.slug, "responses": rows(k)}).encode()
        if len(content) > limit:
            break
        best = content
    if best is None:
        raise SystemExit(f"Even one answer per respondent makes the file larger than {limit} bytes.")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--respondents", type=int, default=39_000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    (workdir / "static").mkdir()
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup_django(url, workdir)

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from assessments.models import Instrument, Item
    from networks.models import Membership, Network, Organisation, Partnership, Sector
    from results.models import ImportJob, ImportStatus
    from results.services import MAX_IMPORT_BYTES
    from rounds.models import Answer, PageState, Response, Round, RoundStatus

    User = get_user_model()
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        raise SystemExit("No published instrument: run manage.py load_instruments first.")
    network = Network.objects.create(name="Bench import", slug=f"bench-import-{int(time.time())}")
    for i in range(4):
        org = Organisation.objects.create(name=f"Bench organisatie {network.pk}-{i}", sector=Sector.YOUTH_CARE)
        Partnership.objects.create(network=network, organisation=org, roles=["ketenpartner"])
    coordinator = User.objects.create_user(username=f"bench-coord-{network.pk}", email=f"c{network.pk}@example.org",
                                           password="bench-password-123")
    Membership.objects.create(network=network, user=coordinator, role="coordinator")
    now = timezone.now()
    round = Round.objects.create(network=network, name="Papier", slug="papier", instrument=instrument,
                                 status=RoundStatus.OPEN, opened_at=now)
    other = Round.objects.create(network=network, name="Online", slug="online", instrument=instrument,
                                 status=RoundStatus.OPEN, opened_at=now)
    probe_response = Response.objects.create(round=other, started_at=now)
    probe_item = Item.objects.filter(instrument=instrument).order_by("pk").first()

    content = make_file(network=network, round=round, respondents=args.respondents, limit=MAX_IMPORT_BYTES - 32_000)
    print(f"database: {connection.vendor}; file: {args.respondents} respondents, {len(content) / 1024 / 1024:.2f} MB")

    client = Client()
    client.force_login(coordinator)
    started = time.perf_counter()
    response = client.post(reverse("results:import", args=[network.slug, round.slug]),
                           {"file": SimpleUploadedFile("bench.json", content, "application/json")})
    request_seconds = time.perf_counter() - started
    assert response.status_code == 302, response.content[:2000]
    job = ImportJob.objects.get(round=round)
    print(f"request (read, check, queue): {request_seconds:.2f} s, HTTP {response.status_code}")

    waits: dict[str, list[float]] = {"login": [], "autosave": []}
    errors: list[str] = []
    stop = threading.Event()

    def login_probe() -> None:
        probe_client = Client()
        while not stop.is_set():
            t = time.perf_counter()
            try:
                probe_client.force_login(coordinator)  # session row written, last_login updated
            except Exception as exc:  # noqa: BLE001 - reported as an error figure
                errors.append(f"login: {exc}")
            waits["login"].append(time.perf_counter() - t)
            time.sleep(0.05)
        connection.close()

    def autosave_probe() -> None:
        value = 0
        while not stop.is_set():
            t = time.perf_counter()
            value = value % 5 + 1
            try:
                with transaction.atomic():
                    Answer.objects.update_or_create(response=probe_response, item=probe_item,
                                                    defaults={"value": value})
                    state, _ = PageState.objects.get_or_create(response=probe_response, page="bench")
                    PageState.objects.filter(pk=state.pk).update(revision=state.revision + 1)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"autosave: {exc}")
            waits["autosave"].append(time.perf_counter() - t)
            time.sleep(0.05)
        connection.close()

    probes = [threading.Thread(target=login_probe), threading.Thread(target=autosave_probe)]
    env = {**os.environ, "DATABASE_URL": url, "KETENREGIE_TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    worker_started = time.perf_counter()
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
                               "--no-reload", "--interval", "0.2"], cwd=ROOT, env=env)
    for probe in probes:
        probe.start()
    worker.wait(timeout=600)
    worker_seconds = time.perf_counter() - worker_started
    stop.set()
    for probe in probes:
        probe.join()
    job.refresh_from_db()
    print(f"worker: {worker_seconds:.2f} s (job {job.status}: {job.created} responses, {job.answers} answers)")
    print(f"upload to imported: {request_seconds + worker_seconds:.2f} s (goal < 30 s)")
    for name, values in waits.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))] if values else 0
        median = statistics.median(values) * 1000
        print(f"{name} probe during the import: {len(values)} requests, median {median:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, longest {max(values) * 1000:.0f} ms (goal < 1000 ms)")
    print(f"probe errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    assert job.status == ImportStatus.DONE, job.error


if __name__ == "__main__":
    main()
