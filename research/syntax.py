"""R and SPSS syntax that read an exported CSV file with its labels.

Each file states its assumptions (separator, decimal mark, encoding, missing-value code) in a header
comment and uses exactly those when reading, so the syntax and the CSV written with the same options agree.
"""

from datetime import datetime

from assessments.models import DONT_KNOW_EXPORT_CODE

from .columns import DECIMAL, INTEGER, STRING, Column, Layout
from .writers import CsvDialect


def _r_str(text: object) -> str:
    value = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{value}"'


def _r_value(value: object, column: Column) -> str:
    return _r_str(value) if column.kind == STRING else str(value)


R_CLASSES = {STRING: "character", INTEGER: "integer", DECIMAL: "numeric"}


def r_syntax(*, layout: Layout, dialect: CsvDialect, csv_name: str, title: str, generated: datetime) -> str:
    encoding = "UTF-8-BOM" if dialect.bom else "UTF-8"
    lines = [
        "# encoding: UTF-8",
        f"# {title}",
        f"# Generated {generated:%Y-%m-%d %H:%M} by Ketenregie. Reads {csv_name} (layout: {layout.name}).",
        f"# Assumptions: separator {_r_str(dialect.delimiter)}, decimal mark {_r_str(dialect.decimal)}, "
        f"encoding {encoding}, missing-value code {DONT_KNOW_EXPORT_CODE} = weet niet / niet van toepassing,",
        "# empty field = not answered or not stated (NA).",
        "",
        f"ketenregie_file <- {_r_str(csv_name)}",
        f"ketenregie_missing_code <- {DONT_KNOW_EXPORT_CODE}L",
        "",
        "ketenregie_classes <- c(",
    ]
    lines += [f"  {_r_str(c.name)} = {_r_str(R_CLASSES[c.kind])}," for c in layout.columns]
    lines[-1] = lines[-1].rstrip(",")
    lines += [
        ")",
        f"data <- read.csv(ketenregie_file, sep = {_r_str(dialect.delimiter)}, dec = {_r_str(dialect.decimal)},",
        f'                 fileEncoding = {_r_str(encoding)}, na.strings = "", check.names = FALSE,',
        "                 colClasses = ketenregie_classes, stringsAsFactors = FALSE)",
        "",
        "# Value labels: each labelled column becomes a factor; the missing-value code keeps its own level,",
        "# so 'weet niet' stays apart from an empty answer (NA). as.integer(as.character(x)) gives the codes back.",
    ]
    for column in layout.columns:
        if not column.value_labels or (column.name == "value" and layout.name == "long"):
            continue
        levels = ", ".join(_r_value(v, column) for v, _label in column.value_labels)
        labels = ", ".join(_r_str(label) for _v, label in column.value_labels)
        lines.append(f"data[[{_r_str(column.name)}]] <- factor(data[[{_r_str(column.name)}]],")
        lines.append(f"  levels = c({levels}),")
        lines.append(f"  labels = c({labels}))")
    lines += ["", "# Variable labels (read by RStudio's viewer, Hmisc and haven)."]
    for column in layout.columns:
        lines.append(f"attr(data[[{_r_str(column.name)}]], \"label\") <- {_r_str(column.label)}")
    if layout.name == "long":
        lines += ["", "# In the long layout 'value' holds numbers of different scales: the codebook gives each item's",
                  "# value labels. Mark the missing-value code as NA for arithmetic:",
                  "data$value_numeric <- ifelse(data$value == ketenregie_missing_code, NA, data$value)"]
    return "\n".join(lines) + "\n"


def _sps_str(text: object) -> str:
    value = str(text).replace('"', '""').replace("\n", " ")
    return f'"{value}"'


def _sps_format(column: Column) -> str:
    if column.kind == STRING:
        return f"A{max(column.width, 1)}"
    if column.kind == DECIMAL:
        return "F8.1"
    return "F8.0"


def spss_syntax(*, layout: Layout, dialect: CsvDialect, csv_name: str, title: str, generated: datetime) -> str:
    encoding = "UTF-8 with BOM" if dialect.bom else "UTF-8"
    decimal = "COMMA" if dialect.decimal == "," else "DOT"
    lines = [
        "* Encoding: UTF-8.",
        f"* {title}.",
        f"* Generated {generated:%Y-%m-%d %H:%M} by Ketenregie. Reads {csv_name} (layout: {layout.name}).",
        f"* Assumptions: separator {_sps_str(dialect.delimiter)}, decimal mark {_sps_str(dialect.decimal)}, "
        f"encoding {encoding}, missing-value code {DONT_KNOW_EXPORT_CODE}.",
        "* Empty field = not answered or not stated (system-missing).",
        "",
        f"SET UNICODE=ON DECIMAL={decimal}.",
        "GET DATA",
        "  /TYPE=TXT",
        f"  /FILE={_sps_str(csv_name)}",
        "  /ENCODING='UTF8'",
        "  /ARRANGEMENT=DELIMITED",
        "  /DELCASE=LINE",
        "  /FIRSTCASE=2",
        f"  /DELIMITERS={_sps_str(dialect.delimiter)}",
        "  /QUALIFIER='\"'",
        "  /VARIABLES=",
    ]
    lines += [f"    {c.name} {_sps_format(c)}" for c in layout.columns]
    lines[-1] += "."
    lines += ["CACHE.", "EXECUTE.", "", "VARIABLE LABELS"]
    labels = [f"  {c.name} {_sps_str(c.label)}" for c in layout.columns]
    lines += ["\n  /".join(labels).replace("\n  /  ", "\n  /") + "."]
    labelled = [c for c in layout.columns if c.value_labels]
    if labelled:
        lines += ["", "VALUE LABELS"]
        blocks = []
        for column in labelled:
            pairs = " ".join(
                f"{_sps_str(value) if column.kind == STRING else value} {_sps_str(label)}"
                for value, label in column.value_labels)
            blocks.append(f"  {column.name} {pairs}")
        lines += ["\n  /".join(blocks).replace("\n  /  ", "\n  /") + "."]
    missing = [c.name for c in layout.columns if c.has_missing_code]
    if missing:
        lines += ["", "MISSING VALUES"]
        lines += ["\n  /".join(f"  {name} ({DONT_KNOW_EXPORT_CODE})" for name in missing).replace("\n  /  ", "\n  /")
                  + "."]
    lines += ["EXECUTE."]
    return "\n".join(lines) + "\n"
