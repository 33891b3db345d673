"""R and SPSS syntax that read one exported CSV file with its labels.

Each file names the exact CSV it reads (the download name of that layout *and* CSV variant), states its
assumptions (separator, decimal mark, encoding, missing-value codes) in a header comment and uses exactly
those when reading. Both are run against exported data by the test suite with Rscript and PSPP
(tests/research/test_research_clients.py); docs/research.md says which versions.
"""

from datetime import datetime

from .columns import DECIMAL, INTEGER, NOMINAL, ORDINAL, SCALE, STRING, Column, Layout, missing_values
from .writers import CsvDialect


def _r_str(text: object) -> str:
    value = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{value}"'


def _r_value(value: object, column: Column) -> str:
    return _r_str(value) if column.kind == STRING else f"{value}L"


R_CLASSES = {STRING: "character", INTEGER: "integer", DECIMAL: "numeric"}

# Defined in every R file. Kept small and base-R only, so the file runs without packages.
R_HELPERS = r'''
# ---- Helpers -------------------------------------------------------------------------------------------
# A labelled column is a factor whose LEVELS ARE THE CODES ("1", "2", ... or "strategisch"), ordered for
# ordinal items; the labels are in attr(x, "labels") as c(label = code), as haven does it. Missing-value
# codes become NA; the code a missing cell had ("weet niet" = -9) stays in attr(x, "missing_codes").
#   ketenregie_codes(x)   the codes: integers for numeric items (1..5, 0..3), text for text codes
#   ketenregie_labels(x)  a factor with the label text (for tables and plots)
#   ketenregie_missing(x) the missing-value code per cell (NA where the cell is not a missing code)
# Never use as.integer(x) on these factors: that gives level positions (0..3 becomes 1..4), not codes.
ketenregie_code_factor <- function(x, labels, ordered = FALSE, missing = integer(0)) {
  raw <- x
  if (length(missing) > 0) x[x %in% missing] <- NA
  valid <- labels[!(labels %in% missing)]
  f <- factor(x, levels = unname(valid), ordered = ordered)
  unknown <- !is.na(x) & is.na(f)
  if (any(unknown)) stop("codes without a label: ", paste(unique(x[unknown]), collapse = ", "))
  attr(f, "labels") <- labels
  if (length(missing) > 0) attr(f, "missing_codes") <- ifelse(raw %in% missing, raw, NA)
  f
}
ketenregie_codes <- function(x) {
  if (!is.factor(x)) return(x)
  codes <- levels(x)[x]
  if (is.numeric(attr(x, "labels"))) as.integer(codes) else codes
}
ketenregie_labels <- function(x) {
  labels <- attr(x, "labels")
  factor(levels(x)[x], levels = levels(x), labels = names(labels)[match(levels(x), as.character(labels))],
         ordered = is.ordered(x))
}
ketenregie_missing <- function(x) {
  codes <- attr(x, "missing_codes")
  if (is.null(codes)) rep(NA_integer_, length(x)) else codes
}
'''


def _r_named(pairs) -> str:
    return ", ".join(f"{_r_str(label)} = {value}" for value, label in pairs)


