"""SPSS .sav and Stata .dta files: read back by pyreadstat with their labels, and the .sav by PSPP too."""

import re
import subprocess
from typing import Any

import pyreadstat
import pytest

from assessments.selectors import codebook_get
from research.columns import missing_values
from research.models import ExportLog
from research.pseudonyms import pseudonym
from results.selectors import round_scores_dict
from rounds.models import Answer
from tests.must import found, present
from tests.research.research_testkit import body, download, read_csv

MISSING = [code for code, _label in missing_values()]


@pytest.fixture
def round_(consenting, make_round):
    return make_round(network=consenting(), respondents=4)


@pytest.fixture
def client(client_for, researcher):
    return client_for(researcher)


def _save(client, tmp_path, **params):
    response = download(client, **params)
    assert response.status_code == 200, response.content[:500]
    name = found(r'filename="(.+?)"', response["Content-Disposition"], group=1)
    path = tmp_path / name
    path.write_bytes(body(response))
    return path, response


def test_wide_sav_holds_the_csv_values_with_labels_missing_values_and_levels(client, round_, tmp_path):
    path, response = _save(client, tmp_path, layout="wide", format="sav")
    assert response["Content-Type"] == "application/x-spss-sav"
    assert path.name == "ketenregie-wide-ketenregie-v1.sav"
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    rows = read_csv(body(download(client, layout="wide", format="csv")))
    assert len(frame) == len(rows) == 4
    assert list(frame.columns) == list(rows[0].keys())
    for record, row in zip(frame.to_dict("records"), rows, strict=True):
        for name, cell in row.items():
            value = record[name]
            if cell == "":
                assert value != value or value == "", (name, value)  # NaN (system-missing) or empty string
            elif isinstance(value, str):
                assert value == cell
            else:
                assert value == float(cell), (name, value, cell)
    labels = meta.column_names_to_labels
    assert present(labels["SF.K1.presence"]).endswith(" — aanwezigheid")
    assert present(labels["SF.K1.importance"]).endswith(" — belang")
    assert meta.variable_value_labels["SF.K1.presence"][float(MISSING[0])] == missing_values()[0][1]
    # pyreadstat annotates value labels with numeric keys and missing ranges loosely; a string variable has
    # string keys and each range is a {"lo", "hi"} dict.
    role_labels: dict[Any, str] = meta.variable_value_labels["chain_role"]
    assert role_labels["client"] == "Cliënt(vertegenwoordiging)"
    ranges: list[Any] = meta.missing_ranges["SF.K1.presence"]
    assert [r["lo"] for r in ranges] == [float(c) for c in MISSING]
    assert meta.variable_measure["SF.K1.presence"] == "ordinal"
    assert meta.variable_measure["BB.1"] == "nominal" and meta.variable_measure["round_year"] == "scale"
    # Without user_missing the missing-value codes are missing (NaN), as in SPSS.
    plain, _meta = pyreadstat.read_sav(str(path))
    assert plain["SF.K1.importance"].isna().sum() == 1 == (frame["SF.K1.importance"] == MISSING[0]).sum()
    assert ExportLog.objects.get(format="sav").row_count == 4


def test_long_sav_keeps_every_answer_and_every_item_label(client, round_, tmp_path, instrument):
    path, _response = _save(client, tmp_path, layout="long", format="sav")
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert len(frame) == Answer.objects.filter(response__round=round_).count()
    expected = {(pseudonym(kind="respondent", pk=r), code, float(MISSING[0] if v is None else v))
                for r, code, v in Answer.objects.filter(response__round=round_).values_list(
                    "response_id", "item__code", "value")}
    assert set(zip(frame["respondent_pid"], frame["item"], frame["value"], strict=True)) == expected
    item_labels = meta.variable_value_labels["item"]
    assert len(item_labels) == len(set(item_labels.values())) == instrument.items.count()


def test_pspp_reads_the_sav_and_computes_the_app_area_scores(client, consenting, make_round, tmp_path):
    round_ = make_round(network=consenting(), respondents=5, answers={
        "SF.K1.presence": lambda i: 1 + i % 5, "SF.K2.presence": lambda i: None if i == 2 else 5 - i % 3,
        "SF.P1.presence": lambda i: 2})
    path, _response = _save(client, tmp_path, layout="wide", format="sav")
    (tmp_path / "run.sps").write_text(
        f"GET FILE='{path.name}'.\n"
        "AGGREGATE OUTFILE=* /BREAK=round_pid /k1 = MEAN(SF.K1.presence) /k2 = MEAN(SF.K2.presence).\n"
        "COMPUTE area_K = MEAN((k1 - 1) / 4 * 100, (k2 - 1) / 4 * 100).\n"
        "SAVE TRANSLATE /OUTFILE='areas.csv' /TYPE=CSV /FIELDNAMES /REPLACE /TEXTOPTIONS DECIMAL=DOT.\n",
        encoding="utf-8")
    done = subprocess.run(["pspp", "-b", "run.sps", "-o", "out.txt"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    row = read_csv((tmp_path / "areas.csv").read_bytes())[0]
    expected = round_scores_dict(round=round_)["areas"]["K"]["presence"]
    assert abs(float(row["area_K"]) - expected) <= 0.05 + 1e-9


def test_dta_has_stata_names_labels_and_the_codebook_maps_them(client, round_, tmp_path, instrument):
    path, response = _save(client, tmp_path, layout="wide", format="dta")
    assert response["Content-Type"] == "application/x-stata-dta"
    frame, meta = pyreadstat.read_dta(str(path))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name) for name in frame.columns)
    assert "SF_K1_presence" in frame.columns and "SF.K1.presence" not in frame.columns
    assert len(frame) == 4
    assert present(meta.column_names_to_labels["SF_K1_presence"]).endswith(" — aanwezigheid")
    assert meta.variable_value_labels["SF_K1_presence"][MISSING[0]] == missing_values()[0][1]
    rows = read_csv(body(download(client, layout="wide", format="csv")))
    assert sorted(frame["SF_K1_presence"].tolist()) == sorted(float(r["SF.K1.presence"]) for r in rows)
    assert frame["SF_O1_presence"].isna().all()  # not answered stays missing
    codebook = {r["code"]: r for r in read_csv(body(download(client, layout="codebook", format="csv")))}
    codes = codebook_get(instrument=instrument).items
    assert {codebook[item["code"]]["stata_name"] for item in codes} <= set(frame.columns)


def test_a_dta_too_large_for_memory_is_refused_naming_the_limit_and_the_alternatives(client, round_, settings):
    settings.KETENREGIE_DTA_MAX_CELLS = 100
    response = download(client, layout="long", format="dta")
    assert response.status_code == 400
    content = response.content.decode()
    assert "te groot voor een Stata-bestand" in content and "100 cellen" in content
    assert ".sav" in content and "CSV" in content
    assert not ExportLog.objects.exists()
    assert download(client, layout="scores", format="dta").status_code == 200  # 1 row fits
