"""Benchmark: the long-format research CSV export on PostgreSQL, by the website and by the command.

What it measures (issue 7, docs/research.md "Performance"):

* rows per second and peak memory (maximum resident set size of a fresh child process, before and after
  the export) of the long CSV export
  - via the web: Django's test Client requests the download URL as a logged-in researcher and consumes the
    streamed chunks one by one, as a browser would;
  - via the command: ``export_research --layout long --format csv --output /dev/null``, in process;
* the physical limit: PostgreSQL's own ``COPY (<the same SELECT of the answer rows>) TO STDOUT`` read with
  psycopg's copy and discarded, and the ratio of each export's speed to it;
* all of it twice: on the base data set, then again after generating the same amount once more (double the
  rows), to show that memory stays flat while time grows linearly.

How to run (a throw-away server; the benchmark uses its own database, default ``ketenregie_bench``, which it
drops and recreates):

    scripts/postgres.sh start          # prints postgres://ketenregie@127.0.0.1:54329/ketenregie
    .venv/bin/python bench/research_export_bench.py \\
        --database-url postgres://ketenregie@127.0.0.1:54329/ketenregie_bench \\
        [--networks 1000 --rounds 3 --respondents 20]

The default size is the issue's: 1,000 networks x 3 rounds x 20 respondents answering the full instrument
(every optional module switched on): about 6.9 million answer rows, 13.8 million after doubling. A run takes
several minutes. Use ``--networks 50`` for a quick check.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "ketenregie.settings.base"  # DEBUG off: no query log, like production


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    return env


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _maxrss_mb() -> float:
    # Linux reports kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------------------------------------
# Children: each measurement runs in a fresh process, so its peak memory is its own.
# --------------------------------------------------------------------------------------------------------


def child_web() -> dict:
    _setup()
    from django.contrib.auth import get_user_model
    from django.http import StreamingHttpResponse
    from django.test import Client
    from django.urls import reverse

    user = get_user_model().objects.get(username="bench-researcher")
    client = Client()
    client.force_login(user)
    baseline = _maxrss_mb()
    started = time.perf_counter()
    response = client.get(reverse("research:download"), {"layout": "long", "format": "csv"})
    assert response.status_code == 200, response.status_code
    assert isinstance(response, StreamingHttpResponse), type(response)
    size = lines = chunks = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
        chunks += 1
    response.close()
    elapsed = time.perf_counter() - started
    return {"rows": lines - 1, "seconds": elapsed, "bytes": size, "chunks": chunks, "baseline_mb": baseline,
            "peak_mb": _maxrss_mb()}


def child_command() -> dict:
    _setup()
    import io

    from django.core.management import call_command

    from research.models import ExportLog

    baseline = _maxrss_mb()
    started = time.perf_counter()
    call_command("export_research", layout="long", format="csv", output="/dev/null", stderr=io.StringIO())
    elapsed = time.perf_counter() - started
    log = ExportLog.objects.order_by("-pk").first()
    if log is None:
        raise SystemExit("the export wrote no export log")
    return {"rows": log.row_count, "seconds": elapsed, "baseline_mb": baseline, "peak_mb": _maxrss_mb()}


def child_copy() -> dict:
    _setup()
    from django.db import connection

    from research.selectors import ResearchFilters, research_answers, research_instrument_default

    instrument = research_instrument_default()
    if instrument is None:
        raise SystemExit("No researchable instrument: run the bench set-up first.")
    queryset = research_answers(filters=ResearchFilters(instrument=instrument))
    sql, params = queryset.query.sql_with_params()
    baseline = _maxrss_mb()
    started = time.perf_counter()
    size = lines = 0
    with connection.cursor() as cursor:
        statement = cursor.mogrify(sql, params)
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for data in copy:
                size += len(data)
                lines += bytes(data).count(b"\n")
    elapsed = time.perf_counter() - started
    return {"rows": lines, "seconds": elapsed, "bytes": size, "baseline_mb": baseline, "peak_mb": _maxrss_mb()}


CHILDREN = {"web": child_web, "command": child_command, "copy": child_copy}


def run_child(kind: str, database_url: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind], env=_env(database_url), cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------------------
# Parent: database, data, table
# --------------------------------------------------------------------------------------------------------


def recreate_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(database_url: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], env=_env(database_url), cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result.stdout.strip()


def prepare_researcher(database_url: str) -> None:
    code = ("from django.contrib.auth.models import Group; from django.contrib.auth import get_user_model; "
            "u, _ = get_user_model().objects.get_or_create(username='bench-researcher', "
            "defaults={'email': 'bench@example.org'}); u.groups.add(Group.objects.get(name='Onderzoekers'))")
    manage(database_url, "shell", "-c", code)


def analyze(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def generate(database_url: str, *, networks: int, rounds: int, respondents: int, seed: int) -> tuple[str, float]:
    started = time.perf_counter()
    out = manage(database_url, "generate_synthetic", f"--networks={networks}", f"--rounds={rounds}",
                 f"--respondents={respondents}", f"--seed={seed}", "--no-snapshots")
    elapsed = time.perf_counter() - started
    analyze(database_url)
    return out, elapsed


def measure(database_url: str, label: str) -> list[dict]:
    rows = []
    copy = run_child("copy", database_url)
    for kind in ("web", "command"):
        result = run_child(kind, database_url)
        result.update(kind=kind, data=label, ratio=(result["rows"] / result["seconds"])
                      / (copy["rows"] / copy["seconds"]))
        rows.append(result)
        print(f"  {label} {kind}: {result['rows']:,} rows in {result['seconds']:.1f} s", flush=True)
    copy.update(kind="COPY", data=label, ratio=1.0)
    rows.append(copy)
    print(f"  {label} COPY: {copy['rows']:,} rows in {copy['seconds']:.1f} s", flush=True)
    return rows


def table(rows: list[dict]) -> str:
    header = (f"{'data':<6} {'path':<8} {'rows':>12} {'seconds':>8} {'rows/s':>10} {'vs COPY':>8} "
              f"{'RSS before':>11} {'RSS peak':>9} {'growth':>7}")
    lines = [header, "-" * len(header)]
    for r in rows:
        speed, growth = r["rows"] / r["seconds"], r["peak_mb"] - r["baseline_mb"]
        lines.append(
            f"{r['data']:<6} {r['kind']:<8} {r['rows']:>12,} {r['seconds']:>8.1f} {speed:>10,.0f} "
            f"{r['ratio']:>8.2f} {r['baseline_mb']:>9.0f}MB {r['peak_mb']:>7.0f}MB {growth:>5.0f}MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("--database-url", default="postgres://ketenregie@127.0.0.1:54329/ketenregie_bench")
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=20)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child]()))
        return

    url = args.database_url
    started = time.perf_counter()
    print(f"database {url} (dropped and recreated)", flush=True)
    recreate_database(url)
    manage(url, "migrate", "--verbosity=0")
    prepare_researcher(url)
    size = dict(networks=args.networks, rounds=args.rounds, respondents=args.respondents)
    out, seconds = generate(url, seed=1, **size)
    print(f"generate 1x: {out} (wall {seconds:.1f} s incl. VACUUM ANALYZE)", flush=True)
    results = measure(url, "1x")
    out, seconds = generate(url, seed=2, **size)
    print(f"generate 2x: {out} (wall {seconds:.1f} s incl. VACUUM ANALYZE)", flush=True)
    results += measure(url, "2x")
    print()
    print(table(results))
    by = {(r["data"], r["kind"]): r for r in results}
    print("RESULT " + json.dumps({
        "name": "research_export", "rows_1x": by[("1x", "COPY")]["rows"], "rows_2x": by[("2x", "COPY")]["rows"],
        **{f"{kind}_ratio_{data}": by[(data, kind)]["ratio"] for data in ("1x", "2x") for kind in ("web", "command")},
        **{f"{kind}_rows_per_s_{data}": by[(data, kind)]["rows"] / by[(data, kind)]["seconds"]
           for data in ("1x", "2x") for kind in ("web", "command", "COPY")},
        **{f"{kind}_peak_mb_{data}": by[(data, kind)]["peak_mb"]
           for data in ("1x", "2x") for kind in ("web", "command")},
    }))
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