def r_syntax(*, layout: Layout, dialect: CsvDialect, csv_name: str, title: str, generated: datetime) -> str:
    encoding = "UTF-8-BOM" if dialect.bom else "UTF-8"
    missing = missing_values()
    missing_text = ", ".join(f"{code} = {label}" for code, label in missing)
    lines = [
        "# encoding: UTF-8",
        f"# {title}",
        f"# Generated {generated:%Y-%m-%d %H:%M} by Ketenregie. Reads {csv_name} (layout: {layout.name}).",
        f"# Assumptions: separator {_r_str(dialect.delimiter)}, decimal mark {_r_str(dialect.decimal)}, "
        f"encoding {encoding}, missing-value codes {missing_text};",
        "# empty field = not answered or not stated (NA). Base R only (tested with R 4.2).",
        "",
        f"ketenregie_file <- {_r_str(csv_name)}",
        f"ketenregie_missing_codes <- c({_r_named((f'{code}L', label) for code, label in missing)})",
        R_HELPERS,
        "if (!file.exists(ketenregie_file)) {",
        '  stop("File not found: ", ketenregie_file, ". Download the CSV with the same options as this syntax ",',
        '       "(layout, separator, BOM) and put it in the working directory (getwd()).")',
        "}",
        "ketenregie_classes <- c(",
    ]
    lines += [f"  {_r_str(c.name)} = {_r_str(R_CLASSES[c.kind])}," for c in layout.columns]
    lines[-1] = lines[-1].rstrip(",")
    lines += [
        ")",
        "ketenregie_header <- strsplit(sub(\"^\\ufeff\", \"\", readLines(ketenregie_file, n = 1, warn = FALSE,",
        "                                                        encoding = \"UTF-8\")),",
        f"                              {_r_str(dialect.delimiter)}, fixed = TRUE)[[1]]",
        "if (!identical(ketenregie_header, names(ketenregie_classes))) {",
        '  stop(ketenregie_file, " is not the file this syntax was written for: its header differs. ",',
        f'       "Expected the {layout.name} layout with separator \'{dialect.delimiter}\'.")',
        "}",
        f"data <- read.csv(ketenregie_file, sep = {_r_str(dialect.delimiter)}, dec = {_r_str(dialect.decimal)},",
        f'                 fileEncoding = {_r_str(encoding)}, na.strings = "", check.names = FALSE,',
        "                 colClasses = ketenregie_classes, stringsAsFactors = FALSE)",
        "",
        "# Value labels: factors with the codes as levels (see the helpers above).",
    ]
    for column in layout.columns:
        if not column.value_labels or column.name == "value":
            continue
        labels = tuple((_r_value(v, column), label) for v, label in column.value_labels)
        ordered = "TRUE" if column.level == ORDINAL else "FALSE"
        missing_arg = ", missing = ketenregie_missing_codes" if column.has_missing_code else ""
        lines.append(f"data[[{_r_str(column.name)}]] <- ketenregie_code_factor(data[[{_r_str(column.name)}]],")
        lines.append(f"  labels = c({_r_named((v, label) for v, label in labels)}),")
        lines.append(f"  ordered = {ordered}{missing_arg})")
    if layout.name == "long":
        lines += [
            "",
            "# In the long layout 'value' holds numbers of different scales (the codebook gives each item's value",
            "# labels). Missing-value codes become NA; the code itself is kept in 'value_missing'.",
            "data$value_missing <- ifelse(data$value %in% ketenregie_missing_codes, data$value, NA_integer_)",
            "data$value[data$value %in% ketenregie_missing_codes] <- NA",
        ]
    lines += ["", "# Variable labels (read by RStudio's viewer, Hmisc and haven)."]
    for column in layout.columns:
        lines.append(f"attr(data[[{_r_str(column.name)}]], \"label\") <- {_r_str(column.label)}")
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


SPSS_LEVELS = {NOMINAL: "NOMINAL", ORDINAL: "ORDINAL", SCALE: "SCALE"}


def spss_syntax(*, layout: Layout, dialect: CsvDialect, csv_name: str, title: str, generated: datetime) -> str:
    encoding = "UTF-8 with BOM" if dialect.bom else "UTF-8"
    decimal = "COMMA" if dialect.decimal == "," else "DOT"
    missing = missing_values()
    lines = [
        "* Encoding: UTF-8.",
        f"* {title}.",
        f"* Generated {generated:%Y-%m-%d %H:%M} by Ketenregie. Reads {csv_name} (layout: {layout.name}).",
        f"* Assumptions: separator {_sps_str(dialect.delimiter)}, decimal mark {_sps_str(dialect.decimal)}, "
        f"encoding {encoding}, missing-value codes "
        + ", ".join(f"{code} ({label})" for code, label in missing) + ".",
        "* Empty field = not answered or not stated (system-missing).",
        "* Runs in PSPP (tested with 1.6) and SPSS. SPSS in code-page mode: run SET UNICODE=ON. first.",
        "* Run it from the folder that holds the CSV, or put the full path in /FILE.",
        "",
        f"SET DECIMAL={decimal}.",
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
    lines += ["", "VARIABLE LABELS"]
    lines += ["\n  /".join(f"  {c.name} {_sps_str(c.label)}" for c in layout.columns).replace("\n  /  ", "\n  /")
              + "."]
    labelled = [c for c in layout.columns if c.value_labels]
    if labelled:
        lines += ["", "VALUE LABELS"]
        blocks = []
        for column in labelled:
            pairs = "\n".join(
                f"    {_sps_str(value) if column.kind == STRING else value} {_sps_str(label)}"
                for value, label in column.value_labels)
            blocks.append(f"  {column.name}\n{pairs}")
        lines += ["\n  /".join(blocks).replace("\n  /  ", "\n  /") + "."]
    with_missing = [c.name for c in layout.columns if c.has_missing_code]
    if with_missing:
        codes = ", ".join(str(code) for code, _label in missing)
        lines += ["", "MISSING VALUES"]
        lines += ["\n  /".join(f"  {name} ({codes})" for name in with_missing).replace("\n  /  ", "\n  /") + "."]
    groups: dict[str, list[str]] = {}
    for column in layout.columns:
        groups.setdefault(SPSS_LEVELS[column.level], []).append(column.name)
    lines += ["", "VARIABLE LEVEL"]
    lines += ["\n  /".join(f"  {' '.join(names)} ({level})" for level, names in groups.items())
              .replace("\n  /  ", "\n  /") + "."]
    lines += ["EXECUTE."]
    return "\n".join(lines) + "\n"
