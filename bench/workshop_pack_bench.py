"""Benchmark: how long the printable workshop pack takes, to decide whether it may be rendered in the request.

Run from the repository root:

    .venv/bin/python bench/workshop_pack_bench.py [--respondents 50] [--repeat 5]

Builds a temporary database with one closed round (report_bench's builder: every item answered, partners
and levels mixed), prepares its workshop (the proposed agenda, at most 18 topics) and measures, median of
``--repeat`` runs: ``html`` (selectors, advice, template), ``pdf`` (the same HTML through
reports.pdf.render_pdf, the time-limited WeasyPrint child, interpreter start included) and ``bare``
(WeasyPrint on the same HTML in this process, after the first run has warmed it up).
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
        from improvement import pack, services

        workshop = services.workshop_prepare(round=round, user=None)
        html_times, pdf_times, bare_times, pages = [], [], [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            html = pack.pack_html(round=round, workshop=workshop)
            html_times.append(time.perf_counter() - started)
            from reports.pdf import render_pdf

            started = time.perf_counter()
            result = render_pdf(html=html)
            pdf_times.append(time.perf_counter() - started)
            import io

            from pypdf import PdfReader
            from weasyprint import HTML

            pages = len(PdfReader(io.BytesIO(result.pdf)).pages)
            started = time.perf_counter()
            HTML(string=html).write_pdf()
            bare_times.append(time.perf_counter() - started)
        print(f"respondents {args.respondents}, topics {workshop.topics.count()}, pages {pages}")
        print(f"html  median {statistics.median(html_times) * 1000:7.1f} ms")
        print(f"pdf   median {statistics.median(pdf_times) * 1000:7.1f} ms (child process, WeasyPrint)")
        print(f"bare  median {statistics.median(bare_times) * 1000:7.1f} ms (WeasyPrint in this process, warm)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
