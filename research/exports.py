"""Research exports, one code path for the website and the command line (docs/research.md).

``research_export_start`` checks nothing itself (the filter and option forms did), counts what will be
exported, writes the export log and returns a lazy stream of bytes. The stream reads the database in chunks
inside one read transaction (PostgreSQL: real server-side cursors) and completes the log when its last chunk
has been produced.
"""

import contextlib
import getpass
import json
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.codebook import CSV_COLUMNS, codebook_data, codebook_rows
from assessments.models import DONT_KNOW_EXPORT_CODE, Item
from assessments.selectors import Codebook, codebook_get
from core.i18n import language_code

from .columns import (
    STRING,
    Column,
    Layout,
    area_labels,
    item_label,
    item_measure,
    long_layout,
    missing_label,
    missing_values,
    scale_labels,
    scores_layout,
    stata_name,
    wide_layout,
)
from .models import ExportChannel, ExportLog, RoundScoreSnapshot
from .native import ExportTooLarge, dta_chunks, dta_max_cells, sav_chunks
from .pseudonyms import DIGEST_CHARS, Pseudonymiser
from .selectors import (
    AREA_CODES,
    ResearchCounts,
    ResearchFilters,
    min_group_size,
    research_answer_count,
    research_counts,
    research_disclosure_summary,
    research_response_stream,
    research_rounds_without_snapshot,
    research_snapshot_rows,
)
from .services import export_audit_record, export_log_finish, export_log_start, round_score_snapshots_refresh
from .smallcell import COARSENED, sparse_items
from .syntax import r_syntax, spss_syntax
from .writers import CsvDialect, csv_chunks, csv_field, csv_line, csv_text_chunks, json_chunks, xlsx_chunks

DATA_LAYOUTS = ("long", "wide", "scores")
LAYOUTS = (*DATA_LAYOUTS, "codebook")
NATIVE_FORMATS = ("sav", "dta")
SPREADSHEET_FORMATS = ("csv", "xlsx")
DATA_FORMATS = ("csv", "xlsx", "json", *NATIVE_FORMATS)
SYNTAX_FORMATS = ("r", "sps")
FORMATS = (*DATA_FORMATS, *SYNTAX_FORMATS)
# The version of the JSON export's structure (docs/research-export.schema.json). Raise it when the structure
# changes in a way a reader could notice.
JSON_FORMAT_VERSION = "1.0"

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
    "r": "text/plain; charset=utf-8",
    "sps": "text/plain; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "json": "json", "sav": "sav", "dta": "dta", "r": "R", "sps": "sps"}


@dataclass(frozen=True)
class ExportOptions:
    layout: str
    format: str
    bom: bool = False
    semicolon: bool = False
    labels: bool = False  # answers as their labels (CSV and XLSX, for Excel users)
    headings: str = "code"  # "code" or "text": column headings (CSV and XLSX)

    @property
    def dialect(self) -> CsvDialect:
        return CsvDialect(bom=self.bom, semicolon=self.semicolon)


@dataclass
class ExportStream:
    filename: str
    content_type: str
    metadata: dict[str, Any]
    log: ExportLog
    chunks: Generator[bytes, None, None] = field(repr=False)  # closed by the server when the client leaves

    @property
    def coarsened(self) -> int:
        return self.metadata.get("coarsened", {}).get("respondents", 0)

    @property
    def suppressed_rounds(self) -> int:
        return self.metadata.get("suppressed", {}).get("rounds", 0)


def export_filename(*, filters: ResearchFilters, layout: str, format: str, options: "ExportOptions | None" = None,
                    ) -> str:
    """The download name. Each CSV variant has its own (``-semicolon``, ``-bom``), and so has the syntax that
    reads it, which names exactly this file: a syntax file can never be pointed at the other variant."""
    instrument = filters.instrument
    variant = _variant(format, options)
    return f"ketenregie-{layout}-{instrument.slug}-v{instrument.version}{variant}.{EXTENSIONS[format]}"


