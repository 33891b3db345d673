"""The R and SPSS syntax read the CSV written with the same options, with the codebook's labels.

The tests read each syntax file's own assumptions (separator, decimal mark, encoding, missing-value code,
variable names) back out of it and use exactly those to parse the CSV, as R or SPSS would.
"""

import csv
import io
import re

import pytest

from assessments.selectors import codebook_get
from research.columns import missing_values
from tests.must import found
from tests.research.research_testkit import body, download


@pytest.fixture
def client(client_for, researcher, consenting, make_round):
    make_round(network=consenting(), respondents=4)
    return client_for(researcher)


def _r_assumptions(syntax: str) -> dict:
    read = re.search(r'read\.csv\(ketenregie_file, sep = "(.*?)", dec = "(.*?)",\s+fileEncoding = "(.*?)"', syntax)
    assert read, "read.csv call not found"
    return {
        "sep": read.group(1), "dec": read.group(2), "encoding": read.group(3),
        "missing": [int(v) for v in re.findall(
            r'" = (-?\d+)L', found(r"ketenregie_missing_codes <- c\((.*?)\)\n", syntax, group=1))],
        "file": found(r'ketenregie_file <- "(.*?)"', syntax, group=1),
        "columns": re.findall(r'^  "(.+?)" = "(character|integer|numeric)"', syntax, re.M),
    }


def _r_factor(syntax: str, name: str) -> tuple[list[str], list[str], bool]:
    block = re.search(
        rf'data\[\["{re.escape(name)}"\]\] <- ketenregie_code_factor\(.*?\n  labels = c\((.*?)\),\n'
        rf'  ordered = (TRUE|FALSE)', syntax)
    assert block, f"no factor for {name}"
    pairs = re.findall(r'"((?:[^"\\]|\\.)*)" = ("[^"]*"|-?\d+L)', block.group(1))
    levels = [code.strip('"').removesuffix("L") for _label, code in pairs]
    return levels, [label for label, _code in pairs], block.group(2) == "TRUE"


