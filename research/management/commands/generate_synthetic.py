"""python manage.py generate_synthetic --networks 1000 --rounds 3 --respondents 20 [--seed 1]

Synthetic consenting networks with closed rounds that answer the full instrument, for benchmarks and demos of
the research area (docs/research.md). Each seed can be used once: its networks are named syn-<seed>-<n>.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from research.services import round_score_snapshots_refresh
from research.synthetic import SyntheticDataExists, synthetic_data_generate
from rounds.models import Round


class Command(BaseCommand):
    help = "Generate synthetic networks, rounds and answers (all consenting, all closed)."

    def add_arguments(self, parser):
        parser.add_argument("--networks", type=int, default=100)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--respondents", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-snapshots", action="store_true",
                            help="skip storing the area scores per round (the benchmark for networks needs them; "
                                 "refresh_score_snapshots can do it later)")

    def handle(self, *args, networks: int, rounds: int, respondents: int, seed: int, no_snapshots: bool, **options):
        for name, value in (("networks", networks), ("rounds", rounds), ("respondents", respondents)):
            if value < 1:
                raise CommandError(f"--{name} must be at least 1")
        started = time.monotonic()

        def progress(totals):
            if options["verbosity"] > 1:
                self.stderr.write(f"  {totals['networks']} networks, {totals['answers']} answers")

        try:
            result = synthetic_data_generate(networks=networks, rounds=rounds, respondents=respondents, seed=seed,
                                             progress=progress)
        except SyntheticDataExists as exc:
            raise CommandError(f"Synthetic data with seed {seed} exists already ({exc}*); "
                               "choose another --seed.") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        self.stdout.write(f"{result.networks} networks, {result.rounds} rounds, {result.responses} responses, "
                          f"{result.answers} answers in {elapsed:.1f} s")
        if not no_snapshots:
            started = time.monotonic()
            stored = round_score_snapshots_refresh(round_ids=Round.objects.filter(
                network__slug__startswith=f"syn-{seed}-").values_list("pk", flat=True))
            self.stdout.write(f"scores stored for {stored} rounds in {time.monotonic() - started:.1f} s")