def _variant(format: str, options: "ExportOptions | None") -> str:
    if options is None:
        return ""
    suffix = ""
    if format in SPREADSHEET_FORMATS:
        suffix += ("-labels" if options.labels else "") + ("-text-headings" if options.headings == "text" else "")
    if format in ("csv", *SYNTAX_FORMATS):
        suffix += ("-semicolon" if options.semicolon else "") + ("-bom" if options.bom else "")
    return suffix


def cli_actor_label() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        name = "unknown"
    return f"cli:{name}"


# --------------------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------------------


class _Counter:
    """Rows written, and the (round, item) cells the sparse-item rule suppressed (for the log and metadata)."""

    def __init__(self, metadata: dict | None = None) -> None:
        self.rows = 0
        self.suppressed_items = 0
        self.metadata = metadata

    def suppressed(self, count: int) -> None:
        self.suppressed_items += count
        if self.metadata is not None and "suppressed" in self.metadata:
            # XLSX writes its metadata sheet after the rows, so it carries the final number.
            self.metadata["suppressed"]["items"] = self.suppressed_items

    def count(self, rows):
        for row in rows:
            self.rows += 1
            yield row


@contextlib.contextmanager
def _read_transaction():
    """PostgreSQL: one transaction, so that ``iterator()`` uses server-side cursors without WITH HOLD (which
    would materialise the whole result first). SQLite: none, because a transaction there takes the write lock
    (transaction_mode IMMEDIATE) and would block every writer for the length of the download."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            yield
    else:
        yield


def _round_prefix(info, pseudo: Pseudonymiser, codebook: Codebook) -> tuple:
    instrument = codebook.instrument
    when = info.round_date
    return (pseudo.network(info.network_id), pseudo.round(info.round_id),
            when.year if when else None, when.month if when else None, instrument.slug, instrument.version,
            info.network_form or None, info.network_phase)


def _rounds_of(records: Iterator) -> Iterator[list]:
    """The response stream cut into rounds (it arrives ordered by round): one round in memory at a time."""
    batch: list = []
    current = None
    for record in records:
        if record.info is not current and batch:
            yield batch
            batch = []
        current = record.info
        batch.append(record)
    if batch:
        yield batch


def _response_records(*, filters: ResearchFilters, codebook: Codebook,
                      counter: "_Counter | None" = None) -> Iterator[tuple[tuple, list]]:
    """(respondent columns, [(item id, value), ...]) per response, attributes coarsened, ids pseudonymised.

    Within a round the responses come in the order of their pseudonyms (random, but the same in every export;
    the database id would reveal who started first), and items fewer than m respondents answered
    substantively are left out for the whole round (research.smallcell.sparse_items).
    """
    pseudo = Pseudonymiser()
    m = min_group_size()
    for batch in _rounds_of(research_response_stream(filters=filters)):
        info = batch[0].info
        network_pid, round_pid, *rest = _round_prefix(info, pseudo, codebook)
        hidden = sparse_items(answers=[record.answers for record in batch], min_group_size=m)
        if counter is not None and hidden:
            counter.suppressed(len(hidden))
        ordered = sorted(((pseudo.respondent(record.response_id), record) for record in batch),
                         key=itemgetter(0))
        for respondent_pid, record in ordered:
            published = info.coarsening.publish(record.attributes)
            prefix = (network_pid, round_pid, respondent_pid, *rest, *(value or None for value in published))
            answers = record.answers if not hidden else [a for a in record.answers if a[0] not in hidden]
            yield prefix, answers


def _item_codes(codebook: Codebook) -> dict[int, str]:
    return dict(Item.objects.filter(instrument=codebook.instrument).values_list("pk", "code"))


def long_rows(*, filters: ResearchFilters, codebook: Codebook, counter: "_Counter | None" = None) -> Iterator[tuple]:
    codes = _item_codes(codebook)
    for prefix, answers in _response_records(filters=filters, codebook=codebook, counter=counter):
        for item_id, value in answers:
            code = codes.get(item_id)
            if code is not None:
                yield (*prefix, code, DONT_KNOW_EXPORT_CODE if value is None else value)


def long_csv_text(*, filters: ResearchFilters, codebook: Codebook, dialect: CsvDialect,
                  counter: "_Counter") -> Iterator[str]:
    """The long layout as CSV text, one block per response: its own columns are rendered once, not per answer.

    Millions of rows make the per-row cost matter: this path does one f-string per answer and nothing else.
    """
    sep = dialect.delimiter
    codes = {pk: csv_field(code, dialect) + sep for pk, code in _item_codes(codebook).items()}
    missing = str(DONT_KNOW_EXPORT_CODE)
    for prefix, answers in _response_records(filters=filters, codebook=codebook, counter=counter):
        head = csv_line(prefix, dialect)[:-2] + sep
        lines = [f"{head}{codes[item_id]}{missing if value is None else value}\r\n"
                 for item_id, value in answers if item_id in codes]
        counter.rows += len(lines)
        yield "".join(lines)


def wide_rows(*, filters: ResearchFilters, codebook: Codebook, layout: Layout,
              counter: "_Counter | None" = None) -> Iterator[tuple]:
    """One row per response: the answers of a response arrive together."""
    positions = {pk: layout.item_columns[code] for pk, code in _item_codes(codebook).items()
                 if code in layout.item_columns}
    width = len(layout.columns)
    for prefix, answers in _response_records(filters=filters, codebook=codebook, counter=counter):
        row = [*prefix, *([None] * (width - len(prefix)))]
        for item_id, value in answers:
            position = positions.get(item_id)
            if position is not None:
                row[position] = DONT_KNOW_EXPORT_CODE if value is None else value
        yield tuple(row)


def scores_rows(*, filters: ResearchFilters, codebook: Codebook) -> Iterator[tuple]:
    pseudo = Pseudonymiser()
    instrument = codebook.instrument
    current_round = None
    head: tuple = ()
    areas: dict[str, tuple] = {}

    def finish() -> tuple:
        overall = areas.get(RoundScoreSnapshot.OVERALL, (None, None, None))
        cells = []
        for code in AREA_CODES:
            cells += list(areas.get(code, (None, None, None)))
        return (*head, overall[0], overall[1], *cells)

    for (round_id, network_id, when, form, phase, respondents, area, presence, importance,
         n) in research_snapshot_rows(filters=filters).iterator(2000):
        if round_id != current_round:
            if current_round is not None:
                yield finish()
            current_round, areas = round_id, {}
            head = (pseudo.network(network_id), pseudo.round(round_id), when.year if when else None,
                    when.month if when else None, instrument.slug, instrument.version, form or None, phase,
                    respondents)
        areas[area] = (presence, importance, n)
    if current_round is not None:
        yield finish()


def scores_prepare(*, filters: ResearchFilters) -> int:
    """Store the scores of eligible rounds that have none yet (closed before this app existed). Returns how many."""
    return round_score_snapshots_refresh(
        round_ids=research_rounds_without_snapshot(filters=filters).values_list("pk", flat=True))


# --------------------------------------------------------------------------------------------------------
# Codebook
# --------------------------------------------------------------------------------------------------------


def export_variables(*, codebook: Codebook, language: str) -> list[Column]:
    """The export's own variables (every column that is not an item), once each, for the codebook."""
    seen: dict[str, Column] = {}
    layouts = (long_layout(codebook=codebook, language=language),
               scores_layout(codebook=codebook, area_labels=area_labels(codebook=codebook, language=language)))
    for layout in layouts:
        for column in layout.columns:
            if column.name == "item":
                column = Column(column.name, column.kind, column.label, width=column.width)
            seen.setdefault(column.name, column)
    return list(seen.values())


