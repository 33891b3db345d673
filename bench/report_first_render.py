"""Benchmark: the first render of the demo report, Dutch and English, against bare WeasyPrint on the same HTML.

Run from the repository root:

    .venv/bin/python bench/report_first_render.py [--repeat 3]

What a coordinator waits for the first time a report is asked for after a deploy (nothing cached, no
template compiled, the advice not yet parsed): the app builds the HTML (scores, advice, charts,
templates) and renders it in its bounded child process (interpreter start and WeasyPrint import
included). Every measurement runs in a fresh process, so each is a first render:

* ``app s``: in a fresh Django process with the demo database, ``report_html_for_pdf`` plus
  ``render_pdf`` for the demo network's closed round, in one language;
* ``bare s``: a fresh Python process that imports WeasyPrint and renders the very same HTML with the
  same static-only URL fetcher, nothing else (interpreter start included, as for the app's child);
* ``ratio``: app / bare (goal: at most 1.3).

The demo data are those of ``manage.py load_demo`` (what the README's start command shows). Medians of
``--repeat`` fresh processes per cell.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

APP_RUN = r"""
import json, os, sys, time
import django
django.setup()
from django.utils import translation
from rounds.models import Round, RoundStatus
from reports.pdf import render_pdf
from reports.services import report_html_for_pdf
from networks.models import Network
language, out = sys.argv[1], sys.argv[2]
round = (Round.objects.filter(network__slug=os.environ["DEMO_NETWORK"], status=RoundStatus.CLOSED)
         .select_related("network", "instrument").order_by("-closed_at").first())
Network.objects.count()  # open the database connection outside the timed part, as a running server has
with translation.override(language):
    started = time.perf_counter()
    html = report_html_for_pdf(round=round, interim=False)
    built = time.perf_counter()
    pdf = render_pdf(html=html, timeout=600).pdf
    done = time.perf_counter()
open(out, "w", encoding="utf-8").write(html)
print(json.dumps({"html": built - started, "total": done - started, "bytes": len(pdf)}))
"""

BARE_RUN = r"""
import json, sys, time
started = time.perf_counter()
from weasyprint import HTML
from reports.pdf import BASE_URL, make_fetcher
job = json.load(open(sys.argv[1], encoding="utf-8"))
fetcher = make_fetcher(locations=[tuple(pair) for pair in job["locations"]])
pdf = HTML(string=job["html"], base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
print(json.dumps({"total": time.perf_counter() - started, "bytes": len(pdf)}))
"""


def run(args: list[str], *, env: dict[str, str]) -> tuple[dict, float]:
    started = time.perf_counter()
    done = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - started
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--languages", nargs="+", default=["nl", "en"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="first-render-") as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ketenregie.settings.test", "LOG_LEVEL": "WARNING",
               "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}", "STATIC_ROOT": str(workdir / "static"),
               "PYTHONPATH": str(ROOT)}
        for command in (["migrate", "--noinput", "-v0"], ["load_instruments"], ["load_demo"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
        env["DEMO_NETWORK"] = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c",
             "from rounds.models import Round; print(Round.objects.filter(status='closed')"
             ".order_by('-closed_at').values_list('network__slug', flat=True).first())"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        script_app, script_bare = workdir / "app.py", workdir / "bare.py"
        script_app.write_text(APP_RUN)
        script_bare.write_text(BARE_RUN)
        print(f"demo network: {env['DEMO_NETWORK']}; medians of {args.repeat} fresh processes per cell")
        print(f"{'language':>8} {'html s':>7} {'app s':>7} {'bare s':>7} {'ratio':>6} {'pdf kB':>7}")
        for language in args.languages:
            app, html_times, bare = [], [], []
            size = 0
            for attempt in range(args.repeat):
                html_file = workdir / f"{language}-{attempt}.html"
                measured, _wall = run([str(script_app), language, str(html_file)], env=env)
                app.append(measured["total"])
                html_times.append(measured["html"])
                size = measured["bytes"]
                job = workdir / f"{language}-{attempt}.json"
                locations = json.loads(subprocess.run(
                    [PYTHON, "-c", "import django, json; django.setup(); from reports.pdf import static_locations;"
                     " print(json.dumps(static_locations()))"],
                    cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout)
                job.write_text(json.dumps({"html": html_file.read_text(encoding="utf-8"), "locations": locations}))
                bare_measured, _wall = run([str(script_bare), str(job)], env=env)
                bare.append(bare_measured["total"])
            a, b = statistics.median(app), statistics.median(bare)
            print(f"{language:>8} {statistics.median(html_times):>7.2f} {a:>7.2f} {b:>7.2f} {a / b:>6.2f} "
                  f"{size / 1024:>7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
