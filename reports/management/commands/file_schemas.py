"""python manage.py file_schemas [--check]: write the JSON Schema of the instrument and advice files to docs/.

Editors that check YAML against a JSON Schema (a `# yaml-language-server: $schema=...` line, or the editor's
schema settings) then flag a wrong key or a missing translation while the file is written. The schemas are
generated from the models that validate the files (assessments.schema, reports.advice_schema); ``--check``
fails when the committed files are out of date.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.schema import instrument_json_schema
from reports.advice_schema import advice_json_schema


def file_schemas() -> dict[Path, str]:
    """Each published schema file and the text it should have."""
    docs = Path(settings.BASE_DIR) / "docs"
    return {docs / "instrument.schema.json": _text(instrument_json_schema()),
            docs / "advice.schema.json": _text(advice_json_schema())}


def _text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write docs/instrument.schema.json and docs/advice.schema.json from the file schema models."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Write nothing; fail when a committed schema differs from the models.")

    def handle(self, *args, check: bool = False, **options):
        stale = []
        for path, text in file_schemas().items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale.append(path.name)
            if not check:
                path.write_text(text, encoding="utf-8")
                self.stdout.write(f"{path.name} written")
        if check and stale:
            raise CommandError(f"out of date: {', '.join(stale)} (run python manage.py file_schemas)")
