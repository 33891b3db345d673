"""File writers for research exports: rows in, byte chunks out, with memory that does not grow with the rows.

CSV and JSON are produced as the rows arrive. XLSX is written by openpyxl in write-only mode, which keeps
each row on disk as it is appended; the finished workbook (a zip) is then streamed from a temporary file.
"""

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook

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


def csv_field(value: Any, dialect: CsvDialect) -> str:
    """One CSV field, quoted only when it must be (as csv.QUOTE_MINIMAL): None is an empty field."""
    if value is None:
        return ""
    if type(value) is int:
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", dialect.decimal)
    text = str(value)
    if dialect.delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: Iterable[Any], dialect: CsvDialect) -> str:
    return dialect.delimiter.join([csv_field(cell, dialect) for cell in cells]) + "\r\n"


def csv_text_chunks(*, header: list[str], lines: Iterable[str], dialect: CsvDialect) -> Iterator[bytes]:
    """Rendered lines (or blocks of lines) in, UTF-8 chunks of about FLUSH_CHARS characters out.

    The csv module is not used: for exports of millions of rows its per-field checks cost more than the
    database read. Lines are rendered with csv_field, which quotes exactly where csv.QUOTE_MINIMAL would.
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


def csv_chunks(*, layout: Layout, rows: Iterable[tuple], dialect: CsvDialect) -> Iterator[bytes]:
    yield from csv_text_chunks(header=layout.names, lines=(csv_line(row, dialect) for row in rows), dialect=dialect)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def json_chunks(*, layout: Layout, rows: Iterable[tuple], metadata: dict[str, Any]) -> Iterator[bytes]:
    """One JSON document, streamed: ``{"metadata": {...}, "columns": [...], "rows": [{...}, ...]}``."""
    names = layout.names
    head = json.dumps({"metadata": metadata, "columns": names}, ensure_ascii=False, default=_json_default)
    parts = [head[:-1], ', "rows": [']
    first = True
    for row in rows:
        text = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=_json_default)
        parts.append(text if first else ",\n" + text)
        first = False
        if len(parts) >= FLUSH_ROWS:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("]}\n")
    yield "".join(parts).encode("utf-8")


def xlsx_chunks(*, layout: Layout, rows: Iterable[tuple], metadata: dict[str, Any],
                extra_sheets: Iterable[tuple[str, list[str], Iterable[tuple]]] = ()) -> Iterator[bytes]:
    """A workbook with the data sheet first and a "metadata" sheet (filters, counts, coarsening) last."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(layout.names)
    for row in rows:
        sheet.append(row)
    for title, header, extra_rows in extra_sheets:
        extra = workbook.create_sheet(title)
        extra.append(header)
        for row in extra_rows:
            extra.append(list(row))
    meta = workbook.create_sheet("metadata")
    meta.append(["key", "value"])
    for key, value in _flatten(metadata):
        meta.append([key, "" if value is None else value])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
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
