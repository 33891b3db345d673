"""Multi-host rehearsal: two app servers, one worker, PostgreSQL and Redis, all on this machine's loopback.

    .venv/bin/python bench/multihost.py                        # 100 respondents, arrivals over 60 s
    .venv/bin/python bench/multihost.py --respondents 10 --duration 5 --import-respondents 300

What it starts (and stops again, also when something fails): a throw-away PostgreSQL server
(scripts/postgres.sh on a free port of its own), Debian's redis-server (tests/server_testkit.py), two gunicorn
app servers with the production settings (CACHE_URL=redis://..., so sessions and cache are shared) on two
loopback ports, and one `manage.py db_worker`. It migrates a fresh database and prepares a network with an
open round and N invited respondents (bench/loadtest/prepare.py), a closed round with answers whose report
the coordinator downloads (bench/report_bench.py) and an open round for a paper import (bench/import_bench.py
makes the file).

The load, from plain threads (standard library only, so the suite test needs nothing extra):

* N respondents open their personal link and fill in and save every page, each request going to the other
  server than the one before (one cookie jar: cookies belong to the host, not the port, as behind a load
  balancer), then submit;
* a coordinator logs in, uploads the paper import and asks both servers for the closed round's report PDF
  (202 "wordt gemaakt", polled until 200) while the respondents are busy.

Then it checks in the database: every answer the clients saved is stored exactly once, the report was
rendered once (one ReportRender row, one ReportFile) and both servers served the same bytes, the import is
done, no task failed, and no request took longer than the gunicorn time-out. It prints p50/p95/max per
request type, the errors, lost answers and renders, and a last line ``RESULT {json}``; the exit code is 0
only when every check holds. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable

from bench.loadtest.run import _env as loadtest_env  # noqa: E402 - the load test's production environment
from tests.server_testkit import free_port, redis_server, wait_for_port  # noqa: E402

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION_RE = re.compile(r'name="revision" value="(\d+)"')
PAGE_RE = re.compile(r'name="page" value="([^"]+)"')
RADIO_RE = re.compile(r'type="radio" name="(item-[^"]+)" id="[^"]*" value="([^"]+)"')
ORG_RE = re.compile(r'<option value="(\d+)"')


# ------------------------------------------------------------------------------------------------------------
# Processes
# ------------------------------------------------------------------------------------------------------------


def _start(stack: ExitStack, cmd: list[str], *, env: dict, log: Path) -> subprocess.Popen:
    """Start a server in its own process group; the stack stops the whole group (gunicorn's workers too)."""
    out = log.open("wb")
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def stop() -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        out.close()

    stack.callback(stop)
    return process


def _postgres(stack: ExitStack, port: int) -> str:
    """A throw-away PostgreSQL on its own port and data directory; returns the URL of a fresh database."""
    pg_env = {**os.environ, "KETENREGIE_PG_PORT": str(port), "KETENREGIE_PG_DIR": f"/tmp/ketenregie-pg-{port}"}
    script = str(ROOT / "scripts/postgres.sh")

    def stop() -> None:
        subprocess.run([script, "stop"], env=pg_env, check=False)
        shutil.rmtree(pg_env["KETENREGIE_PG_DIR"], ignore_errors=True)

    stack.callback(stop)
    base = subprocess.run([script, "start"], env=pg_env, check=True, capture_output=True, text=True).stdout.strip()
    import psycopg

    server = base.rsplit("/", 1)[0]
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE ketenregie_multihost")
    return server + "/ketenregie_multihost"


# ------------------------------------------------------------------------------------------------------------
# HTTP clients
# ------------------------------------------------------------------------------------------------------------


class _NoRedirect(HTTPRedirectHandler):
    """Hand redirects back to the caller: the next request is timed on its own and may go to the other server."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
        return None


class RequestFailed(Exception):
    pass


@dataclass
class Stats:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    per_server: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, seconds: float, server: str, error: str | None) -> None:
        with self.lock:
            self.timings[name].append(seconds)
            self.per_server[server] += 1
            if error:
                self.errors.append(error)


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict
    server: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One person's browser talking to both app servers in turn, with one cookie jar for both."""

    def __init__(self, *, servers: list[str], stats: Stats, timeout: float, first: int = 0):
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect)
        self.servers, self.stats, self.timeout, self.turn = servers, stats, timeout, first

    def request(self, path: str, *, name: str, data: dict | None = None, upload: tuple[str, str, bytes] | None = None,
                expect: tuple[int, ...] = (200,), server: int | None = None) -> Reply:
        if server is None:
            server, self.turn = self.turn % len(self.servers), self.turn + 1
        base = self.servers[server]
        body, headers = None, {}
        if upload is not None:
            body, headers["Content-Type"] = _multipart(data or {}, upload)
        elif data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            try:
                with self.opener.open(Request(base + path, data=body, headers=headers), timeout=self.timeout) as resp:
                    reply = Reply(resp.status, resp.read(), dict(resp.headers), base)
            except HTTPError as exc:  # 3xx (redirects are not followed), 4xx and 5xx
                reply = Reply(exc.code, exc.read(), dict(exc.headers), base)
        except (URLError, OSError) as exc:
            self.stats.record(name, time.perf_counter() - started, base, f"{name} on {base}: {exc}")
            raise RequestFailed(str(exc)) from exc
        error = None if reply.status in expect else f"{name} on {base}: HTTP {reply.status}{_problems(reply)}"
        self.stats.record(name, time.perf_counter() - started, base, error)
        if error:
            raise RequestFailed(error)
        return reply

    def follow(self, reply: Reply, *, name: str, expect: tuple[int, ...] = (200,)) -> Reply:
        location = urlsplit(reply.headers["Location"])
        return self.request(location.path + (f"?{location.query}" if location.query else ""), name=name,
                            expect=expect)


