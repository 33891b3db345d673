"""Exported files read back to the values in the database, in every format, with accents intact."""

import io
import json

import pytest
from openpyxl import load_workbook

from assessments.models import DONT_KNOW_EXPORT_CODE
from research.columns import missing_values
from research.models import ExportLog
from research.pseudonyms import pseudonym
from rounds.models import Answer
from tests.research.research_testkit import body, download, read_csv


@pytest.fixture
def round_(consenting, make_round):
    return make_round(network=consenting(), respondents=4)


@pytest.fixture
def client(client_for, researcher):
    return client_for(researcher)


def _expected_answers(round_) -> set[tuple[str, str, str]]:
    rows = Answer.objects.filter(response__round=round_).values_list("response_id", "item__code", "value")
    return {(pseudonym(kind="respondent", pk=response), code, str(DONT_KNOW_EXPORT_CODE if value is None else value))
            for response, code, value in rows}


def test_long_csv_reads_back_to_the_database_values(client, round_):
    response = download(client, layout="long", format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ketenregie-long-ketenregie-v1.csv"' in response["Content-Disposition"]
    rows = read_csv(body(response))
    assert {(r["respondent_pid"], r["item"], r["value"]) for r in rows} == _expected_answers(round_)
    assert len(rows) == Answer.objects.filter(response__round=round_).count()
    first = rows[0]
    assert first["network_pid"] == pseudonym(kind="network", pk=round_.network_id)
    assert (first["round_year"], first["round_month"], first["instrument"], first["instrument_version"]) == (
        "2024", "5", "ketenregie", "1")


def test_wide_csv_has_one_row_per_response_and_one_column_per_item(client, round_, instrument):
    rows = read_csv(body(download(client, layout="wide", format="csv")))
    assert len(rows) == 4
    codes = list(instrument.items.order_by("order").values_list("code", flat=True))
    assert list(rows[0].keys())[-len(codes):] == codes
    found = {(r["respondent_pid"], code, r[code]) for r in rows for code in codes if r[code] != ""}
    assert found == _expected_answers(round_)
    assert sorted(r["SF.K1.importance"] for r in rows) == [str(DONT_KNOW_EXPORT_CODE), "4", "4", "4"]  # weet niet
    assert all(r["SF.O1.presence"] == "" for r in rows)  # not answered


def test_csv_with_bom_and_semicolon_opens_in_dutch_excel(client, round_):
    content = body(download(client, layout="scores", format="csv", bom="on", semicolon="on"))
    assert content.startswith("\ufeff".encode())
    rows = read_csv(content.decode("utf-8-sig").encode(), delimiter=";")
    assert len(rows) == 1
    assert "," in rows[0]["overall_presence"] or rows[0]["overall_presence"].isdigit()
    assert "." not in rows[0]["overall_presence"]


def test_codebook_csv_with_bom_keeps_accents(client, round_):
    content = body(download(client, layout="codebook", format="csv", bom="on"))
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    rows = list(read_csv(text.encode()))
    labels = " ".join(r["label_nl"] + " " + r["value_labels_nl"] + " " + r["dimension_title_nl"] for r in rows)
    for word in ("cliënt", "één", "Continuïteit"):
        assert word in labels


def test_codebook_xlsx_keeps_accents(client, round_):
    response = download(client, layout="codebook", format="xlsx")
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    assert workbook.sheetnames == ["data", "export_variables", "metadata"]
    cells = " ".join(str(c) for row in workbook["data"].iter_rows(values_only=True) for c in row if c)
    for word in ("cliënt", "één", "Continuïteit"):
        assert word in cells
    variables = {row[0]: row for row in workbook["export_variables"].iter_rows(min_row=2, values_only=True)}
    assert "Cliënt(vertegenwoordiging)" in variables["chain_role"][5]
    assert variables["value"][6] == DONT_KNOW_EXPORT_CODE


def test_long_xlsx_holds_the_same_values_and_metadata(client, round_):
    response = download(client, layout="long", format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = list(workbook["data"].iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    records = [dict(zip(header, row, strict=True)) for row in data]
    assert {(r["respondent_pid"], r["item"], str(r["value"])) for r in records} == _expected_answers(round_)
    assert isinstance(records[0]["value"], int)
    meta = dict(workbook["metadata"].iter_rows(min_row=2, values_only=True))
    assert meta["counts.respondents"] == 4
    assert meta["missing_value.code"] == DONT_KNOW_EXPORT_CODE


def test_json_export_is_one_document_with_metadata(client, round_):
    data = json.loads(body(download(client, layout="long", format="json")))
    assert data["metadata"]["counts"] == {"networks": 1, "rounds": 1, "respondents": 4}
    assert data["columns"][-2:] == ["item", "value"]
    assert {(r["respondent_pid"], r["item"], str(r["value"])) for r in data["rows"]} == _expected_answers(round_)


def test_scores_equal_the_dashboard_numbers(client, round_):
    results = pytest.importorskip("results.selectors")
    expected = results.round_scores(round=round_).to_dict()
    rows = read_csv(body(download(client, layout="scores", format="csv")))
    assert len(rows) == 1
    row = rows[0]
    assert row["respondents"] == str(expected["respondents"])
    assert float(row["overall_presence"]) == expected["overall"]["presence"]
    for code, area in expected["areas"].items():
        got = row[f"{code}_presence"]
        assert (float(got) if got else None) == area["presence"]
        assert row[f"{code}_n"] == str(area["n"])


# --- empty selections and bad input ---


@pytest.mark.parametrize("layout", ["long", "wide", "scores"])
def test_zero_rows_give_a_csv_with_headers_only(client, db, layout):
    response = download(client, layout=layout, format="csv")
    assert response.status_code == 200
    lines = body(response).decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("network_pid,round_pid")


def test_zero_rows_in_xlsx_and_json(client, db):
    workbook = load_workbook(io.BytesIO(body(download(client, layout="wide", format="xlsx"))), read_only=True)
    rows = list(workbook["data"].iter_rows(values_only=True))
    assert len(rows) == 1 and rows[0][0] == "network_pid"
    data = json.loads(body(download(client, layout="long", format="json")))
    assert data["rows"] == [] and data["metadata"]["counts"]["rounds"] == 0


@pytest.mark.parametrize("params, message", [
    ({"instrument": "ketenregie:99"}, "bestaat niet"),
    ({"date_from": "2024-13-45"}, "geldige datum"),
    ({"date_from": "2024-06-01", "date_to": "2024-01-01"}, "vóór de begindatum"),
    ({"sector": "ruimtevaart"}, "Onbekende sector"),
    ({"phase": "7"}, "Onbekende fase"),
    ({"layout": "breed"}, "Onbekende indeling"),
    ({"format": "spss"}, "Onbekend bestandsformaat"),
    ({"layout": "codebook", "format": "sav"}, "SPSS- en Stata-bestanden"),
    ({"format": "json", "labels": "on"}, "alleen bij CSV en Excel"),
    ({"format": "sav", "headings": "text"}, "alleen bij CSV en Excel"),
    ({"headings": "titels"}, "Onbekende keuze voor de kolomkoppen"),
    ({"layout": "codebook", "format": "sps"}, "R- en SPSS-syntax"),
])
def test_bad_filter_input_gives_400_with_a_clear_message(client, db, params, message):
    params = {"layout": "long", "format": "csv", **params}
    response = download(client, **params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExportLog.objects.exists()


def test_bad_filter_on_the_research_page_is_400(client, db):
    from django.urls import reverse

    response = client.get(reverse("research:index"), {"date_to": "gisteren"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "geldige datum" in content
    assert 'aria-invalid="true"' in content or "is-invalid" in content


# --- export log ---


def test_every_export_is_logged(client, researcher, round_):
    response = download(client, layout="long", format="csv", sector="youth_care", bom="on")
    body(response)
    log = ExportLog.objects.get()
    assert log.user == researcher and log.actor_label == researcher.email and log.channel == "web"
    assert (log.layout, log.format) == ("long", "csv")
    assert log.filters["sector"] == "youth_care" and log.filters["instrument"] == "ketenregie:1"
    assert log.row_count == Answer.objects.filter(response__round=round_).count()
    assert log.completed


def test_a_download_that_breaks_off_stays_incomplete(researcher, round_, instrument):
    from research.exports import ExportOptions, research_export_start
    from research.selectors import ResearchFilters

    stream = research_export_start(filters=ResearchFilters(instrument=instrument),
                                   options=ExportOptions(layout="long", format="csv"), user=researcher)
    next(stream.chunks)
    stream.chunks.close()  # what the server does when the client goes away
    log = ExportLog.objects.get()
    assert not log.completed and log.row_count is None


def test_export_is_also_in_the_audit_trail(client, round_):
    audit = pytest.importorskip("audit.models")
    body(download(client, layout="long", format="csv"))
    event = audit.AuditEvent.objects.filter(action="research_export").get()
    assert event.details["export_log"] == ExportLog.objects.get().pk


# --- XLSX over many sheets, labelled files, text headings ---


def test_xlsx_continues_on_a_new_sheet_with_its_header_so_no_row_is_lost(client, round_, monkeypatch):
    from research import writers

    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 4)  # 3 data rows per sheet instead of 1,048,575
    response = download(client, layout="long", format="xlsx")
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    total = Answer.objects.filter(response__round=round_).count()
    data_sheets = [name for name in workbook.sheetnames if name.startswith("data")]
    assert data_sheets == ["data", *(f"data_{n}" for n in range(2, len(data_sheets) + 1))]
    assert len(data_sheets) == -(-total // 3)
    records = []
    for name in data_sheets:
        rows = list(workbook[name].iter_rows(values_only=True))
        assert rows[0][:2] == ("network_pid", "round_pid") and len(rows) <= 4
        records += [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert {(r["respondent_pid"], r["item"], str(r["value"])) for r in records} == _expected_answers(round_)
    assert len(records) == total
    meta = dict(workbook["metadata"].iter_rows(min_row=2, values_only=True))
    assert meta["data_sheets"] == len(data_sheets)


def test_sheet_names_follow_excels_row_limit():
    from research.writers import xlsx_sheet_names

    assert xlsx_sheet_names(0) == ["data"]
    assert xlsx_sheet_names(1_048_575) == ["data"]
    assert xlsx_sheet_names(1_048_576) == ["data", "data_2"]
    assert len(xlsx_sheet_names(1_390_000 * 2)) == 3


def test_labelled_csv_has_answers_as_text_beside_the_coded_one(client, round_, instrument):
    from assessments.selectors import codebook_get

    response = download(client, layout="wide", format="csv", labels="on")
    assert 'filename="ketenregie-wide-ketenregie-v1-labels.csv"' in response["Content-Disposition"]
    labelled = read_csv(body(response))
    coded = read_csv(body(download(client, layout="wide", format="csv")))
    items = {item["code"]: item for item in codebook_get(instrument=instrument).items}
    for text_row, code_row in zip(labelled, coded, strict=True):
        for code in ("SF.K1.presence", "SF.K1.importance", "MK.1.1"):
            value = int(code_row[code])
            options = {o["value"]: o["label"]["nl"] for o in items[code]["scale"]["options"]}
            expected = options.get(value) or dict(missing_values())[value]
            assert text_row[code] == expected
        assert text_row["level"] == "Operationeel (uitvoering)" or text_row["level"] != code_row["level"]


def test_labelled_long_xlsx_labels_each_value_by_its_own_item(client, round_, instrument):
    from assessments.selectors import codebook_get

    workbook = load_workbook(io.BytesIO(body(download(client, layout="long", format="xlsx", labels="on"))),
                             read_only=True)
    rows = list(workbook["data"].iter_rows(values_only=True))
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    items = {item["code"]: item for item in codebook_get(instrument=instrument).items}
    for record in records:
        allowed = {o["label"]["nl"] for o in items[record["item"]]["scale"]["options"]} | {
            label for _code, label in missing_values()}
        assert record["value"] in allowed


def test_text_headings_are_the_variable_labels_and_stay_distinct(client, round_):
    response = download(client, layout="wide", format="csv", headings="text")
    assert "-text-headings.csv" in response["Content-Disposition"]
    header = list(read_csv(body(response))[0].keys())
    assert "Doelgroep en probleem vanuit de cliënt — aanwezigheid" in header
    assert "Doelgroep en probleem vanuit de cliënt — belang" in header
    assert len(set(header)) == len(header)


@pytest.mark.parametrize("layout", ["long", "wide", "scores"])
def test_json_exports_validate_against_the_published_schema(client, round_, layout):
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "research-export.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(body(download(client, layout=layout, format="json")))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["format_version"] == schema["properties"]["format_version"]["const"]
    assert data["columns"] == list(data["rows"][0].keys())


def test_json_schema_rejects_a_document_without_format_version(client, round_):
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "research-export.schema.json").read_text())
    data = json.loads(body(download(client, layout="wide", format="json")))
    del data["format_version"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
