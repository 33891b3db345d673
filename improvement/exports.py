"""The action plan as its own file: CSV (research.writers' csv module dialects) or XLSX (xlsxwriter)."""

from __future__ import annotations

import io
from collections.abc import Iterable

import xlsxwriter
from django.utils.translation import gettext as _

from research.writers import CsvDialect, csv_line, csv_text_chunks

from .models import Action


def action_plan_header() -> list[str]:
    return [_("Wat"), _("Factor, element of uitdaging"), _("Eigenaar"), _("Klaar op"), _("Status"), _("Ronde"),
            _("Notities")]


def action_plan_rows(*, actions: Iterable[Action]) -> list[list[str]]:
    return [[action.what, action.target_code, action.owner_label,
             action.due_on.isoformat() if action.due_on else "", str(action.get_status_display()),
             action.round.name, action.notes] for action in actions]


def action_plan_csv(*, actions: Iterable[Action], dialect: CsvDialect) -> bytes:
    rows = action_plan_rows(actions=actions)
    return b"".join(csv_text_chunks(header=action_plan_header(), lines=(csv_line(row, dialect) for row in rows),
                                    dialect=dialect))


def action_plan_xlsx(*, actions: Iterable[Action]) -> bytes:
    buffer = io.BytesIO()
    # constant_memory is pointless for a plan of a few dozen lines; in_memory avoids temporary files.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    sheet = workbook.add_worksheet(_("Actieplan")[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, action_plan_header(), bold)
    for index, row in enumerate(action_plan_rows(actions=actions), start=1):
        sheet.write_row(index, 0, row)
    sheet.set_column(0, 0, 50)
    sheet.set_column(1, 6, 18)
    workbook.close()
    return buffer.getvalue()