# Beside the instrument's codebook columns: the name each item has in the Stata file, its measurement level
# and its variable label in the labelled files (with the aspect, so presence and importance stay apart).
CODEBOOK_EXTRA = ("stata_name", "measure", "variable_label_nl", "variable_label_en")


def _codebook_layout() -> Layout:
    return Layout(name="codebook",
                  columns=tuple(Column(name, STRING, name) for name in (*CSV_COLUMNS, *CODEBOOK_EXTRA)))


def _codebook_item_rows(codebook: Codebook) -> Iterator[tuple]:
    for row, item in zip(codebook_rows(codebook=codebook), codebook.items, strict=True):
        yield (*(row.get(name, "") for name in CSV_COLUMNS), stata_name(item["code"]), item_measure(item),
               item_label(item, "nl"), item_label(item, "en"))


def _variable_rows(variables: list[Column]) -> Iterator[tuple]:
    for column in variables:
        yield (column.name, column.stata, column.kind, column.level, column.label, column.value_label_text(),
               DONT_KNOW_EXPORT_CODE if column.has_missing_code else None,
               " ".join(str(code) for code in column.missing) or None)


VARIABLE_HEADER = ["variable", "stata_name", "type", "measure", "label", "value_labels", "missing_value",
                   "missing_values"]