def _problems(reply: Reply) -> str:
    """The messages of a refused form (its error list), so a failed run says why."""
    if reply.status != 400:
        return ""
    found = re.findall(r'<li[^>]*>(.*?)</li>', reply.text, flags=re.S)
    return " (" + "; ".join(re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in found[-5:])[:500] + ")"


def _multipart(fields: dict, upload: tuple[str, str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    name, filename, content = upload
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: application/json\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _found(pattern: re.Pattern[str], html: str, what: str) -> str:
    match = pattern.search(html)
    if match is None:
        raise RequestFailed(f"no {what} on the page")
    return match.group(1)


# ------------------------------------------------------------------------------------------------------------
# The people
# ------------------------------------------------------------------------------------------------------------


def respondent(*, token: str, index: int, servers: list[str], stats: Stats, timeout: float,
               think: tuple[float, float], sent: list[dict]) -> None:
    """Open the personal link and start (this browser claims the response), confirm the profile, save every page,
    submit; record what was saved."""
    rng = random.Random(token)
    browser = Browser(servers=servers, stats=stats, timeout=timeout, first=index)
    base = f"/r/{token}"
    try:
        opened = browser.request(f"{base}/", name="open link")
        started = browser.request(f"{base}/", name="start", expect=(302,),
                                  data={"csrfmiddlewaretoken": _found(CSRF_RE, opened.text, "CSRF token")})
        profile = browser.follow(started, name="profile")
        org = ORG_RE.search(profile.text)
        saved = browser.request(f"{base}/profile/", name="profile (save)", expect=(302,), data={
            "csrfmiddlewaretoken": _found(CSRF_RE, profile.text, "CSRF token"),
            "organisation": org.group(1) if org else "", "level": "tactisch", "chain_role": "",
            "comment_consent": "on"})
        page = browser.follow(saved, name="page")
        answers: list[tuple[str, str]] = []
        for _ in range(60):  # more than the number of pages; the loop ends at the review page
            if 'name="page"' not in page.text:
                break
            html = page.text
            key, revision = _found(PAGE_RE, html, "page key"), _found(REVISION_RE, html, "revision")
            options: dict[str, list[str]] = defaultdict(list)
            for item, value in RADIO_RE.findall(html):
                options[item].append(value)
            data = {"csrfmiddlewaretoken": _found(CSRF_RE, html, "CSRF token"), "page": key, "revision": revision,
                    "nav": "next", "comment": f"Opmerking van respondent {index} bij {key}"}
            chosen = {item: rng.choice(values) for item, values in options.items()}
            data.update(chosen)
            time.sleep(rng.uniform(*think))  # reading and answering the page
            saved = browser.request(f"{base}/page/{key}/", name="page (save)", data=data, expect=(302,))
            answers += [(item[len("item-"):], value) for item, value in chosen.items()]
            page = browser.follow(saved, name="page")
        review = browser.request(f"{base}/review/", name="review")
        browser.request(f"{base}/submit/", name="submit", expect=(302,),
                        data={"csrfmiddlewaretoken": _found(CSRF_RE, review.text, "CSRF token")})
    except RequestFailed as exc:
        with stats.lock:
            stats.errors.append(f"respondent {index} stopped: {exc}")
        return
    with stats.lock:
        sent.append({"token": token, "answers": answers})


@dataclass
class CoordinatorOutcome:
    browser: Browser | None = None  # logged in: the report burst after the load reuses its session
    pdf_by_server: dict[str, bytes] = field(default_factory=dict)
    pdf_pending_replies: int = 0
    import_seconds: float | None = None
    report_seconds: float | None = None


def coordinator(*, plan: dict, servers: list[str], stats: Stats, timeout: float, outcome: CoordinatorOutcome,
                import_file: bytes, deadline: float) -> None:
    """Log in, upload the paper import, then ask both servers for the report until each has served the PDF."""
    browser = Browser(servers=servers, stats=stats, timeout=timeout)
    outcome.browser = browser
    try:
        login = browser.request("/accounts/login/", name="login")
        done = browser.request("/accounts/login/", name="login (post)", expect=(302,), data={
            "csrfmiddlewaretoken": _found(CSRF_RE, login.text, "CSRF token"),
            "username": plan["coordinator"]["email"], "password": plan["coordinator"]["password"]})
        browser.follow(done, name="dashboard", expect=(200, 302))
        form = browser.request(plan["import_url"], name="import form")
        started = time.perf_counter()
        queued = browser.request(plan["import_url"], name="import upload", expect=(302,),
                                 data={"csrfmiddlewaretoken": _found(CSRF_RE, form.text, "CSRF token")},
                                 upload=("file", "papier.json", import_file))
        job_path = urlsplit(queued.headers["Location"]).path
        report_started = time.perf_counter()
        import_done = False
        while time.monotonic() < deadline and (len(outcome.pdf_by_server) < len(servers) or not import_done):
            for index, server in enumerate(servers):
                if server in outcome.pdf_by_server:
                    continue
                reply = browser.request(plan["closed_report_url"], name="report.pdf", expect=(200, 202),
                                        server=index)
                if reply.status == 202:
                    outcome.pdf_pending_replies += 1
                else:
                    outcome.pdf_by_server[server] = reply.body
                    if len(outcome.pdf_by_server) == len(servers):
                        outcome.report_seconds = time.perf_counter() - report_started
            if not import_done:
                page = browser.request(job_path, name="import progress")
                if 'http-equiv="refresh"' not in page.text:
                    import_done = True
                    outcome.import_seconds = time.perf_counter() - started
            time.sleep(1)
    except RequestFailed as exc:
        with stats.lock:
            stats.errors.append(f"coordinator stopped: {exc}")


# ------------------------------------------------------------------------------------------------------------
# Preparation and verification (in this process, through the ORM, on the rehearsal's database)
# ------------------------------------------------------------------------------------------------------------


def prepare(*, plan_path: Path, respondents: int, import_respondents: int, closed_respondents: int) -> tuple[dict,
                                                                                                              bytes]:
    import datetime as dt

    import django

    django.setup()
    from django.db import connections
    from django.urls import reverse
    from django.utils import timezone

    from bench.import_bench import make_file
    from bench.loadtest import prepare as loadtest_prepare
    from bench.report_bench import build_round
    from results.services import MAX_IMPORT_BYTES
    from rounds.models import Round, RoundStatus

    loadtest_prepare.main(plan_path, respondents)
    plan = json.loads(plan_path.read_text())
    round_ = Round.objects.select_related("network").get(pk=plan["round_id"])
    network = round_.network
    closed = build_round(network=network, slug="vorige-meting", respondents=closed_respondents,
                         opens_on=dt.date(2026, 3, 1), seed=1)
    paper = Round.objects.create(network=network, name="Papieren meting", slug="papier", instrument=round_.instrument,
                                 status=RoundStatus.OPEN, opened_at=timezone.now())
    content = make_file(network=network, round=paper, respondents=import_respondents, limit=MAX_IMPORT_BYTES - 32_000)
    kwargs = {"network_slug": network.slug}
    plan.update({
        "closed_round_id": closed.pk, "paper_round_id": paper.pk,
        "closed_report_url": reverse("reports:pdf", kwargs={**kwargs, "round_slug": closed.slug}),
        "import_url": reverse("results:import", kwargs={**kwargs, "round_slug": paper.slug}),
    })
    connections.close_all()  # no idle connection of this process during the load
    return plan, content


def _stored_form(value: str) -> tuple[int | None, bool]:
    """A radio value as the database keeps it: "weet niet" and "niet van toepassing" have no number."""
    if value in ("dk", "na"):
        return None, value == "na"
    return int(value), False


def verify(*, plan: dict, sent: list[dict], outcome: CoordinatorOutcome, import_respondents: int) -> dict:
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    from reports.models import RenderKind, ReportFile, ReportRender
    from research.models import RoundScoreSnapshot
    from results.models import ImportJob
    from rounds.models import Answer, Invitation

    lost = wrong = expected_rows = 0
    for record in sent:
        invitation = Invitation.objects.select_related("response").get(token=record["token"])
        stored = {code: (value, not_applicable) for code, value, not_applicable in Answer.objects.filter(
            response=invitation.response).values_list("item__code", "value", "not_applicable")}
        expected = {code: _stored_form(value) for code, value in record["answers"]}
        expected_rows += len(expected)
        lost += sum(1 for code in expected if code not in stored)
        wrong += sum(1 for code, value in expected.items() if code in stored and stored[code] != value)
    rows = Answer.objects.filter(response__round_id=plan["round_id"]).count()
    submitted = Invitation.objects.filter(round_id=plan["round_id"], response__submitted_at__isnull=False).count()
    renders = ReportRender.objects.filter(round_id=plan["closed_round_id"], kind=RenderKind.NETWORK)
    report_file = ReportFile.objects.filter(round_id=plan["closed_round_id"]).first()
    pdfs = list(outcome.pdf_by_server.values())
    job = ImportJob.objects.filter(round_id=plan["paper_round_id"]).first()
    result = {
        "respondents_done": len(sent), "submitted": submitted, "answers_saved": expected_rows, "answer_rows": rows,
        "lost_answers": lost, "wrong_answers": wrong, "duplicate_answers": max(0, rows - expected_rows),
        "report_renders": renders.count(), "report_render_requests": sum(r.requests for r in renders),
        "report_pending_replies": outcome.pdf_pending_replies,
        "report_served_by": len(pdfs),
        "same_pdf_bytes": len(pdfs) == 2 and pdfs[0] == pdfs[1] and report_file is not None
        and bytes(report_file.pdf) == pdfs[0],
        "pdf_bytes": len(pdfs[0]) if pdfs else 0,
        "import_status": job.status if job else None, "import_created": job.created if job else 0,
        "import_expected": import_respondents,
        "failed_tasks": DBTaskResult.objects.filter(status="FAILED").count(),
        "score_snapshot_stored": RoundScoreSnapshot.objects.filter(round_id=plan["closed_round_id"],
                                                                   area="overall").exists(),
    }
    connections.close_all()
    return result


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _print_table(stats: Stats) -> dict:
    print(f"\n{'request type':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in sorted(stats.timings.items()):
        print(f"{name:24} {len(values):6} {statistics.median(values) * 1000:8.0f} "
              f"{_percentile(values, 0.95) * 1000:8.0f} {max(values) * 1000:8.0f}")
    every = [v for values in stats.timings.values() for v in values]
    overall = {"requests": len(every), "p50_ms": round(statistics.median(every) * 1000) if every else 0,
               "p95_ms": round(_percentile(every, 0.95) * 1000), "max_ms": round(max(every, default=0) * 1000)}
    print(f"{'all requests':24} {overall['requests']:6} {overall['p50_ms']:8} {overall['p95_ms']:8} "
          f"{overall['max_ms']:8}")
    print("requests per server:", dict(stats.per_server))
    return overall


# ------------------------------------------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="seconds over which the respondents start")
    parser.add_argument("--think", default="0.5,1.5", help="seconds per page before saving it: min,max")
    parser.add_argument("--import-respondents", type=int, default=5000, help="rows of the paper import")
    parser.add_argument("--report-respondents", type=int, default=30, help="responses in the closed round")
    parser.add_argument("--gunicorn-workers", type=int, default=2, help="per app server")
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn's worker time-out in seconds")
    parser.add_argument("--max-minutes", type=float, default=15, help="give up on the load after this long")
    parser.add_argument("--report-burst", type=float, default=10,
                        help="seconds of asking for the finished report after the load (0: none)")
    parser.add_argument("--report-clients", type=int, default=8, help="parallel clients of the report burst")
    return parser.parse_args(argv)


def _warm_up(server: str, *, workers: int) -> None:
    """Load the app in every gunicorn worker before the measured load (as the proxy's health checks would):
    a worker imports views and templates on its first request, which is start-up, not load."""
    def hit() -> None:
        for path in ("/health/", "/accounts/login/"):
            with build_opener().open(server + path, timeout=60) as reply:
                reply.read()

    threads = [threading.Thread(target=hit) for _ in range(3 * workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _servers_start(stack: ExitStack, *, env: dict, workdir: Path, args: argparse.Namespace) -> list[str]:
    bin_dir = Path(PY).parent
    servers = []
    for name in ("a", "b"):
        port = free_port()
        process = _start(stack, [str(bin_dir / "gunicorn"), "ketenregie.wsgi", "--workers",
                                 str(args.gunicorn_workers), "--bind", f"127.0.0.1:{port}", "--timeout",
                                 str(args.timeout), "--log-level", "warning"],
                         env=env, log=workdir / f"gunicorn-{name}.log")
        servers.append((port, process))
    worker = _start(stack, [PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"], env=env,
                    log=workdir / "worker.log")
    for port, process in servers:
        wait_for_port(port, timeout=60, process=process)
        _warm_up(f"http://127.0.0.1:{port}", workers=args.gunicorn_workers)
    if worker.poll() is not None:
        raise SystemExit(f"db_worker exited with {worker.returncode}; see {workdir / 'worker.log'}")
    return [f"http://127.0.0.1:{port}" for port, _process in servers]


def _load(*, plan: dict, servers: list[str], args: argparse.Namespace, import_file: bytes) -> tuple[
        Stats, list[dict], CoordinatorOutcome, float]:
    stats, outcome = Stats(), CoordinatorOutcome()
    sent: list[dict] = []
    low, high = (float(x) for x in args.think.split(","))
    client_timeout = args.timeout + 15  # longer than gunicorn's, so a request it would kill shows up as one
    deadline = time.monotonic() + args.max_minutes * 60
    threads = [threading.Thread(target=coordinator, kwargs={
        "plan": plan, "servers": servers, "stats": stats, "timeout": client_timeout, "outcome": outcome,
        "import_file": import_file, "deadline": deadline})]
    for index, token in enumerate(plan["tokens"]):
        threads.append(threading.Thread(target=respondent, daemon=True, kwargs={
            "token": token, "index": index, "servers": servers, "stats": stats, "timeout": client_timeout,
            "think": (low, high), "sent": sent}))
    started = time.perf_counter()
    gap = args.duration / max(1, len(plan["tokens"]))
    for thread in threads:
        thread.start()
        if thread is not threads[0]:
            time.sleep(gap)
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()))
    unfinished = sum(thread.is_alive() for thread in threads)
    if unfinished:
        stats.errors.append(f"{unfinished} clients still busy after --max-minutes {args.max_minutes}")
    return stats, sent, outcome, time.perf_counter() - started


def report_burst(*, browser: Browser, url: str, seconds: float, clients: int) -> dict:
    """After the load: ``clients`` threads of the coordinator's browser ask both servers for the finished report
    for ``seconds``; every reply must be the PDF (from the shared store, no new render). Requests per second."""
    stats = Stats()
    burst = Browser(servers=browser.servers, stats=stats, timeout=browser.timeout)
    burst.opener = browser.opener  # the same session cookie; urllib's CookieJar is thread-safe
    stop_at = time.monotonic() + seconds
    served: list[int] = []

    def ask(first: int) -> None:
        turn = first
        while time.monotonic() < stop_at:
            try:
                reply = burst.request(url, name="report.pdf (finished)", server=turn % len(burst.servers))
            except RequestFailed:
                return
            served.append(len(reply.body))
            turn += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=ask, args=(index,)) for index in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    timings = sorted(stats.timings.get("report.pdf (finished)", []))
    return {"report_burst_requests": len(served), "report_burst_seconds": round(elapsed, 1),
            "report_burst_rps": round(len(served) / elapsed, 1) if elapsed else 0.0,
            "report_burst_p95_ms": round(_percentile(timings, 0.95) * 1000) if timings else None,
            "report_burst_errors": len(stats.errors), "report_burst_sizes": sorted(set(served))}


def _checks(result: dict, *, args: argparse.Namespace) -> dict[str, bool]:
    return {
        "no errors": result["errors"] == 0,
        "every respondent submitted": result["respondents_done"] == args.respondents == result["submitted"],
        "every answer stored exactly once": result["lost_answers"] == result["wrong_answers"] == 0
        and result["answer_rows"] == result["answers_saved"],
        "report rendered once": result["report_renders"] == 1,
        "same report bytes from both servers": result["same_pdf_bytes"],
        "import done": result["import_status"] == "done" and result["import_created"] == args.import_respondents,
        "no failed task": result["failed_tasks"] == 0,
        "no request above the gunicorn time-out": result["max_ms"] < args.timeout * 1000,
        "finished report served from both servers without errors": result.get("report_burst_errors") == 0
        and result.get("report_burst_requests", 0) > 0 and len(result.get("report_burst_sizes", [])) == 1,
    }


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    # A SIGTERM (a test's time-out, systemd, kill) unwinds the stack below like an error: every server stops.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    workdir = Path(tempfile.mkdtemp(prefix="ketenregie-multihost-"))
    keep_logs = False
    with ExitStack() as stack:

        def clean_up() -> None:
            if not keep_logs:  # read when the stack closes: a failed run keeps its server logs
                shutil.rmtree(workdir, ignore_errors=True)

        stack.callback(clean_up)
        database_url = _postgres(stack, free_port())
        env = loadtest_env(database_url, str(workdir / "static"))
        env.pop("KETENREGIE_TASKS_BACKEND", None)  # the production default: the database queue
        env["CACHE_URL"] = stack.enter_context(redis_server())
        os.environ.update(env)  # this process prepares and verifies through the ORM on the same database
        run = lambda *cmd: subprocess.run(cmd, cwd=ROOT, env=env, check=True)  # noqa: E731
        run(PY, "manage.py", "migrate", "--noinput", "-v0")
        run(PY, "manage.py", "collectstatic", "--noinput", "-v0")
        plan, import_file = prepare(plan_path=workdir / "plan.json", respondents=args.respondents,
                                    import_respondents=args.import_respondents,
                                    closed_respondents=args.report_respondents)
        servers = _servers_start(stack, env=env, workdir=workdir, args=args)
        stats, sent, outcome, elapsed = _load(plan=plan, servers=servers, args=args, import_file=import_file)
        if outcome.browser is not None and args.report_burst > 0:
            burst = report_burst(browser=outcome.browser, url=plan["closed_report_url"], seconds=args.report_burst,
                                 clients=args.report_clients)
        else:
            burst = {}
        result = verify(plan=plan, sent=sent, outcome=outcome, import_respondents=args.import_respondents)
        result.update(burst)
        print(f"\n=== multi-host rehearsal: 2 gunicorn servers x {args.gunicorn_workers} workers, 1 db_worker, "
              f"PostgreSQL, Redis; {args.respondents} respondents arriving over {args.duration:.0f} s, "
              f"import of {args.import_respondents} respondents ===")
        result.update(_print_table(stats))
        result.update({"errors": len(stats.errors), "load_seconds": round(elapsed, 1),
                       "report_seconds": outcome.report_seconds and round(outcome.report_seconds, 1),
                       "import_seconds": outcome.import_seconds and round(outcome.import_seconds, 1)})
        for error in stats.errors[:20]:
            print("error:", error)
        checks = _checks(result, args=args)
        print(f"wall time of the load: {elapsed:.1f} s; errors {len(stats.errors)}; lost answers "
              f"{result['lost_answers']}; duplicate answers {result['duplicate_answers']}; report renders "
              f"{result['report_renders']} ({result['report_render_requests']} requests for it, "
              f"{result['report_pending_replies']} '202 wordt gemaakt' replies); same PDF from both servers: "
              f"{result['same_pdf_bytes']}; import {result['import_status']} in {result['import_seconds']} s")
        if burst:
            print(f"finished report, {args.report_clients} clients for {burst['report_burst_seconds']} s over both "
                  f"servers: {burst['report_burst_requests']} PDFs, {burst['report_burst_rps']} requests/s, "
                  f"p95 {burst['report_burst_p95_ms']} ms, errors {burst['report_burst_errors']}")
        for name, ok in checks.items():
            print(f"{'OK  ' if ok else 'FAIL'} {name}")
        result["ok"] = all(checks.values())
        print("RESULT " + json.dumps(result))
        if not result["ok"]:
            keep_logs = True
            print(f"logs kept in {workdir}")
        return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
