"""python manage.py refresh_score_snapshots [--missing] [--network SLUG]: store area scores of closed rounds.

Closing a round stores its scores automatically; this command fills in rounds closed before that existed, or
recomputes all after a change of the scoring rules.
"""

import time

from django.core.management.base import BaseCommand

from research.models import RoundScoreSnapshot
from research.services import round_score_snapshots_refresh
from rounds.models import Round, RoundStatus


class Command(BaseCommand):
    help = "Recompute the stored area scores (research.RoundScoreSnapshot) of closed rounds."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only rounds without stored scores")
        parser.add_argument("--network", help="only the rounds of this network (slug)")

    def handle(self, *args, missing: bool, network: str | None, **options):
        rounds = Round.objects.filter(status=RoundStatus.CLOSED).order_by("pk")
        if network:
            rounds = rounds.filter(network__slug=network)
        if missing:
            rounds = rounds.exclude(score_snapshots__area=RoundScoreSnapshot.OVERALL)
        started = time.monotonic()
        count = round_score_snapshots_refresh(round_ids=rounds.values_list("pk", flat=True))
        self.stdout.write(f"scores stored for {count} rounds in {time.monotonic() - started:.1f} s")
