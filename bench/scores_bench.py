"""Benchmark: server time and SQL queries of the results dashboard and ``network_scores``.

Run from the repository root:

    .venv/bin/python bench/scores_bench.py [--rounds 200] [--respondents 50] [--repeat 7]
    .venv/bin/python bench/scores_bench.py --database-url postgres://…/empty_db   # a throw-away PostgreSQL

What it does: creates a temporary SQLite database (WAL, as in production on SQLite; or uses the throw-away
database given with --database-url, which must be empty) and migrates it, which loads the shipped instrument.
It then builds ``--rounds`` closed rounds spread over networks of five rounds each (so every round but the
first of a network has an earlier round to compare with), each with ``--respondents`` submitted responses,
every optional module switched on and every closed item answered (about one in twelve answers "weet niet"),
respondents spread over three partner organisations, the three levels and two roles.

Measured, in-process through Django's test Client (the full request cycle: middleware, view, scoring,
charts, templates, SQL; no network or browser), signed in as a superuser:

* one round: the dashboard and the ``network_scores`` command, ``--repeat`` times each, with the score
  cache cleared before every run ("cold": everything computed) and with the cache filled ("warm");
* all rounds: the dashboard and the command once for every round, network by network and oldest round
  first, starting from an empty cache, as after a deployment (each round's scores are computed once; the
  earlier rounds a dashboard needs for its trend are then usually cached already).

For the one round it also runs the floor: a single SQL ``GROUP BY`` that counts the round's answers per item
and value (everything the scores follow from), and prints cold ``network_scores`` as a multiple of it; the
issue's comparison uses ``--rounds 1 --respondents 5000 --one-round-only``. A last line ``RESULT {json}`` is
for bench/run_all.py.

Figures printed: median and 90th percentile wall-clock milliseconds, median CPU milliseconds of this process,
and the SQL query count per request. The query count
does not depend on the number of respondents (tests/results/test_results_dashboard.py guards this); a cold
dashboard scores two rounds (this one and the previous, for the trend) and up to five earlier rounds for the
trend chart, which is why its count is higher than the command's. Times are wall-clock and include whatever
else the machine is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS_PER_NETWORK = 5


def setup_django(*, database: Path | None, database_url: str | None, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ketenregie.settings.test"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{database}"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    (workdir / "static").mkdir(exist_ok=True)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    # Deliberately no setup_test_environment(): it instruments every template render for the test Client,
    # which would be measured as server time.
    call_command("migrate", verbosity=0)


def build(*, rounds: int, respondents: int, seed: int = 2024) -> list:
    """Networks, partners, closed rounds with every module on, and fully answered responses."""
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from assessments.models import Instrument, Item, Module, ScaleOption
    from networks.models import Level, Network, Organisation, Partnership, Sector
    from rounds.models import Answer, Response, Round, RoundStatus

    rng = random.Random(seed)
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        raise SystemExit("No published instrument: run manage.py load_instruments first.")
    optional = list(Module.objects.filter(instrument=instrument, optional=True))
    values: dict[int, list[int]] = {}
    for scale_id, value in ScaleOption.objects.filter(scale__instrument=instrument).values_list("scale_id", "value"):
        values.setdefault(scale_id, []).append(value)
    items = [(pk, values[scale_id]) for pk, scale_id in Item.objects.filter(instrument=instrument).values_list(
        "pk", "scale_id")]
    built = []
    now = timezone.now()
    for index in range(rounds):
        with transaction.atomic():
            number, position = divmod(index, ROUNDS_PER_NETWORK)
            if position == 0:
                network = Network.objects.create(name=f"Bench-netwerk {number + 1}", slug=f"bench-{number + 1}",
                                                 claimed_phase=rng.randint(1, 4))
                partners = []
                for p in range(3):
                    organisation = Organisation.objects.create(name=f"Bench {number + 1}-{p + 1}",
                                                               sector=Sector.WELFARE)
                    Partnership.objects.create(network=network, organisation=organisation)
                    partners.append(organisation)
            round = Round.objects.create(
                network=network, name=f"Ronde {2020 + position}", slug=f"ronde-{2020 + position}",
                instrument=instrument, status=RoundStatus.CLOSED, closes_on=date(2020 + position, 6, 1),
                opened_at=now, closed_at=now, answers_changed_at=now)
            round.optional_modules.set(optional)
            responses = Response.objects.bulk_create([
                Response(round=round, organisation=partners[r % 3], level=Level.values[r % 3],
                         chain_role=("ketenpartner", "professional")[r % 2], submitted_at=now, started_at=now)
                for r in range(respondents)
            ])
            if not responses[0].pk:  # backends without RETURNING on bulk insert
                responses = list(Response.objects.filter(round=round).order_by("pk"))
            Answer.objects.bulk_create([
                Answer(response=response, item_id=item_id,
                       value=None if rng.random() < 0.08 else rng.choice(options))
                for response in responses for item_id, options in items
            ], batch_size=2000)
            built.append(round)
        if (index + 1) % 20 == 0:
            print(f"  built {index + 1}/{rounds} rounds", file=sys.stderr)
    return built


def measure(fn, *, repeat: int, before=None) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds per run (``before`` runs untimed first) and the last run's query count.

    Queries are captured during the timed runs; recording some 30 statements costs well under a millisecond.
    CPU time is this process's: it leaves out waiting for the database file and other processes on a busy
    machine, so it is the steadier figure when the wall-clock one is noisy.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, count = [], [], 0
    for _ in range(repeat):
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        count = len(queries)
    return times, cpu, count


def group_by_floor(round):
    """The least the database must do for a round's scores: count its submitted answers per item and value.

    Everything the engine computes (means, quartiles, shares, phases) follows from these counts, so one
    GROUP BY query over the round's answers, fetched in full, is the floor a cold ``network_scores`` is held to.
    """
    from django.db import connection

    from rounds.models import Answer, Response

    answers, responses = Answer._meta.db_table, Response._meta.db_table
    sql = (f"SELECT a.item_id, a.value, a.not_applicable, COUNT(*) FROM {answers} a "
           f"JOIN {responses} r ON r.id = a.response_id "
           "WHERE r.round_id = %s AND r.submitted_at IS NOT NULL GROUP BY a.item_id, a.value, a.not_applicable")

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [round.pk])
            assert cursor.fetchall()
    return run


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def report(label: str, times: list[float], cpu: list[float], queries: int) -> None:
    print(f"{label:<40} median {statistics.median(times):7.1f} ms   p90 {p90(times):7.1f} ms   "
          f"CPU median {statistics.median(cpu):7.1f} ms   {queries:3d} queries")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", help="an empty throw-away database (default: a temporary SQLite file)")
    parser.add_argument("--one-round-only", action="store_true",
                        help="measure only the one round against the SQL floor (skip the all-rounds pass)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ketenregie-scores-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(database=workdir / "bench.sqlite3", database_url=args.database_url, workdir=workdir)
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        print(f"database: {connection.vendor}; building {args.rounds} rounds × {args.respondents} respondents, "
              "every module on …", file=sys.stderr)
        start = time.perf_counter()
        rounds = build(rounds=args.rounds, respondents=args.respondents)
        from rounds.models import Answer, Response

        answers = Answer.objects.count()
        print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)

        admin = get_user_model().objects.create_superuser("bench@example.org", "bench@example.org", "x" * 16)
        client = Client()
        client.force_login(admin)

        def dashboard(round):
            def run():
                response = client.get(reverse("results:dashboard", args=[round.network.slug, round.slug]))
                assert response.status_code == 200, response.status_code
            return run

        def command(round):
            def run():
                call_command("network_scores", round.network.slug, "--round", round.slug, "--format", "json",
                             stdout=StringIO())
            return run

        # The last round of the first network: it has four earlier rounds for the trend.
        one = rounds[min(ROUNDS_PER_NETWORK, len(rounds)) - 1]
        print(f"\n{connection.vendor}: {args.rounds} rounds, {args.respondents} respondents each, every module on"
              + f", {answers} answers in total")
        print(f"one round ({one.network.slug}/{one.slug}), {args.repeat} runs each:")
        report("  dashboard, cold (cache cleared)", *measure(dashboard(one), repeat=args.repeat, before=cache.clear))
        dashboard(one)()
        report("  dashboard, warm (scores cached)", *measure(dashboard(one), repeat=args.repeat))
        cold = measure(command(one), repeat=args.repeat, before=cache.clear)
        report("  network_scores, cold", *cold)
        command(one)()
        report("  network_scores, warm", *measure(command(one), repeat=args.repeat))
        floor = measure(group_by_floor(one), repeat=args.repeat)
        report("  SQL GROUP BY floor", *floor)
        ratio = statistics.median(cold[0]) / statistics.median(floor[0])
        respondents = Response.objects.filter(round=one).count()
        print(f"  network_scores cold / GROUP BY floor: {ratio:.1f}x (wall-clock medians, "
              f"{respondents} respondents; goal <= 5x)")
        print("RESULT " + json.dumps({
            "name": "network_scores", "respondents": respondents, "answers": answers,
            "ours_ms": statistics.median(cold[0]), "ours_cpu_ms": statistics.median(cold[1]),
            "ours_queries": cold[2], "floor_ms": statistics.median(floor[0]), "ratio": ratio}))
        if args.one_round_only:
            return 0

        # All rounds, network by network, oldest round first, starting from an empty cache: as after a
        # deployment. A round's earlier rounds are then usually cached already, as they would be in use.
        for label, make in (("dashboard", dashboard), ("network_scores", command)):
            cache.clear()
            times, cpu, queries = [], [], []
            for round in rounds:
                run_times, run_cpu, run_queries = measure(make(round), repeat=1)
                times += run_times
                cpu += run_cpu
                queries.append(run_queries)
            print(f"all {len(rounds)} rounds, {label}, cache empty at the start: total {sum(times) / 1000:.1f} s "
                  f"(CPU {sum(cpu) / 1000:.1f} s), median {statistics.median(times):.1f} ms, p90 {p90(times):.1f} ms, "
                  f"CPU median {statistics.median(cpu):.1f} ms, queries per request {min(queries)}–{max(queries)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
