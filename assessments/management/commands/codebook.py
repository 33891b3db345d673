"""python manage.py codebook [--slug S] [--version V] --format json|csv: print a codebook to stdout."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.codebook import codebook_csv, codebook_json
from assessments.models import Instrument
from assessments.selectors import DEFAULT_SLUG, codebook_get, instrument_latest_published


class Command(BaseCommand):
    help = "Print the codebook of an instrument version (default: the latest published one)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version is taken by Django (it prints Django's version); here it selects the instrument version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--slug", default=DEFAULT_SLUG)
        parser.add_argument("--version", dest="instrument_version", type=int,
                            help="instrument version (default: latest published)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--bom", action="store_true",
                            help="start CSV with a UTF-8 byte order mark, for opening in Excel")

    def handle(self, *args, slug: str, instrument_version: int | None, format: str, bom: bool, **options):
        if instrument_version is None:
            instrument = instrument_latest_published(slug=slug)
            if instrument is None:
                raise CommandError(_("Geen gepubliceerde versie van '%(slug)s' gevonden.") % {"slug": slug})
        else:
            instrument = Instrument.objects.filter(slug=slug, version=instrument_version).first()
            if instrument is None:
                raise CommandError(_("Versie %(version)d van '%(slug)s' bestaat niet.")
                                   % {"version": instrument_version, "slug": slug})
        codebook = codebook_get(instrument=instrument)
        text = codebook_csv(codebook=codebook, bom=bom) if format == "csv" else codebook_json(codebook=codebook)
        self.stdout.write(text, ending="")
