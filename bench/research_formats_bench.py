"""Benchmark: the long research export in CSV, XLSX and SPSS .sav: time and peak memory, then doubled data.

Generates ``--networks`` synthetic networks (generate_synthetic: 3 rounds x 20 respondents, full instrument;
200 networks = about 1.38 million answers) in a throw-away database, exports the long layout with
``export_research --layout long --format F --output /dev/null`` in a fresh process per format (peak RSS =
ru_maxrss of that process), then generates the same amount again (seed 2) and measures once more: memory
should stay flat while the time doubles.

    .venv/bin/python bench/research_formats_bench.py [--networks 200] [--formats csv xlsx sav]
        [--database-url postgres://...]      # default: a temporary SQLite file

Also compares the two XLSX writers (openpyxl write-only vs xlsxwriter constant_memory) on synthetic rows:
``--xlsx-writers 100000``.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "ketenregie.settings.base",
                "DJANGO_ALLOWED_HOSTS": "localhost", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)})
    return env


def manage(database_url: str, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=_env(database_url), cwd=ROOT, check=True,
                   capture_output=True, text=True)


def child(fmt: str) -> None:
    """Runs in a fresh process: one export, then prints rows, seconds and peak RSS."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from research.models import ExportLog

    start = time.perf_counter()
    call_command("export_research", layout="long", format=fmt, output=os.devnull)
    seconds = time.perf_counter() - start
    log = ExportLog.objects.order_by("-pk").first()
    if log is None:
        raise SystemExit("the export wrote no export log")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT {fmt} {log.row_count} {seconds:.1f} {peak:.0f}")


def measure(database_url: str, formats: list[str], label: str) -> None:
    for fmt in formats:
        done = subprocess.run([sys.executable, __file__, "--child", fmt], env=_env(database_url), cwd=ROOT,
                              capture_output=True, text=True, check=True)
        _tag, name, rows, seconds, peak = next(line for line in done.stdout.splitlines()
                                              if line.startswith("RESULT")).split()
        rate = int(rows) / float(seconds) if float(seconds) else 0
        print(f"| {label} | {name} | {int(rows):,} | {seconds} | {rate:,.0f} | {peak} MB |", flush=True)


def xlsx_writers(rows: int) -> None:
    import xlsxwriter
    from openpyxl import Workbook

    row = ("N_0123456789abcdef", "R_0123456789abcdef", "P_0123456789abcdef", 2024, 5, "ketenregie", 1,
           "linear", 2, "strategic", "ketenpartner", "youth_care", "SF.K1.presence", 3)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        book = Workbook(write_only=True)
        sheet = book.create_sheet("data")
        for _ in range(rows):
            sheet.append(row)
        book.save(f"{folder}/a.xlsx")
        a = time.perf_counter() - start
        start = time.perf_counter()
        book = xlsxwriter.Workbook(f"{folder}/b.xlsx", {"constant_memory": True, "tmpdir": folder})
        sheet = book.add_worksheet("data")
        for number in range(rows):
            sheet.write_row(number, 0, row)
        book.close()
        b = time.perf_counter() - start
    print(f"{rows:,} rows x 14 columns: openpyxl write-only {a:.1f} s ({rows / a:,.0f} rows/s); "
          f"xlsxwriter constant_memory {b:.1f} s ({rows / b:,.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--networks", type=int, default=200)
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx", "sav"])
    parser.add_argument("--database-url")
    parser.add_argument("--xlsx-writers", type=int)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.xlsx_writers:
        xlsx_writers(args.xlsx_writers)
        return
    folder = tempfile.mkdtemp(prefix="ketenregie-bench-")
    url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    manage(url, "migrate", "--noinput")
    print("| data | format | rows | seconds | rows/s | peak RSS |\n|---|---|---:|---:|---:|---:|", flush=True)
    for seed, label in ((1, "1x"), (2, "2x")):
        start = time.perf_counter()
        manage(url, "generate_synthetic", "--networks", str(args.networks), "--rounds", "3", "--respondents", "20",
               "--seed", str(seed))
        print(f"<!-- generated seed {seed} in {time.perf_counter() - start:.0f} s -->", flush=True)
        measure(url, args.formats, label)


if __name__ == "__main__":
    main()
