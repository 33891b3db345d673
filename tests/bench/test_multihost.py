"""The multi-host rehearsal (bench/multihost.py) at a small scale: two gunicorn app servers, one db_worker,
PostgreSQL and Redis, respondents saving pages on both servers in turn, a report and an import meanwhile.

It starts its own PostgreSQL and redis-server, so it needs neither the suite's database nor a marker per
database: it runs once, in the SQLite pass (``sqlite_only``), not again on PostgreSQL.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite_only
def test_a_small_rehearsal_stores_every_answer_once_and_renders_the_report_once():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    process = subprocess.Popen(
        [sys.executable, "bench/multihost.py", "--respondents", "10", "--duration", "5", "--think", "0.1,0.3",
         "--import-respondents", "300", "--report-respondents", "10", "--max-minutes", "3",
         "--report-burst", "2", "--report-clients", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        process.terminate()  # SIGTERM: the script stops the servers it started before it exits
        stdout, stderr = process.communicate(timeout=60)
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, stdout[-3000:] + stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["errors"] == 0, stdout[-3000:]
    assert result["respondents_done"] == result["submitted"] == 10
    assert result["lost_answers"] == result["wrong_answers"] == result["duplicate_answers"] == 0
    assert result["answer_rows"] == result["answers_saved"] > 0
    assert result["report_renders"] == 1 and result["report_served_by"] == 2 and result["same_pdf_bytes"]
    # asked again and again afterwards, from both servers: the same file, still that one render
    assert result["report_burst_requests"] > 0 and result["report_burst_errors"] == 0
    assert result["report_burst_sizes"] == [result["pdf_bytes"]] and result["pdf_bytes"] > 0
    assert result["import_status"] == "done" and result["import_created"] == 300
    assert result["failed_tasks"] == 0 and result["score_snapshot_stored"]
    assert result["max_ms"] < 30_000
    assert process.returncode == 0 and result["ok"]
