"""python manage.py load_instruments [PATH ...]: load instrument files (default: every shipped file)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.loader import instrument_files_load, shipped_instrument_paths
from assessments.models import InstrumentLockedError
from assessments.schema import InstrumentFileError


class Command(BaseCommand):
    help = "Load instrument YAML files (idempotent). Without paths: every assessments/instruments/*.yaml."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="instrument files to load")

    def handle(self, *args, paths: list[Path], **options):
        paths = paths or shipped_instrument_paths()
        if not paths:
            raise CommandError(_("Geen vragenlijstbestanden gevonden."))
        try:
            results = instrument_files_load(paths=paths)
        except InstrumentFileError as exc:
            raise CommandError(_("Vragenlijstbestand geweigerd, niets geladen:\n%(error)s") % {"error": exc}) from exc
        except InstrumentLockedError as exc:
            raise CommandError(_("Geweigerd, niets geladen: %(error)s") % {"error": " ".join(exc.messages)}) from exc
        for result in results:
            self.stdout.write(result.describe())