def codebook_chunks(*, codebook: Codebook, options: ExportOptions, metadata: dict, counter: _Counter,
                    language: str) -> Iterator[bytes]:
    variables = export_variables(codebook=codebook, language=language)
    if options.format == "csv":
        yield from csv_chunks(layout=_codebook_layout(), rows=counter.count(_codebook_item_rows(codebook)),
                              dialect=options.dialect)
    elif options.format == "json":
        data = codebook_data(codebook=codebook)
        counter.rows = len(data["items"])
        data = {"format_version": JSON_FORMAT_VERSION, **data}
        data["export_variables"] = [
            {"variable": c.name, "stata_name": c.stata, "type": c.kind, "measure": c.level, "label": c.label,
             "value_labels": [{"value": v, "label": label} for v, label in c.value_labels],
             "missing_value": DONT_KNOW_EXPORT_CODE if c.has_missing_code else None,
             "missing_values": list(c.missing)}
            for c in variables
        ]
        data["export"] = metadata
        yield (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        yield from xlsx_chunks(layout=_codebook_layout(), rows=counter.count(_codebook_item_rows(codebook)),
                               metadata=metadata,
                               extra_sheets=[("export_variables", VARIABLE_HEADER, _variable_rows(variables))])


# --------------------------------------------------------------------------------------------------------
# The export
# --------------------------------------------------------------------------------------------------------


def _layout(*, name: str, codebook: Codebook, language: str) -> Layout:
    if name == "long":
        return long_layout(codebook=codebook, language=language)
    if name == "wide":
        return wide_layout(codebook=codebook, language=language)
    return scores_layout(codebook=codebook, area_labels=area_labels(codebook=codebook, language=language))


def _rows(*, name: str, filters: ResearchFilters, codebook: Codebook, layout: Layout,
          counter: "_Counter | None" = None) -> Iterator[tuple]:
    if name == "long":
        return long_rows(filters=filters, codebook=codebook, counter=counter)
    if name == "wide":
        return wide_rows(filters=filters, codebook=codebook, layout=layout, counter=counter)
    return scores_rows(filters=filters, codebook=codebook)


def labelled_rows(*, layout: Layout, rows: Iterable[tuple], codebook: Codebook, language: str) -> Iterator[tuple]:
    """The rows with every coded answer replaced by its label (the labelled file for Excel users).

    In the long layout the label of ``value`` depends on the row's item; elsewhere each column has its own.
    """
    labels = {position: dict(column.value_labels) for position, column in enumerate(layout.columns)
              if column.value_labels and column.name != "value"}
    value_at = next((i for i, c in enumerate(layout.columns) if c.name == "value"), None)
    item_at = next((i for i, c in enumerate(layout.columns) if c.name == "item"), None)
    per_item = {}
    if value_at is not None and item_at is not None:
        per_item = {item["code"]: dict(scale_labels(item, language)) for item in codebook.items}
        labels.pop(item_at, None)  # the item column keeps its code: the label is the heading of a wide file
    for row in rows:
        cells = list(row)
        for position, mapping in labels.items():
            value = cells[position]
            if value is not None:
                cells[position] = mapping.get(value, value)
        if per_item and value_at is not None and item_at is not None:
            value = cells[value_at]
            if value is not None:
                cells[value_at] = per_item.get(cells[item_at], {}).get(value, value)
        yield tuple(cells)


def _header(layout: Layout, options: ExportOptions) -> list[str]:
    return [c.label for c in layout.columns] if options.headings == "text" else layout.names


def _file_label(filters: ResearchFilters, options: ExportOptions) -> str:
    return f"Ketenregie {options.layout} {filters.instrument.slug} v{filters.instrument.version}"


def _data_chunks(*, filters: ResearchFilters, options: ExportOptions, codebook: Codebook, layout: Layout,
                 metadata: dict, counter: _Counter, language: str) -> Iterator[bytes]:
    with _read_transaction():
        plain = not options.labels and options.headings == "code"
        if options.format == "csv" and options.layout == "long" and plain:
            text = long_csv_text(filters=filters, codebook=codebook, dialect=options.dialect, counter=counter)
            yield from csv_text_chunks(header=layout.names, lines=text, dialect=options.dialect)
            return
        rows = counter.count(_rows(name=options.layout, filters=filters, codebook=codebook, layout=layout,
                                   counter=counter))
        if options.labels:
            rows = labelled_rows(layout=layout, rows=rows, codebook=codebook, language=language)
        if options.format == "csv":
            yield from csv_chunks(layout=layout, rows=rows, dialect=options.dialect, header=_header(layout, options))
        elif options.format == "json":
            yield from json_chunks(layout=layout, rows=rows, metadata=metadata, format_version=JSON_FORMAT_VERSION,
                                   summary=lambda: {"rows": counter.rows, "suppressed_items": counter.suppressed_items})
        elif options.format == "sav":
            yield from sav_chunks(layout=layout, rows=rows, file_label=_file_label(filters, options))
        elif options.format == "dta":
            yield from dta_chunks(layout=layout, rows=rows, file_label=_file_label(filters, options))
        else:
            yield from xlsx_chunks(layout=layout, rows=rows, metadata=metadata, header=_header(layout, options))


def _syntax_chunks(*, filters: ResearchFilters, options: ExportOptions, layout: Layout) -> Iterator[bytes]:
    writer = r_syntax if options.format == "r" else spss_syntax
    text = writer(layout=layout, dialect=options.dialect,
                  csv_name=export_filename(filters=filters, layout=options.layout, format="csv", options=options),
                  title=_("Ketenregie onderzoeksexport, indeling %(layout)s") % {"layout": options.layout},
                  generated=timezone.localtime())
    yield text.encode("utf-8")


def _finishing(chunks: Iterator[bytes], *, log: ExportLog, counter: _Counter) -> Generator[bytes, None, None]:
    yield from chunks
    # Only reached when the last byte was produced: a download that broke off stays without a row count.
    export_log_finish(log=log, row_count=counter.rows, suppressed_items=counter.suppressed_items)


def export_metadata(*, filters: ResearchFilters, options: ExportOptions, counts: ResearchCounts | None,
                    coarsened: tuple[int, int], language: str) -> dict[str, Any]:
    instrument = filters.instrument
    data: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "layout": options.layout,
        "format": options.format,
        "filters": filters.as_dict(),
        "instrument": {"slug": instrument.slug, "version": instrument.version, "name": instrument.tr("name")},
        "min_group_size": min_group_size(),
        "missing_value": {"code": DONT_KNOW_EXPORT_CODE, "label": missing_label(language)},
        "missing_values": [{"code": code, "label": label} for code, label in missing_values(language)],
        "unanswered_value": None,
        "pseudonyms": f"HMAC-SHA256 with the server's key, first {DIGEST_CHARS} hex digits; "
                      "prefixes N_ network, R_ round, P_ respondent (response)",
        "csv": {"delimiter": options.dialect.delimiter, "decimal": options.dialect.decimal, "bom": options.bom},
    }
    if counts is not None:
        data["counts"] = {"networks": counts.networks, "rounds": counts.rounds, "respondents": counts.respondents}
        data["suppressed"] = {"rounds": counts.suppressed_rounds, "respondents": counts.suppressed_respondents,
                              "items": 0}
        data["coarsened"] = {"respondents": coarsened[0], "attributes": coarsened[1], "value": COARSENED}
    return data


