"""The reference for the questionnaire benchmark: django-survey-and-report with 100 questions on one page.

Not run with the project's virtualenv: bench/run_all.py installs the peer from PyPI into a scratch virtualenv
and runs this file with that interpreter, so nothing of the peer comes near the project's dependencies:

    python3 -m venv /tmp/ketenregie-peer && /tmp/ketenregie-peer/bin/pip install django-survey-and-report
    /tmp/ketenregie-peer/bin/python bench/peer_survey.py [--repeat 15] [--questions 100]

What it measures, like bench/questionnaire_bench.py does for our pages: a temporary SQLite database (WAL),
the peer's own views through Django's test Client in-process, signed in (the survey requires a logged-in
user, as ours does), DEBUG off. One survey of ``--questions`` required radio questions with five choices,
shown all on one page. GET renders the page; a save POSTs every question answered (the peer stores a new
response, or updates the user's response once it exists because ``editable_answers`` is on) and follows
no redirect. Prints one JSON line: medians in milliseconds, wall and CPU, and the queries per request.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from urllib.parse import urlencode


def configure(database: str) -> None:
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="peer-benchmark-only",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=__name__,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": database,
                               "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"}}},
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                        "django.contrib.messages", "django.contrib.staticfiles", "survey"],
        MIDDLEWARE=["django.middleware.security.SecurityMiddleware",
                    "django.contrib.sessions.middleware.SessionMiddleware",
                    "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware",
                    "django.contrib.messages.middleware.MessageMiddleware"],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
                    "OPTIONS": {"context_processors": [
                        "django.template.context_processors.request", "django.contrib.auth.context_processors.auth",
                        "django.template.context_processors.i18n", "django.template.context_processors.static",
                        "django.contrib.messages.context_processors.messages"]}}],
        STATIC_URL="/static/",
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        CHOICES_SEPARATOR=",",
        USER_DID_NOT_ANSWER="Left blank",
        LOGIN_URL="/login/",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )


urlpatterns: list = []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peer-survey-") as tmp:
        configure(os.path.join(tmp, "peer.sqlite3"))
        import django

        django.setup()
        from django.urls import include, path

        urlpatterns.append(path("survey/", include("survey.urls")))
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from survey.models import Question, Survey

        call_command("migrate", verbosity=0)
        survey = Survey.objects.create(name="Benchmark", description="100 vragen", need_logged_user=True,
                                       editable_answers=True, display_method=Survey.ALL_IN_ONE_PAGE)
        choices = ",".join(["nee", "nauwelijks", "gedeeltelijk", "grotendeels", "ja"])
        Question.objects.bulk_create([
            Question(text=f"Vraag {number}", order=number, required=True, survey=survey, type=Question.RADIO,
                     choices=choices) for number in range(1, args.questions + 1)])
        user = get_user_model().objects.create_user("peer", "peer@example.org", "x" * 16)
        client = Client()
        client.force_login(user)
        url = f"/survey/{survey.pk}/"
        questions = list(survey.questions.order_by("order"))
        values = choices.split(",")

        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def save(turn: int):
            data = {f"question_{q.pk}": values[(turn + q.order) % len(values)] for q in questions}
            # urlencoded, as a browser submits this form (it has no multipart enctype); the test client would
            # otherwise send multipart, whose parsing is a quarter of a 100-item save
            response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
            assert response.status_code == 302, (response.status_code, response.content[:2000])

        get()
        save(0)  # the first save creates the response; later ones update it, as a respondent's re-save does
        with CaptureQueriesContext(connection) as queries:
            get()
        get_queries = len(queries)
        with CaptureQueriesContext(connection) as queries:
            save(1)
        save_queries = len(queries)
        timings: dict[str, list[float]] = {"get": [], "save": [], "get_cpu": [], "save_cpu": []}
        for turn in range(args.repeat):
            for name, action in (("get", get), ("save", lambda turn=turn: save(turn + 2))):
                wall, cpu = time.perf_counter(), time.process_time()
                action()
                timings[name].append((time.perf_counter() - wall) * 1000)
                timings[f"{name}_cpu"].append((time.process_time() - cpu) * 1000)
    result: dict[str, object] = {name: statistics.median(values) for name, values in timings.items()}
    result.update(questions=args.questions, get_queries=get_queries, save_queries=save_queries,
                  django=django.get_version(), python=sys.version.split()[0])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
