"""Native statistics files: SPSS .sav (streamed) and Stata .dta (built in memory, with a size limit).

Both carry variable labels, value labels and the measurement level / names of research.columns. pyreadstat
(ReadStat) writes the dictionary; it has no way to append rows, so:

- **.sav** is written as a one-row template by pyreadstat (labels, value labels, missing values, levels),
  whose dictionary is then copied and followed by our own rows in the uncompressed .sav case format
  (8-byte slots: doubles, strings padded with spaces), the case count patched at the end. Memory stays flat
  whatever the number of rows; the file goes to a temporary file and is streamed from there, like XLSX.
  The missing-value codes (research.columns.missing_values) are SPSS user-missing values.
- **.dta** needs the whole table as a DataFrame: exports above ``KETENREGIE_DTA_MAX_CELLS`` cells are refused
  before they start, with a message naming the limit and the alternatives (.sav, or CSV with syntax).
  Variable names are Stata-legal (``SF.K1.presence`` -> ``SF_K1_presence``, listed in the codebook); Stata
  has no user-missing values for codes, so ``-9`` stays a labelled code there (docs/research.md: mvdecode).
"""

import math
import os
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings

from .columns import DECIMAL, STRING, Column, Layout
from .writers import FILE_CHUNK

SAV_HEADER_SIZE = 176
SAV_NCASES_OFFSET = 80
SYSMIS = -1.7976931348623157e308  # -DBL_MAX, SPSS's system-missing value
STATA_LABEL_LENGTH = 80
SAV_MAX_STRING = 255


def dta_max_cells() -> int:
    return settings.KETENREGIE_DTA_MAX_CELLS


def _frame(columns: dict[str, list]):
    import pandas as pd

    return pd.DataFrame(columns)


def _template_value(column: Column) -> Any:
    return "x" * _string_width(column) if column.kind == STRING else 0.0


def _string_width(column: Column) -> int:
    return min(max(column.width, 1), SAV_MAX_STRING)


def _value_labels(layout: Layout, *, names) -> dict[str, dict]:
    labels = {}
    for column in layout.columns:
        if column.value_labels:
            labels[names(column)] = {(value if column.kind == STRING else float(value)): label
                                     for value, label in column.value_labels}
    return labels


# ---- SPSS .sav -----------------------------------------------------------------------------------------


def _sav_template(layout: Layout, path: str, *, file_label: str) -> None:
    import pyreadstat

    frame = _frame({c.name: [_template_value(c)] for c in layout.columns})
    pyreadstat.write_sav(
        frame, path, file_label=file_label[:64],
        column_labels={c.name: c.label for c in layout.columns},
        variable_value_labels=_value_labels(layout, names=lambda c: c.name),
        missing_ranges={c.name: [float(code) for code in c.missing] for c in layout.columns if c.missing},
        variable_measure={c.name: c.level for c in layout.columns},
        variable_format={c.name: "F8.1" if c.kind == DECIMAL else "F8.0"
                         for c in layout.columns if c.kind != STRING},
    )


def _sav_variable_record(int32: Callable[[int], int], pos: int) -> tuple[int, int | None]:
    """Skip a variable record (type 2): the offset after it and the variable's slots (0 = numeric, else the
    string's padded byte width; None for the continuation record of a long string)."""
    var_type, has_label, n_missing = int32(pos + 4), int32(pos + 8), int32(pos + 12)
    pos += 32
    if has_label:
        pos += 4 + math.ceil(int32(pos) / 4) * 4
    pos += abs(n_missing) * 8
    if var_type == 0:
        return pos, 0
    if var_type > 0:
        return pos, math.ceil(var_type / 8) * 8
    return pos, None


def _sav_value_labels_end(data: bytes, int32: Callable[[int], int], pos: int) -> int:
    """The offset after a value label record (type 3)."""
    count, pos = int32(pos + 4), pos + 8
    for _ in range(count):
        length = data[pos + 8]
        pos += 8 + math.ceil((length + 1) / 8) * 8
    return pos


