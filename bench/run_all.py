"""One entry point for the speed comparisons of issue 17: runs each benchmark in its own process, prints the table.

    .venv/bin/python bench/run_all.py [--database-url postgres://…/ketenregie_bench] [--quick]

Rows (ours against the reference, as a ratio; the goals are the issue's):

* questionnaire: GET and save of a 100-item page, and the whole shipped questionnaire (every page GET + save)
  per item, against django-survey-and-report with 100 questions on one page (the peer). The peer is installed
  from PyPI into a scratch virtualenv under /tmp (``--peer-venv``) and runs bench/peer_survey.py there, on
  SQLite through its own test Client, in a subprocess; ours is bench/questionnaire_compare.py;
* PDF report against bare WeasyPrint on the same HTML, each in a fresh process (bench/report_first_render.py);
* research export (web and command) against PostgreSQL's ``COPY … TO STDOUT``, at n and 2n rows with peak
  memory (bench/research_export_bench.py; needs ``--database-url`` of a throw-away server, else skipped);
* ``network_scores`` for 5000 respondents, cold, against a SQL GROUP BY floor (bench/scores_bench.py).

The load test (bench/loadtest/) takes minutes per run and two gunicorn servers; it is run on its own
(docs/loadtest.md) and not part of this table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
# The reference app, pinned like everything else (its own Django comes with it).
PEER_REQUIREMENT = "django-survey-and-report==1.5.0"


def run(args: list[str], *, python: str = PYTHON) -> tuple[str, dict | None]:
    """Run a bench script; its output, and the JSON of its ``RESULT`` line (or its last line)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING"}
    done = subprocess.run([python, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        print(f"  {' '.join(args)} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return done.stdout, None
    result = None
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
    if result is None:
        try:
            result = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            result = None
    return done.stdout, result


def peer_python(venv: Path) -> str:
    python = venv / "bin" / "python"
    if not python.exists():
        # the interpreter this venv was made from: the peer gets its own packages, not ours
        subprocess.run([str(Path(sys.base_prefix) / "bin" / "python3"), "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-c", "import survey"], capture_output=True).returncode:
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", PEER_REQUIREMENT], check=True)
    return str(python)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="throw-away PostgreSQL database for the export comparison")
    parser.add_argument("--peer-venv", type=Path, default=Path("/tmp/ketenregie-peer"))
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller export")
    args = parser.parse_args(argv)
    repeat = "5" if args.quick else "15"
    rows: list[tuple[str, str, str, str, str]] = []
    started = time.perf_counter()

    print("questionnaire: ours …", file=sys.stderr)
    _out, ours = run([str(BENCH / "questionnaire_compare.py"), "--repeat", repeat])
    print("questionnaire: peer (django-survey-and-report) …", file=sys.stderr)
    _out, peer = run([str(BENCH / "peer_survey.py"), "--repeat", repeat], python=peer_python(args.peer_venv))
    if ours and peer:
        page, whole = ours["page"], ours["whole"]
        peer_per_item = (peer["get"] + peer["save"]) / peer["questions"]
        rows += [
            ("GET of a 100-item page", f"{page['get']:.0f} ms, {page['get_queries']} queries",
             f"{peer['get']:.0f} ms, {peer['get_queries']} queries", f"{page['get'] / peer['get']:.2f}", "<= 0.2"),
            ("save of a 100-item page", f"{page['save']:.0f} ms, {page['save_queries']} queries",
             f"{peer['save']:.0f} ms, {peer['save_queries']} queries", f"{page['save'] / peer['save']:.2f}",
             "<= 0.2"),
            (f"whole questionnaire ({whole['pages']} pages, {whole['items']} items, GET + save each)",
             f"{whole['total']:.0f} ms, {whole['per_item']:.2f} ms per item", f"{peer_per_item:.2f} ms per item",
             f"{whole['per_item'] / peer_per_item:.2f}", "<= 0.2"),
            (f"  of which the floor: {2 * whole['pages']} empty requests through the same middleware",
             f"{whole['floor']:.0f} ms, {whole['floor_per_item']:.2f} ms per item", "2 requests in all",
             f"{whole['floor_per_item'] / peer_per_item:.2f}", "—"),
        ]

    print("report vs bare WeasyPrint …", file=sys.stderr)
    out, _result = run([str(BENCH / "report_first_render.py"), "--repeat", "1" if args.quick else "3"])
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] in ("nl", "en"):
            rows.append((f"PDF report, demo round, fresh process ({parts[0]})", f"{parts[2]} s",
                         f"bare write_pdf {parts[3]} s", parts[4], "<= 1.3"))

    if args.database_url:
        print("research export vs COPY …", file=sys.stderr)
        size = ["--networks", "50" if args.quick else "1000"]
        _out, export = run([str(BENCH / "research_export_bench.py"), "--database-url", args.database_url, *size])
        if export:
            for kind in ("web", "command"):
                rows.append((
                    f"research export ({kind}), {export['rows_1x']:,} / {export['rows_2x']:,} answers, PostgreSQL",
                    f"{export[f'{kind}_rows_per_s_1x']:,.0f} / {export[f'{kind}_rows_per_s_2x']:,.0f} rows/s, "
                    f"peak {export[f'{kind}_peak_mb_1x']:.0f} / {export[f'{kind}_peak_mb_2x']:.0f} MB",
                    f"COPY {export['COPY_rows_per_s_1x']:,.0f} / {export['COPY_rows_per_s_2x']:,.0f} rows/s",
                    f"{export[f'{kind}_ratio_1x']:.2f} / {export[f'{kind}_ratio_2x']:.2f}", ">= 0.5, memory flat"))
    else:
        print("research export skipped (no --database-url)", file=sys.stderr)

    print("network_scores vs GROUP BY …", file=sys.stderr)
    _out, scores = run([str(BENCH / "scores_bench.py"), "--rounds", "1", "--respondents", "5000", "--repeat",
                        "3", "--one-round-only"])
    if scores:
        rows.append((f"network_scores, {scores['respondents']} respondents, cold, SQLite",
                     f"{scores['ours_ms']:.0f} ms (CPU {scores['ours_cpu_ms']:.0f})",
                     f"GROUP BY floor {scores['floor_ms']:.0f} ms", f"{scores['ratio']:.1f}x", "<= 5x"))

    print(f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} CPU(s), "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}; "
          f"{time.perf_counter() - started:.0f} s in all")
    print("| measurement | ours | reference | ratio | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
