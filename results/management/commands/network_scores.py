"""python manage.py network_scores <network-slug> [--round <round-slug>] --format json

Prints a round's scores as the JSON documented in docs/network_scores.md. Without --round: the latest closed
round. This is an operator's and researcher's tool (shell access is database access), so it prints the full
result, also for rounds below the minimum group size; the web pages hide those.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from networks.models import Network
from results.selectors import round_latest_with_results, round_scores_dict
from rounds.models import Round


class Command(BaseCommand):
    help = "Print the scores of a network's round (default: the latest closed one) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("network", help="slug of the network")
        parser.add_argument("--round", dest="round_slug", help="slug of the round (default: latest closed round)")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, network: str, round_slug: str | None, format: str, **options):
        found = Network.objects.filter(slug=network).first()
        if found is None:
            raise CommandError(_("Netwerk '%(network)s' bestaat niet.") % {"network": network})
        if round_slug:
            round = Round.objects.filter(network=found, slug=round_slug).first()
            if round is None:
                raise CommandError(_("Netwerk '%(network)s' heeft geen ronde '%(round)s'.")
                                   % {"network": network, "round": round_slug})
        else:
            round = round_latest_with_results(network=found, include_open=False)
            if round is None:
                raise CommandError(_("Netwerk '%(network)s' heeft nog geen gesloten ronde. Kies een ronde met "
                                     "--round.") % {"network": network})
        round.network = found
        self.stdout.write(json.dumps(round_scores_dict(round=round), ensure_ascii=False, indent=2))
