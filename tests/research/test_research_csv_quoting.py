"""CSV fields are quoted exactly where the csv module would quote them, in both dialects, and read back intact."""

import csv
import io

import pytest

from research.writers import CsvDialect, ExcelSemicolon, csv_field, csv_line

TRICKY = [
    "plain",
    "comma, inside",
    "semi; colon",
    'a "quoted" word',
    "two\nlines",
    "carriage\r\nreturn",
    "=SUM(A1:A2)",
    "+31 6 1234",
    "-3",
    "@home",
    " leading and trailing ",
    "",
]


@pytest.mark.parametrize("dialect", [CsvDialect(), CsvDialect(semicolon=True)], ids=["comma", "semicolon"])
@pytest.mark.parametrize("text", TRICKY)
def test_a_text_field_is_quoted_as_the_csv_module_quotes_it(dialect, text):
    expected = io.StringIO()
    csv.writer(expected, delimiter=dialect.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerow(
        ["x", text])
    assert csv_line(["x", text], dialect) == expected.getvalue()


@pytest.mark.parametrize("dialect", [CsvDialect(), CsvDialect(semicolon=True)], ids=["comma", "semicolon"])
def test_every_field_reads_back_unchanged_formula_signs_included(dialect):
    # Research data are kept verbatim: a leading = + - @ is data, not neutralised (XLSX writes no formulas).
    text = "".join(csv_line([index, value], dialect) for index, value in enumerate(TRICKY))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))
    assert [row[1] for row in rows] == TRICKY


def test_the_dutch_dialect_writes_a_decimal_comma_and_quotes_nothing_for_it():
    assert csv_line([2.5, 3], CsvDialect(semicolon=True)) == "2,5;3\r\n"
    assert csv_line([2.5, 3], CsvDialect()) == "2.5,3\r\n"


@pytest.mark.parametrize("dialect", [CsvDialect(), CsvDialect(semicolon=True)], ids=["comma", "semicolon"])
@pytest.mark.parametrize("text", TRICKY)
def test_a_single_field_is_quoted_as_inside_a_record(dialect, text):
    line = csv_line([1, text], dialect)
    assert line == "1" + dialect.delimiter + csv_field(text, dialect) + "\r\n"


def test_the_semicolon_dialect_reads_back_with_its_own_csv_dialect():
    text = csv_line(["a;b", 2.5, None, "x"], CsvDialect(semicolon=True))
    assert text == '"a;b";2,5;;x\r\n'
    assert next(csv.reader(io.StringIO(text, newline=""), dialect=ExcelSemicolon)) == ["a;b", "2,5", "", "x"]
