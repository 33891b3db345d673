"""Locust scenario: respondents fill in the whole questionnaire while a coordinator watches.

Each respondent opens their personal link, confirms the profile, saves every page with think time and
submits. Every answer sent is appended to $LOADTEST_SENT (JSON lines) so run.py can verify afterwards
that each one is stored exactly once. One coordinator logs in, polls the completion monitor and
downloads the report. Traffic goes only to the --host given by run.py (the local machine).
"""

import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
SENT_PATH = Path(os.environ["LOADTEST_SENT"])
_tokens = list(PLAN["tokens"])
_lock = threading.Lock()
_finished = {"count": 0}

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION_RE = re.compile(r'name="revision" value="(\d+)"')
PAGE_RE = re.compile(r'name="page" value="([^"]+)"')
RADIO_RE = re.compile(r'type="radio" name="(item-[^"]+)" id="[^"]*" value="([^"]+)"')


def _csrf(html: str) -> str:
    match = CSRF_RE.search(html)
    return match.group(1) if match else ""


def _found(pattern: re.Pattern[str], html: str) -> str:
    """The first group of a field the page must have; a page without it is a failed request."""
    match = pattern.search(html)
    if match is None:
        raise StopUser(f"no {pattern.pattern!r} on the page")
    return match.group(1)


THINK_MIN, THINK_MAX = (float(x) for x in os.environ.get("LOADTEST_THINK", "1,3").split(","))


class Respondent(HttpUser):
    weight = 50
    wait_time = between(THINK_MIN, THINK_MAX)

    def on_start(self):
        with _lock:
            token = _tokens.pop() if _tokens else None
        if token is None:
            raise StopUser()
        self.token = token
        self.rng = random.Random(self.token)

    @task
    def fill_in(self):
        base = f"/r/{self.token}"
        opened = self.client.get(f"{base}/", name="/r/[token]/ (open link)")
        # "Start de vragenlijst": this browser claims the response (rounds.respond_access), then the profile.
        self.client.post(f"{base}/", data={"csrfmiddlewaretoken": _csrf(opened.text)}, name="/r/[token]/ (start)")
        profile = self.client.get(f"{base}/profile/", name="/r/[token]/profile/")
        org = re.search(r'<option value="(\d+)"', profile.text)
        page = self.client.post(f"{base}/profile/", name="/r/[token]/profile/ (save)", data={
            "csrfmiddlewaretoken": _csrf(profile.text), "organisation": org.group(1) if org else "",
            "level": "tactisch", "chain_role": "", "comment_consent": "on",
        })
        sent = []
        for _ in range(40):  # more than the number of pages; the loop ends at the review page
            if "/page/" not in page.url:
                break
            html = page.text
            key, revision = _found(PAGE_RE, html), _found(REVISION_RE, html)
            options: dict[str, list[str]] = {}
            for name, value in RADIO_RE.findall(html):
                options.setdefault(name, []).append(value)
            data = {"csrfmiddlewaretoken": _csrf(html), "page": key, "revision": revision, "nav": "next",
                    "comment": f"Opmerking van {self.token[:6]} bij {key}"}
            for name, values in options.items():
                data[name] = self.rng.choice(values)
                sent.append((name[len("item-"):], data[name]))
            self.wait()  # think time: reading and answering the page
            page = self.client.post(page.url, data=data, name="/r/[token]/page/[page]/ (save)")
        review = self.client.get(f"{base}/review/", name="/r/[token]/review/")
        self.client.post(f"{base}/submit/", data={"csrfmiddlewaretoken": _csrf(review.text)},
                         name="/r/[token]/submit/")
        with _lock:
            with SENT_PATH.open("a") as fh:
                fh.write(json.dumps({"token": self.token, "answers": sent}) + "\n")
            _finished["count"] += 1
        raise StopUser()


class Coordinator(HttpUser):
    weight = 1
    fixed_count = 1
    wait_time = between(4, 6)

    def on_start(self):
        login = self.client.get("/accounts/login/", name="/accounts/login/")
        self.client.post("/accounts/login/", name="/accounts/login/ (post)", data={
            "csrfmiddlewaretoken": _csrf(login.text), "username": PLAN["coordinator"]["email"],
            "password": PLAN["coordinator"]["password"],
        })
        self.reports = 0

    @task(5)
    def watch_monitor(self):
        self.client.get(PLAN["monitor_url"], name="monitor")
        if _finished["count"] >= len(PLAN["tokens"]):
            if PLAN.get("report_url"):
                self.client.get(PLAN["report_url"], name="report.pdf (final)")
            self.environment.runner.quit()

    @task(1)
    def download_report(self):
        if PLAN.get("report_url") and self.reports < 3:
            self.reports += 1
            self.client.get(PLAN["report_url"], name="report.pdf")


@events.quitting.add_listener
def _summary(environment, **kwargs):
    environment.process_exit_code = 0 if environment.stats.total.num_failures == 0 else 1
