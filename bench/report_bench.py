"""Benchmark: PDF report render time and peak memory, and what the app adds to WeasyPrint.

Run from the repository root:

    .venv/bin/python bench/report_bench.py [--sizes 10 50 200] [--main 50] [--repeat 3]

What it does: creates a temporary SQLite database and migrates it (which loads the shipped instrument),
then builds one network with five partner organisations and, per size N in ``--sizes``, a closed round
with N submitted responses, every optional module switched on and every closed item answered (about one
in twelve answers "weet niet"), respondents spread over the partners and the three levels, a third of
them with a consented open comment. The ``--main`` round also gets an earlier closed round, so the trend
section is drawn as well: every section of the report is on.

Measured per round (median of ``--repeat`` runs, wall-clock):

* ``scores``: the scoring alone (``reports.selectors.report_scores_and_history``);
* ``html``: everything the app does before WeasyPrint (scores, advice, charts, templates);
* ``app total``: what a download costs without the cache, as ``reports.services.report_pdf_get`` does it:
  the HTML plus the PDF rendered in the bounded child process (interpreter start included);
* ``weasyprint``: WeasyPrint rendering the same finished HTML alone, in this process, with the same
  static-only URL fetcher;
* ``ratio``: app total / weasyprint, i.e. how much the app adds to the bare rendering;
* ``child peak MB``: the largest resident memory of a PDF child process (``RUSAGE_CHILDREN``), and
  ``parent peak MB``: this process's own peak (Django, the database and the scoring).

Render time should not grow with the number of respondents beyond the scoring cost: the report's size
depends on the instrument, not on the number of people, so ``app total - scores`` stays flat.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(*, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ketenregie.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    (workdir / "static").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_round(*, network, slug: str, respondents: int, opens_on, seed: int):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from assessments.models import Instrument, Item, Module
    from networks.models import Level, Membership
    from rounds.models import Answer, Invitation, PageState, Response, Round, RoundStatus

    rng = random.Random(seed)
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        raise SystemExit("No published instrument: run manage.py load_instruments first.")
    items = list(Item.objects.filter(instrument=instrument).prefetch_related("scale__options"))
    options = {item.pk: sorted(o.value for o in item.scale.options.all()) for item in items}
    partners = list(network.partnerships.select_related("organisation"))
    levels = [Level.STRATEGIC, Level.TACTICAL, Level.OPERATIONAL]
    now = timezone.now()
    with transaction.atomic():
        round = Round.objects.create(network=network, name=f"Ronde {slug}", slug=slug, instrument=instrument,
                                     status=RoundStatus.CLOSED, opens_on=opens_on, opened_at=now, closed_at=now,
                                     answers_changed_at=now)
        round.optional_modules.set(Module.objects.filter(instrument=instrument, optional=True))
        answers, states = [], []
        for index in range(respondents):
            email = f"{slug}-{index}@bench.invalid"
            user = get_user_model().objects.create_user(username=email, email=email)
            organisation = partners[index % len(partners)].organisation
            level = levels[index % len(levels)]
            Membership.objects.create(network=network, user=user, organisation=organisation, level=level)
            invitation = Invitation.objects.create(round=round, user=user, sent_at=now)
            response = Response.objects.create(round=round, invitation=invitation, respondent=user,
                                               organisation=organisation, level=level, profile_confirmed=True,
                                               comment_consent=index % 3 == 0, submitted_at=now)
            bias = rng.gauss(0, 0.6)
            for item in items:
                values = options[item.pk]
                if rng.random() < 1 / 12:
                    value = None
                else:
                    middle = (values[0] + values[-1]) / 2 + bias
                    value = min(values[-1], max(values[0], round_half(rng.gauss(middle, 1.0))))
                answers.append(Answer(response=response, item=item, value=value))
            if index % 3 == 0:
                states.append(PageState(response=response, page="SF-K",
                                        comment=f"Opmerking {index}: we moeten de cliënt vaker betrekken."))
        Answer.objects.bulk_create(answers, batch_size=2000)
        PageState.objects.bulk_create(states)
    return round


def round_half(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def build(*, sizes: list[int], main: int):
    import datetime as dt

    from networks.models import Network, Organisation, Partnership, Sector

    network = Network.objects.create(name="Benchmarknetwerk Jeugdketen", slug="benchmark", claimed_phase=2)
    for i in range(5):
        organisation = Organisation.objects.create(name=f"Partner {i + 1}", sector=Sector.YOUTH_CARE)
        Partnership.objects.create(network=network, organisation=organisation)
    build_round(network=network, slug="vorige", respondents=main, opens_on=dt.date(2025, 3, 1), seed=1)
    rounds = {}
    for n in sorted(set(sizes) | {main}):
        rounds[n] = build_round(network=network, slug=f"n{n}", respondents=n, opens_on=dt.date(2026, 3, 1),
                                seed=n)
    return rounds


def median(values: list[float]) -> float:
    return statistics.median(values)


class AppMeasure(TypedDict):
    scores: float
    html: float
    total: float
    document: str
    pages: int


def measure_app(*, round, repeat: int) -> AppMeasure:
    """Scores, HTML and the full PDF download path (child process), cold each time."""
    from django.core.cache import cache

    from reports import selectors
    from reports.pdf import render_pdf
    from reports.services import report_html_for_pdf

    scores, html, total = [], [], []
    document, pdf = "", b""
    for _ in range(repeat):
        cache.clear()  # the results app caches scores; measure the cold path a changed round takes
        started = time.perf_counter()
        selectors.report_scores_and_history(round=round)
        scores.append(time.perf_counter() - started)

        cache.clear()
        started = time.perf_counter()
        document = report_html_for_pdf(round=round, interim=False)
        html.append(time.perf_counter() - started)

        cache.clear()
        started = time.perf_counter()
        document = report_html_for_pdf(round=round, interim=False)
        pdf = render_pdf(html=document, timeout=600).pdf
        total.append(time.perf_counter() - started)
    return {"scores": median(scores), "html": median(html), "total": median(total), "document": document,
            "pages": _pages(pdf)}


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure_weasyprint(*, document: str, repeat: int) -> float:
    """WeasyPrint alone on the finished HTML, in this process, with the same URL fetcher."""
    from reports.pdf import static_locations, write_pdf

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        write_pdf(html=document, locations=static_locations())
        times.append(time.perf_counter() - started)
    return median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--main", type=int, default=50, help="respondents of the round measured in detail")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        setup_django(workdir=Path(tmp))
        started = time.perf_counter()
        rounds = build(sizes=args.sizes, main=args.main)
        print(f"built {len(rounds) + 1} rounds in {time.perf_counter() - started:.1f} s")
        print(f"{'respondents':>11} {'scores s':>9} {'html s':>7} {'app total s':>12} {'weasyprint s':>13} "
              f"{'ratio':>6} {'total-scores s':>15} {'pages':>6} {'html kB':>8}")
        results = {n: measure_app(round=round, repeat=args.repeat) for n, round in sorted(rounds.items())}
        # Read before WeasyPrint runs in this process: the web worker's own peak, without the PDF layout.
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        for n, m in results.items():
            weasy = measure_weasyprint(document=m["document"], repeat=args.repeat)
            print(f"{n:>11} {m['scores']:>9.2f} {m['html']:>7.2f} {m['total']:>12.2f} {weasy:>13.2f} "
                  f"{m['total'] / weasy:>6.2f} {m['total'] - m['scores']:>15.2f} {m['pages']:>6} "
                  f"{len(m['document'].encode()) / 1024:>8.0f}")
        print(f"peak resident memory: PDF child process {child:.0f} MB; app process {parent:.0f} MB "
              f"(Django, database, scoring, templates; before any in-process WeasyPrint run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
