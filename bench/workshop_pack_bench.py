"""Benchmark: the printable workshop pack through the report worker (the way the site makes it).

Run from the repository root:

    .venv/bin/python bench/workshop_pack_bench.py [--respondents 50] [--repeat 5]

Builds a temporary database with one closed round (report_bench's builder: every item answered, partners
and levels mixed), prepares its workshop (the proposed agenda, at most 18 topics) and measures, median of
``--repeat`` runs, each on a new version of the pack (an agreed score is recorded before each run):

- ``request``: what the web request does when the version is not cached: the version key, the render row,
  queueing the job in the database queue (as in production) and answering "wordt gemaakt";
- ``worker``: what ``report_render_run`` does for it (claim, HTML, WeasyPrint in its time-limited child process
  with interpreter start, storing the file); ``child`` is the child's own time as stored on the file;
- ``served``: the next request, which finds the file in the cache;
- ``html``: the HTML alone (selectors, advice, template).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from bench import report_bench  # a sibling script; bench/ is a namespace package

        report_bench.setup_django(workdir=Path(tmp))
        import datetime as dt

        from networks.models import Network, Organisation, Partnership, Sector

        network = Network.objects.create(name="Werkmapnetwerk", slug="werkmap")
        for i in range(5):
            organisation = Organisation.objects.create(name=f"Werkmap partner {i + 1}", sector=Sector.WELFARE)
            Partnership.objects.create(network=network, organisation=organisation, roles=["ketenpartner"])
        round = report_bench.build_round(network=network, slug="werkmap", respondents=args.respondents,
                                         opens_on=dt.date(2026, 3, 1), seed=18)
        from django.test import override_settings

        from improvement import pack, services
        from improvement.models import PackFile
        from reports.services import PdfFile, PdfPending, report_render_run

        workshop = services.workshop_prepare(round=round, user=None)
        topic = workshop.topics.order_by("position").first()
        if topic is None:
            raise SystemExit("The proposed agenda is empty: more respondents are needed.")
        database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        times: dict[str, list[float]] = {"request": [], "worker": [], "child": [], "served": [], "html": []}
        content = b""
        for run in range(args.repeat):
            # A new version of the pack each run, as after every agreed score in the meeting.
            services.topic_decide(topic=topic, agreed_value=None, no_agreement=True, rationale=f"Run {run + 1}",
                                  user=None)
            with override_settings(TASKS=database_queue):
                started = time.perf_counter()
                pending = pack.pack_pdf_get(round=round, workshop=workshop, language="nl")
                times["request"].append(time.perf_counter() - started)
            assert isinstance(pending, PdfPending), pending
            started = time.perf_counter()
            assert report_render_run(render_id=pending.render.pk) == "done"
            times["worker"].append(time.perf_counter() - started)
            times["child"].append(PackFile.objects.get(workshop=workshop, language="nl").render_seconds)
            started = time.perf_counter()
            served = pack.pack_pdf_get(round=round, workshop=workshop, language="nl")
            times["served"].append(time.perf_counter() - started)
            assert isinstance(served, PdfFile) and served.from_cache
            content = served.content
            started = time.perf_counter()
            pack.pack_html(round=round, workshop=workshop)
            times["html"].append(time.perf_counter() - started)
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(content)).pages)
        print(f"respondents {args.respondents}, topics {workshop.topics.count()}, pages {pages}, "
              f"{len(content) / 1024:.0f} KiB")
        notes = {"request": "queue the render, answer 'wordt gemaakt'", "worker": "report_render_run, end to end",
                 "child": "WeasyPrint child process, as stored", "served": "cached file", "html": "HTML only"}
        for name, values in times.items():
            print(f"{name:8} median {statistics.median(values) * 1000:8.1f} ms  max {max(values) * 1000:8.1f} ms"
                  f"  ({notes[name]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