def export_size_check(*, filters: ResearchFilters, options: ExportOptions, codebook: Codebook,
                      counts: ResearchCounts, language: str) -> None:
    """Refuse, before anything is logged or sent, a Stata file too large to build in memory."""
    layout = _layout(name=options.layout, codebook=codebook, language=language)
    if options.layout == "scores":
        rows = counts.rounds
    elif options.layout == "wide":
        rows = counts.respondents
    else:
        rows = counts.respondents * len(codebook.items)  # an upper bound; counted exactly only when it matters
        if rows * len(layout.columns) > dta_max_cells():
            rows = research_answer_count(filters=filters)
    cells = rows * len(layout.columns)
    if cells > dta_max_cells():
        raise ExportTooLarge(
            _("Deze selectie is te groot voor een Stata-bestand: %(rows)s rijen × %(columns)s kolommen = "
              "%(cells)s cellen, meer dan de grens van %(limit)s cellen (KETENREGIE_DTA_MAX_CELLS). Een "
              "Stata-bestand wordt in het geheugen opgebouwd. Kies het SPSS-bestand (.sav, dat Stata met "
              "'import spss' leest) of CSV met de R- of SPSS-syntax, of verklein de selectie met de filters.")
            % {"rows": f"{rows:,}", "columns": len(layout.columns), "cells": f"{cells:,}",
               "limit": f"{dta_max_cells():,}"})


