"""Load test: the app under gunicorn with the production settings, driven by locust on this machine.

    .venv/bin/python bench/loadtest/run.py --db postgres   # throw-away server from scripts/postgres.sh
    .venv/bin/python bench/loadtest/run.py --db sqlite     # the embedded default
    options: --respondents 50 --workers 4 --port 8765 --think 1,3 --spawn-rate 10

It migrates a fresh database, prepares a network with N invited respondents and an open round (every
optional module on), starts gunicorn, runs locust headless (N respondents + 1 coordinator), stops the
server and then verifies in the database that every answer sent is stored exactly once. It prints
throughput, p50/p95/p99 latency per request type, errors, and the verification result. Traffic goes
only to 127.0.0.1. Needs the bench lock (locust): scripts/bootstrap.sh bench.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def _env(database_url: str, static_root: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "ketenregie.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_COOKIES_SECURE": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": static_root,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "LOG_REQUESTS": "0",
    })
    return env


def _database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'load.sqlite3'}"
    base = subprocess.run([str(ROOT / "scripts/postgres.sh"), "start"], check=True, capture_output=True,
                          text=True).stdout.strip()
    import psycopg

    with psycopg.connect(base.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS ketenregie_load WITH (FORCE)")
        conn.execute("CREATE DATABASE ketenregie_load")
    return base.rsplit("/", 1)[0] + "/ketenregie_load"


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def _verify(env: dict, plan_path: Path, sent_path: Path) -> dict:
    script = f"""
import json, django
django.setup()
from rounds.models import Answer, Invitation
plan = json.load(open({str(plan_path)!r}))
sent = [json.loads(line) for line in open({str(sent_path)!r})]
missing = wrong = 0
total = 0
for record in sent:
    inv = Invitation.objects.select_related("response").get(token=record["token"])
    stored = dict((code, (value, na)) for code, value, na in
                  Answer.objects.filter(response=inv.response).values_list("item__code", "value", "not_applicable"))
    answers = dict(record["answers"])
    for code, value in answers.items():
        total += 1
        expected = dict(dk=(None, False), na=(None, True)).get(value) or (int(value), False)
        if code not in stored:
            missing += 1
        elif stored[code] != expected:
            wrong += 1
rows = Answer.objects.filter(response__round_id=plan["round_id"]).count()
submitted = Invitation.objects.filter(round_id=plan["round_id"], response__submitted_at__isnull=False).count()
print(json.dumps(dict(respondents_done=len(sent), answers_sent=total, rows_in_db=rows, missing=missing,
                      wrong=wrong, submitted=submitted)))
"""
    out = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"checking the stored answers failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print_stats(prefix: Path, elapsed: float) -> None:
    with open(f"{prefix}_stats.csv") as fh:
        rows = list(csv.DictReader(fh))
    print(f"\n{'request type':44} {'n':>6} {'fail':>5} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        print(f"{row['Name'][:44]:44} {row['Request Count']:>6} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}")
    print(f"wall time of the run: {elapsed:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-minutes", type=int, default=15)
    parser.add_argument("--think", default="1,3", help="think time per page in seconds: min,max")
    parser.add_argument("--spawn-rate", type=int, default=10)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ketenregie-load-"))
    env = _env(_database(args.db, workdir), str(workdir / "static"))
    env["LOADTEST_RESPONDENTS"] = str(args.respondents)
    env["LOADTEST_THINK"] = args.think
    plan, sent = workdir / "plan.json", workdir / "sent.jsonl"
    sent.touch()
    run = lambda *cmd: subprocess.run(cmd, cwd=ROOT, env=env, check=True)  # noqa: E731
    run(PY, "manage.py", "migrate", "--noinput", "-v0")
    run(PY, "manage.py", "collectstatic", "--noinput", "-v0")
    run(PY, "bench/loadtest/prepare.py", str(plan))

    bin_dir = Path(PY).parent
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "ketenregie.wsgi", "--workers", str(args.workers), "--bind",
         f"127.0.0.1:{args.port}", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        _wait_for(f"http://127.0.0.1:{args.port}/health/")
        started = time.time()
        locust_env = {**env, "LOADTEST_PLAN": str(plan), "LOADTEST_SENT": str(sent)}
        subprocess.run(
            [str(bin_dir / "locust"), "-f", str(ROOT / "bench/loadtest/locustfile.py"), "--headless",
             "-u", str(args.respondents + 1), "-r", str(args.spawn_rate), "--run-time", f"{args.max_minutes}m",
             "--host", f"http://127.0.0.1:{args.port}", "--csv", str(workdir / "locust"), "--only-summary",
             "--loglevel", "WARNING"],
            cwd=ROOT, env=locust_env, check=False)
        elapsed = time.time() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"\n=== load test on {args.db}: {args.respondents} respondents + 1 coordinator, "
          f"gunicorn {args.workers} workers, think time {args.think} s ===")
    _print_stats(workdir / "locust", elapsed)
    result = _verify(env, plan, sent)
    print("verification:", json.dumps(result))
    ok = (result["missing"] == 0 and result["wrong"] == 0 and result["rows_in_db"] == result["answers_sent"]
          and result["respondents_done"] == args.respondents == result["submitted"])
    print("every answer stored exactly once:", "YES" if ok else "NO")
    if args.db == "postgres":
        subprocess.run([str(ROOT / "scripts/postgres.sh"), "stop"], check=False)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
