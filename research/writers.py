"""File writers for research exports: rows in, byte chunks out, with memory that does not grow with the rows.

CSV and JSON are produced as the rows arrive. XLSX is written by xlsxwriter in constant-memory mode, which
keeps each row on disk as it is written; the finished workbook (a zip) is then streamed from a temporary file.
"""

import csv
import json
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .columns import Layout

FLUSH_ROWS = 2000
FLUSH_CHARS = 256 * 1024
FILE_CHUNK = 256 * 1024
BOM = "\ufeff"


@dataclass(frozen=True)
class CsvDialect:
    """Plain: comma, decimal point. ``semicolon``: the Dutch Excel convention, semicolon and decimal comma."""

    bom: bool = False
    semicolon: bool = False

    @property
    def delimiter(self) -> str:
        return ";" if self.semicolon else ","

    @property
    def decimal(self) -> str:
        return "," if self.semicolon else "."

    @property
    def encoding_label(self) -> str:
        return "UTF-8 met BOM" if self.bom else "UTF-8"


class ExcelSemicolon(csv.excel):
    """The Dutch Excel convention: fields separated by semicolons (the comma is the decimal sign)."""

    delimiter = ";"


class _LastLine:
    """A file-like sink that keeps the one line ``csv.writer.writerow`` just wrote."""

    __slots__ = ("text",)

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


_writers = threading.local()


def _writer_for(dialect: CsvDialect) -> tuple[_LastLine, Any]:
    # One writer per dialect and thread: exports may stream from several threads at once.
    cache = getattr(_writers, "by_dialect", None)
    if cache is None:
        cache = _writers.by_dialect = {}
    if dialect.semicolon not in cache:
        sink = _LastLine()
        cache[dialect.semicolon] = (sink, csv.writer(sink, ExcelSemicolon if dialect.semicolon else csv.excel))
    return cache[dialect.semicolon]


def _cell(value: Any, dialect: CsvDialect) -> Any:
    """None is an empty field; a float gets the dialect's decimal sign; everything else is written as is."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    return value


def csv_line(cells: Iterable[Any], dialect: CsvDialect) -> str:
    """One CSV record, quoted by the csv module (QUOTE_MINIMAL) and ended with CRLF."""
    sink, writer = _writer_for(dialect)
    writer.writerow([_cell(cell, dialect) for cell in cells])
    return sink.text


def csv_field(value: Any, dialect: CsvDialect) -> str:
    """One field as it appears inside a record (to prefix pre-rendered parts of a line)."""
    return csv_line(["", value], dialect)[1:-2]


def csv_text_chunks(*, header: list[str], lines: Iterable[str], dialect: CsvDialect) -> Iterator[bytes]:
    """Rendered lines (or blocks of lines) in, UTF-8 chunks of about FLUSH_CHARS characters out.

    Lines come rendered by ``csv_line`` (the csv module) or are joined from fields it rendered.
    """
    parts = [(BOM if dialect.bom else "") + csv_line(header, dialect)]
    size = 0
    for text in lines:
        parts.append(text)
        size += len(text)
        if size >= FLUSH_CHARS:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    yield "".join(parts).encode("utf-8")


def csv_chunks(*, layout: Layout, rows: Iterable[tuple], dialect: CsvDialect,
               header: list[str] | None = None) -> Iterator[bytes]:
    yield from csv_text_chunks(header=header or layout.names, lines=(csv_line(row, dialect) for row in rows),
                               dialect=dialect)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def json_chunks(*, layout: Layout, rows: Iterable[tuple], metadata: dict[str, Any],
                format_version: str = "1.0", summary=None) -> Iterator[bytes]:
    """One JSON document, streamed: ``{"format_version": "1.0", "metadata": {...}, "columns": [...],
    "rows": [{...}, ...], "summary": {...}}`` (schema: docs/research-export.schema.json). ``summary`` is a
    callable, called after the last row: what only the end of the stream knows (rows, suppressed items)."""
    names = layout.names
    head = json.dumps({"format_version": format_version, "metadata": metadata, "columns": names},
                      ensure_ascii=False, default=_json_default)
    parts = [head[:-1], ', "rows": [']
    first = True
    for row in rows:
        text = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=_json_default)
        parts.append(text if first else ",\n" + text)
        first = False
        if len(parts) >= FLUSH_ROWS:
            yield "".join(parts).encode("utf-8")
            parts = []
    tail = json.dumps(summary() if summary else {}, ensure_ascii=False)
    parts.append(f'], "summary": {tail}}}\n')
    yield "".join(parts).encode("utf-8")


# Excel's and LibreOffice's limit per sheet, the header row included. A longer export continues on the
# sheets data_2, data_3, ... (each with the header row), so that no row is ever dropped.
XLSX_MAX_ROWS = 1_048_576


def xlsx_sheet_names(rows: int) -> list[str]:
    """The data sheets an export of this many rows needs: ["data"], then "data_2", "data_3", ..."""
    per_sheet = XLSX_MAX_ROWS - 1
    count = max(1, -(-rows // per_sheet))
    return ["data", *(f"data_{n}" for n in range(2, count + 1))]


def xlsx_chunks(*, layout: Layout, rows: Iterable[tuple], metadata: dict[str, Any],
                extra_sheets: Iterable[tuple[str, list[str], Iterable[tuple]]] = (),
                header: list[str] | None = None, rows_per_sheet: int | None = None) -> Iterator[bytes]:
    """A workbook with the data sheet(s) first and a "metadata" sheet (filters, counts, coarsening) last.

    Written by xlsxwriter in constant-memory mode: each row goes to a temporary file as it is written, so memory
    stays flat; measured twice as fast as openpyxl's write-only mode (bench/research_formats_bench.py).
    """
    import xlsxwriter

    header = header or layout.names
    rows_per_sheet = rows_per_sheet or XLSX_MAX_ROWS - 1
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/export.xlsx"
        workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": folder,
                                              "strings_to_numbers": False, "strings_to_formulas": False,
                                              "strings_to_urls": False})
        bold = workbook.add_format({"bold": True})
        sheet, sheets, line = None, 0, rows_per_sheet
        for row in rows:
            if sheet is None or line >= rows_per_sheet:
                sheets += 1
                sheet = workbook.add_worksheet("data" if sheets == 1 else f"data_{sheets}")
                sheet.write_row(0, 0, header, bold)
                line = 0
            line += 1
            sheet.write_row(line, 0, row)
        if sheet is None:
            workbook.add_worksheet("data").write_row(0, 0, header, bold)
            sheets = 1
        for title, names, extra_rows in extra_sheets:
            extra = workbook.add_worksheet(title)
            extra.write_row(0, 0, names, bold)
            for number, extra_row in enumerate(extra_rows, start=1):
                extra.write_row(number, 0, list(extra_row))
        meta = workbook.add_worksheet("metadata")
        meta.write_row(0, 0, ["key", "value"], bold)
        entries = list(_flatten(metadata))
        if sheets > 1:
            entries.append(("data_sheets", sheets))
        for number, (key, value) in enumerate(entries, start=1):
            meta.write_row(number, 0, [key, "" if value is None else value])
        workbook.close()
        with open(path, "rb") as handle:
            while chunk := handle.read(FILE_CHUNK):
                yield chunk


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, prefix=f"{name}.")
        elif isinstance(value, (list, tuple)):
            yield name, json.dumps(value, ensure_ascii=False, default=_json_default)
        else:
            yield name, value if value is None or isinstance(value, (int, float, str)) else str(value)