def _read_with(content: bytes, *, sep: str, encoding: str) -> list[list[str]]:
    text = content.decode("utf-8-sig" if encoding == "UTF-8-BOM" else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


@pytest.mark.parametrize("options", [{}, {"bom": "on", "semicolon": "on"}])
@pytest.mark.parametrize("layout", ["long", "wide", "scores"])
def test_r_syntax_matches_the_csv_header_and_dialect(client, layout, options):
    syntax = body(download(client, layout=layout, format="r", **options)).decode()
    csv_response = download(client, layout=layout, format="csv", **options)
    content = body(csv_response)
    assumed = _r_assumptions(syntax)
    assert assumed["file"] in csv_response["Content-Disposition"]
    assert assumed["sep"] == (";" if options else ",")
    assert assumed["dec"] == ("," if options else ".")
    assert assumed["encoding"] == ("UTF-8-BOM" if options else "UTF-8")
    assert content.startswith(b"\xef\xbb\xbf") == (assumed["encoding"] == "UTF-8-BOM")
    assert assumed["missing"] == [code for code, _label in missing_values()]
    rows = _read_with(content, sep=assumed["sep"], encoding=assumed["encoding"])
    assert [name for name, _kind in assumed["columns"]] == rows[0]
    kinds = dict(assumed["columns"])
    for row in rows[1:]:
        for name, cell in zip(rows[0], row, strict=True):
            if cell == "":
                continue  # NA
            if kinds[name] == "integer":
                int(cell)
            elif kinds[name] == "numeric":
                float(cell.replace(assumed["dec"], "."))


def test_r_value_labels_match_the_codebook(client, instrument):
    syntax = body(download(client, layout="wide", format="r")).decode()
    codebook = codebook_get(instrument=instrument)
    for item in codebook.items:
        levels, labels, ordered = _r_factor(syntax, item["code"])
        options = item["scale"]["options"]
        assert levels == [str(o["value"]) for o in options] + [str(code) for code, _label in missing_values()]
        assert labels == [o["label"]["nl"] for o in options] + [label for _code, label in missing_values()]
        assert ordered == (item["scale"]["code"] != "route3")
    levels, labels, ordered = _r_factor(syntax, "chain_role")
    assert "client" in levels and "Cliënt(vertegenwoordiging)" in labels and not ordered


def _spss(syntax: str) -> dict:
    variables = found(r"/VARIABLES=\n(.*?)\.\n", syntax, re.S, group=1)
    value_labels = re.search(r"\nVALUE LABELS\n(.*?)\.\n", syntax, re.S)
    return {
        "delimiter": found(r'/DELIMITERS="(.*?)"', syntax, group=1),
        "decimal": found(r"^SET DECIMAL=(\w+)\.$", syntax, re.M, group=1),
        "encoding": found(r"/ENCODING='(\w+)'", syntax, group=1),
        "firstcase": int(found(r"/FIRSTCASE=(\d+)", syntax, group=1)),
        "file": found(r'/FILE="(.*?)"', syntax, group=1),
        "variables": [line.split()[0] for line in variables.strip().splitlines()],
        "formats": {line.split()[0]: line.split()[1] for line in variables.strip().splitlines()},
        "value_labels": value_labels.group(1) if value_labels else "",
        "missing": re.findall(r"(\S+) \((-?\d+(?:, -?\d+)*)\)",
                              syntax.split("MISSING VALUES", 1)[-1].split("VARIABLE LEVEL")[0]),
        "levels": re.findall(r"^  /?(.+?) \((NOMINAL|ORDINAL|SCALE)\)", syntax, re.M),
    }


@pytest.mark.parametrize("options", [{}, {"bom": "on", "semicolon": "on"}])
@pytest.mark.parametrize("layout", ["long", "wide", "scores"])
def test_spss_syntax_matches_the_csv_header_and_dialect(client, layout, options):
    syntax = body(download(client, layout=layout, format="sps", **options)).decode()
    csv_response = download(client, layout=layout, format="csv", **options)
    spss = _spss(syntax)
    assert spss["file"] in csv_response["Content-Disposition"]
    assert spss["delimiter"] == (";" if options else ",")
    assert spss["decimal"] == ("COMMA" if options else "DOT")
    assert spss["encoding"] == "UTF8"
    rows = _read_with(body(csv_response), sep=spss["delimiter"], encoding="UTF-8-BOM")
    assert spss["variables"] == rows[0]
    assert spss["firstcase"] == 2  # the header line, BOM and all, is skipped
    for row in rows[1:]:
        for name, cell in zip(rows[0], row, strict=True):
            fmt = spss["formats"][name]
            if fmt.startswith("A"):
                assert len(cell.encode()) <= int(fmt[1:]), (name, cell)
            elif cell:
                float(cell.replace(",", ".") if spss["decimal"] == "COMMA" else cell)


def test_spss_value_labels_and_missing_values_match_the_codebook(client, instrument):
    syntax = body(download(client, layout="wide", format="sps")).decode()
    spss = _spss(syntax)
    codebook = codebook_get(instrument=instrument)
    codes = ", ".join(str(code) for code, _label in missing_values())
    for item in codebook.items:
        options = "".join(f'\n    {o["value"]} "{o["label"]["nl"]}"' for o in item["scale"]["options"])
        missing = "".join(f'\n    {code} "{label}"' for code, label in missing_values())
        assert f'{item["code"]}{options}{missing}' in spss["value_labels"]
    missing_of = {name.lstrip("/"): code for name, code in spss["missing"]}
    assert all(missing_of[item["code"]] == codes for item in codebook.items)
    assert 'level\n    "strategisch" "Strategisch (bestuur)"' in spss["value_labels"]
    levels = {name: level for names, level in spss["levels"] for name in names.split()}
    assert levels["SF.K1.presence"] == levels["MK.1.1"] == levels["network_phase"] == "ORDINAL"
    assert levels["BB.1"] == levels["chain_role"] == "NOMINAL"
    assert levels["round_year"] == "SCALE"


def test_presence_and_importance_items_have_distinct_labels(client):
    syntax = body(download(client, layout="wide", format="sps")).decode()
    labels = dict(re.findall(r'^  /?(\S+) "(.*)"$', syntax.split("VARIABLE LABELS", 1)[1].split("\n\n")[0], re.M))
    assert labels["SF.K1.presence"].endswith(" — aanwezigheid")
    assert labels["SF.K1.importance"].endswith(" — belang")
    item_labels = [label for name, label in labels.items() if name.startswith(("SF.", "MK.", "KO."))]
    assert len(set(item_labels)) == len(item_labels)


def test_each_csv_variant_has_its_own_file_name_and_its_syntax_names_it(client):
    names = set()
    for options in ({}, {"semicolon": "on"}, {"bom": "on"}, {"semicolon": "on", "bom": "on"}):
        csv_name = found(r'filename="(.+?)"', download(client, layout="wide", format="csv", **options)[
            "Content-Disposition"], group=1)
        names.add(csv_name)
        for fmt in ("r", "sps"):
            syntax = body(download(client, layout="wide", format=fmt, **options)).decode()
            assert f'"{csv_name}"' in syntax
    assert len(names) == 4


def test_syntax_for_the_codebook_is_refused(client):
    assert download(client, layout="codebook", format="r").status_code == 400