def _sav_dictionary(data: bytes) -> tuple[str, int, list[int], int | None]:
    """Walk the dictionary records of an uncompressed .sav: (byte order, offset of the first case, slots per
    variable (0 = numeric, else the string's padded byte width), offset of the 64-bit case count or None)."""
    if data[:4] != b"$FL2":
        raise ValueError("not an SPSS system file")
    order = "<" if struct.unpack_from("<i", data, 64)[0] in (2, 3) else ">"
    if struct.unpack_from(order + "i", data, 72)[0] != 0:
        raise ValueError("compressed .sav template")

    def int32(at: int) -> int:
        value: int = struct.unpack_from(order + "i", data, at)[0]
        return value

    pos, widths, ncases64 = SAV_HEADER_SIZE, [], None
    while True:
        kind = int32(pos)
        if kind == 2:
            pos, width = _sav_variable_record(int32, pos)
            if width is not None:
                widths.append(width)
        elif kind == 3:
            pos = _sav_value_labels_end(data, int32, pos)
        elif kind == 4:
            pos += 8 + int32(pos + 4) * 4
        elif kind == 6:
            pos += 8 + int32(pos + 4) * 80
        elif kind == 7:
            subtype, size, count = int32(pos + 4), int32(pos + 8), int32(pos + 12)
            if subtype == 16 and size == 8 and count == 2:
                ncases64 = pos + 16 + 8
            pos += 16 + size * count
        elif kind == 999:
            return order, pos + 8, widths, ncases64
        else:
            raise ValueError(f"unknown .sav record type {kind} at {pos}")


def sav_chunks(*, layout: Layout, rows: Iterable[tuple], file_label: str = "") -> Iterator[bytes]:
    with tempfile.TemporaryDirectory() as folder:
        template = os.path.join(folder, "template.sav")
        _sav_template(layout, template, file_label=file_label)
        with open(template, "rb") as handle:
            data = handle.read()
        order, start, widths, ncases64 = _sav_dictionary(data)
        if len(widths) != len(layout.columns):
            raise ValueError("the .sav template does not have one variable per column")
        row_struct = struct.Struct(order + "".join("d" if w == 0 else f"{w}s" for w in widths))
        sizes = list(enumerate(widths))
        cases = 0
        with tempfile.TemporaryFile() as out:
            out.write(data[:start])
            buffer = []
            for row in rows:
                cells: list[float | bytes] = []
                for position, width in sizes:
                    value = row[position]
                    if width == 0:
                        cells.append(SYSMIS if value is None else float(value))
                    else:
                        text = b"" if value is None else str(value).encode("utf-8")[:width]
                        cells.append(text.ljust(width, b" "))
                buffer.append(row_struct.pack(*cells))
                cases += 1
                if len(buffer) >= 2000:
                    out.write(b"".join(buffer))
                    buffer = []
            out.write(b"".join(buffer))
            out.seek(SAV_NCASES_OFFSET)
            out.write(struct.pack(order + "i", cases if cases < 2**31 else -1))
            if ncases64 is not None:
                out.seek(ncases64)
                out.write(struct.pack(order + "q", cases))
            out.seek(0)
            while chunk := out.read(FILE_CHUNK):
                yield chunk


# ---- Stata .dta ----------------------------------------------------------------------------------------


class ExportTooLarge(Exception):
    """An export that cannot be built in memory; the message says the limit and the alternatives."""


def dta_chunks(*, layout: Layout, rows: Iterable[tuple], file_label: str = "") -> Iterator[bytes]:
    import pyreadstat

    names = [c.stata for c in layout.columns]
    if len(set(names)) != len(names):
        raise ValueError("two columns have the same Stata name")
    values: list[list] = [[] for _ in layout.columns]
    limit, width = dta_max_cells(), len(layout.columns)
    for count, row in enumerate(rows, start=1):
        if count * width > limit:
            raise ExportTooLarge(f"more than {limit} cells")
        for position, value in enumerate(row):
            values[position].append(value)
    columns: dict[str, list[str] | list[float]] = {}
    for column, name, cells in zip(layout.columns, names, values, strict=True):
        if column.kind == STRING:
            columns[name] = ["" if v is None else str(v) for v in cells]
        else:
            columns[name] = [math.nan if v is None else float(v) for v in cells]
    del values
    frame = _frame(columns)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "export.dta")
        pyreadstat.write_dta(
            frame, path, file_label=file_label[:80], version=14,
            column_labels={c.stata: c.label[:STATA_LABEL_LENGTH] for c in layout.columns},
            variable_value_labels={name: {int(v): label[:32000] for v, label in labels.items()}
                                   for name, labels in _value_labels(layout, names=lambda c: c.stata).items()
                                   if not isinstance(next(iter(labels)), str)},
        )
        del frame
        with open(path, "rb") as handle:
            while chunk := handle.read(FILE_CHUNK):
                yield chunk
