"""python manage.py import_responses FILE.json [--create-round]

Imports paper or workshop responses (format: docs/network_scores.md). The file is checked completely first;
any problem is listed and nothing is imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from results.services import ImportRejected, import_file_read, responses_import


class Command(BaseCommand):
    help = "Import paper or workshop responses from a JSON file into a round."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--create-round", action="store_true",
                            help="create the round if it does not exist (latest published instrument) and close "
                                 "it after the import")

    def handle(self, *args, file: Path, create_round: bool, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(_("Kan %(file)s niet lezen: %(error)s") % {"file": file, "error": exc.strerror}) \
                from None
        try:
            result = responses_import(data=import_file_read(content=content), create_round=create_round)
        except ImportRejected as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("%(count)d probleem/problemen gevonden; er is niets geïmporteerd.")
                               % {"count": len(exc.problems)}) from None
        round = result.round
        self.stdout.write(_("%(created)d nieuwe en %(updated)d bijgewerkte responsen (%(answers)d antwoorden) in "
                            "ronde '%(round)s' van netwerk '%(network)s'.")
                          % {"created": result.created, "updated": result.updated, "answers": result.answers,
                             "round": round.slug, "network": round.network.slug})
        if result.round_created:
            self.stdout.write(_("De ronde is aangemaakt en gesloten."))
