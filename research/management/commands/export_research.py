"""python manage.py export_research: the research export from the command line, for large pulls.

Same validation, same code path and same export log as the download in the research area; the log records
the operating-system user as "cli:<name>". Without --output the file goes to standard output.
"""


from typing import TextIO

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from research.exports import FORMATS, LAYOUTS, cli_actor_label, research_export_start
from research.forms import ExportOptionsForm, ResearchFilterForm
from research.models import ExportChannel
from research.native import ExportTooLarge


class Command(BaseCommand):
    help = "Export pseudonymised research data (docs/research.md)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--layout", choices=LAYOUTS, default="long")
        parser.add_argument("--bom", action="store_true", help="start CSV with a UTF-8 byte order mark (Excel)")
        parser.add_argument("--semicolon", action="store_true",
                            help="semicolon separator and decimal comma (Dutch Excel)")
        parser.add_argument("--labels", action="store_true", help="answers as their labels (CSV, XLSX)")
        parser.add_argument("--headings", choices=("code", "text"), default="code",
                            help="column headings: item codes or short text (CSV, XLSX)")
        parser.add_argument("--instrument", help="slug:version, e.g. ketenregie:1 (default: latest published)")
        parser.add_argument("--from", dest="date_from", help="rounds closed on or after this date (YYYY-MM-DD)")
        parser.add_argument("--to", dest="date_to", help="rounds closed on or before this date (YYYY-MM-DD)")
        parser.add_argument("--sector", help="networks with at least one partner in this sector")
        parser.add_argument("--form", help="network form: linear, configuration or diffuse")
        parser.add_argument("--phase", help="the network's claimed phase, 1-4")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        data = {key: options[key] for key in ("instrument", "date_from", "date_to", "sector", "form", "phase",
                                              "layout", "format", "headings") if options[key] not in (None, "")}
        for flag in ("bom", "semicolon", "labels"):
            if options[flag]:
                data[flag] = "on"
        filter_form, options_form = ResearchFilterForm(data), ExportOptionsForm(data)
        if not (filter_form.is_valid() and options_form.is_valid()):
            problems = [f"--{name.replace('date_', '')}: {message}" if name != "__all__" else message
                        for form in (filter_form, options_form) for name, messages in form.errors.items()
                        for message in messages]
            raise CommandError(_("Ongeldige opties:") + "\n" + "\n".join(str(problem) for problem in problems))
        try:
            stream = research_export_start(filters=filter_form.filters(), options=options_form.options(),
                                           channel=ExportChannel.CLI, actor_label=cli_actor_label())
        except ExportTooLarge as refusal:
            raise CommandError(str(refusal)) from refusal
        if options["output"]:
            with open(options["output"], "wb") as handle:
                for chunk in stream.chunks:
                    handle.write(chunk)
        else:
            self._write_stdout(stream.chunks)
        log = stream.log
        log.refresh_from_db()
        self.stderr.write(
            f"export #{log.pk}: {log.row_count} rows, {stream.coarsened} respondents coarsened, "
            f"{stream.suppressed_rounds} rounds suppressed -> {options['output'] or 'stdout'}")

    def _write_stdout(self, chunks) -> None:
        # The wrapped stream; django-stubs types every OutputWrapper attribute it does not declare as a callable.
        out: TextIO = self.stdout._out  # type: ignore[assignment]
        target = getattr(out, "buffer", None)
        if target is None:  # a text stream (call_command with StringIO in tests)
            for chunk in chunks:
                out.write(chunk.decode("utf-8"))
            return
        for chunk in chunks:
            target.write(chunk)
        target.flush()