def research_export_start(*, filters: ResearchFilters, options: ExportOptions, user=None,
                          channel: str = ExportChannel.WEB, actor_label: str | None = None,
                          request=None) -> ExportStream:
    """Count, log and return the lazy byte stream of one export. The caller sends or writes the chunks."""
    language = language_code()
    codebook = codebook_get(instrument=filters.instrument)
    counts, coarsened = None, (0, 0)
    is_data = options.layout in DATA_LAYOUTS and options.format in DATA_FORMATS
    if is_data:
        counts = research_counts(filters=filters)
        if options.layout == "scores":
            scores_prepare(filters=filters)
        else:
            summary = research_disclosure_summary(filters=filters)
            coarsened = (summary.coarsened_respondents, summary.coarsened_attributes)
    if options.format == "dta" and counts is not None:
        export_size_check(filters=filters, options=options, codebook=codebook, counts=counts, language=language)
    metadata = export_metadata(filters=filters, options=options, counts=counts, coarsened=coarsened,
                               language=language)
    if actor_label is None:
        actor_label = (getattr(user, "email", "") or user.get_username()) if user is not None else cli_actor_label()
    log = export_log_start(user=user, actor_label=actor_label, channel=channel, layout=options.layout,
                           format=options.format, filters=filters.as_dict(), coarsened=coarsened[0],
                           suppressed_rounds=counts.suppressed_rounds if counts else 0)
    metadata["export_id"] = log.pk
    export_audit_record(log=log, request=request, actor=user)

    counter = _Counter(metadata)
    if options.layout == "codebook":
        chunks = codebook_chunks(codebook=codebook, options=options, metadata=metadata, counter=counter,
                                 language=language)
    else:
        layout = _layout(name=options.layout, codebook=codebook, language=language)
        if options.format in SYNTAX_FORMATS:
            chunks = _syntax_chunks(filters=filters, options=options, layout=layout)
        else:
            chunks = _data_chunks(filters=filters, options=options, codebook=codebook, layout=layout,
                                  metadata=metadata, counter=counter, language=language)
    return ExportStream(
        filename=export_filename(filters=filters, layout=options.layout, format=options.format, options=options),
        content_type=CONTENT_TYPES[options.format], metadata=metadata, log=log,
        chunks=_finishing(chunks, log=log, counter=counter),
    )
