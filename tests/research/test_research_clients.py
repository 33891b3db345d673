"""The exported R and SPSS syntax, run by the real clients (Rscript, PSPP in batch mode) on exported data.

scripts/bootstrap.sh installs the Debian packages r-base-core and pspp for the test profile. Each test
downloads a CSV variant and its syntax, runs the syntax followed by a few lines of checks, and compares what
R or PSPP computed with the database and with ``network_scores``: every item code stays distinct, missing
codes become NA / missing, and the area means equal the app's. Marked sqlite_only: the clients do not care
which database wrote the file, so one run is enough.
"""

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest

from assessments.selectors import codebook_get
from research.columns import missing_values
from research.pseudonyms import pseudonym
from results.selectors import round_scores_dict
from rounds.models import Answer
from tests.must import found
from tests.research.research_testkit import body, download

pytestmark = pytest.mark.sqlite_only

MISSING = [code for code, _label in missing_values()]


def _full_answers(codebook):
    """Every item answered, every option of every scale used, "weet niet" now and then: demo-like data."""
    answers = {}
    for position, item in enumerate(codebook.items):
        values = [o["value"] for o in item["scale"]["options"]]

        def value(i, values=values, position=position):
            if (i + position) % 7 == 3:
                return None  # weet niet
            return values[(i * 3 + position) % len(values)]

        answers[item["code"]] = value
    return answers


@pytest.fixture
def exported(client_for, researcher, consenting, make_round, instrument):
    codebook = codebook_get(instrument=instrument)
    answers = _full_answers(codebook)
    network = consenting()
    rounds = [make_round(network=network, respondents=n, answers=answers) for n in (5, 4)]
    return {"client": client_for(researcher), "rounds": rounds, "codebook": codebook}


def _save(client, tmp_path: Path, **params) -> Path:
    response = download(client, **params)
    assert response.status_code == 200
    name = found(r'filename="(.+?)"', response["Content-Disposition"], group=1)
    path = tmp_path / name
    path.write_bytes(body(response))
    return path


def _run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def _rscript(syntax: Path, checks: str) -> dict[str, str]:
    script = syntax.with_name("run.R")
    script.write_text(syntax.read_text(encoding="utf-8") + "\n" + checks, encoding="utf-8")
    output = _run(["Rscript", "--vanilla", script.name], cwd=syntax.parent)
    assert "Warning" not in output, output
    return dict(re.findall(r"^RESULT (\S+) (.*)$", output, re.M))


def _pspp(syntax: Path, checks: str) -> None:
    script = syntax.with_name("run.sps")
    script.write_text(syntax.read_text(encoding="utf-8") + "\n" + checks, encoding="utf-8")
    output = _run(["pspp", "-b", script.name, "-o", "pspp-output.txt"], cwd=syntax.parent)
    listing = (syntax.parent / "pspp-output.txt").read_text(encoding="utf-8")
    for text in (output, listing):
        assert "error" not in text.lower() and "warning" not in text.lower(), text


def _csv_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=delimiter))


def _expected_areas(rounds) -> dict[tuple[int, str], float | None]:
    return {(i, code): area["presence"] for i, r in enumerate(rounds)
            for code, area in round_scores_dict(round=r)["areas"].items()}


def _assert_areas(computed: dict[tuple[int, str], float], rounds) -> None:
    expected = _expected_areas(rounds)
    assert set(computed) == {key for key, value in expected.items() if value is not None}
    for key, value in computed.items():
        # network_scores rounds to one decimal; the clients compute the exact mean.
        wanted = expected[key]
        assert wanted is not None and abs(value - wanted) <= 0.05 + 1e-9, (key, value, wanted)


def _round_order(rounds) -> dict[str, int]:
    """round_pid -> index in ``rounds`` (rows may come in any order)."""
    return {pseudonym(kind="round", pk=r.pk): i for i, r in enumerate(rounds)}


# ---- R -------------------------------------------------------------------------------------------------

R_WIDE_CHECKS = r'''
items <- grep("^(SF|MK|KO|KW|CX|BB|RL)\\.", names(data), value = TRUE)
for (name in items) {
  x <- data[[name]]
  stopifnot(is.factor(x))
  codes <- ketenregie_codes(x)
  stopifnot(is.integer(codes), all(is.na(codes) | codes %in% attr(x, "labels")))
  stopifnot(!any(codes %in% ketenregie_missing_codes, na.rm = TRUE))
  cat("RESULT na.", name, " ", sum(is.na(codes)), "\n", sep = "")
  cat("RESULT missing.", name, " ", sum(!is.na(ketenregie_missing(x))), "\n", sep = "")
}
labels <- vapply(items, function(n) attr(data[[n]], "label"), "")
cat("RESULT distinct_labels ", length(unique(labels)), "\n", sep = "")
cat("RESULT items ", length(items), "\n", sep = "")
k1 <- data[["SF.K1.presence"]]
stopifnot(identical(levels(ketenregie_labels(k1))[1], names(attr(k1, "labels"))[1]))
presence <- grep("^SF\\.[A-Z][0-9]+\\.presence$", names(data), value = TRUE)
areas <- sub("^SF\\.([A-Z])[0-9]+\\.presence$", "\\1", presence)
for (r in unique(data$round_pid)) {
  rows <- data$round_pid == r
  factor_scores <- vapply(presence,
                          function(n) (mean(ketenregie_codes(data[[n]])[rows], na.rm = TRUE) - 1) / 4 * 100, 0)
  for (a in unique(areas)) {
    s <- factor_scores[areas == a]
    s <- s[!is.nan(s)]
    if (length(s) > 0) cat("RESULT area.", r, ".", a, " ", format(mean(s), digits = 15), "\n", sep = "")
  }
}
'''


def test_r_reads_the_wide_csv_with_distinct_codes_na_for_missing_and_the_app_area_scores(exported, tmp_path):
    client, rounds, codebook = exported["client"], exported["rounds"], exported["codebook"]
    csv_path = _save(client, tmp_path, layout="wide", format="csv")
    syntax = _save(client, tmp_path, layout="wide", format="r")
    result = _rscript(syntax, R_WIDE_CHECKS)
    rows = _csv_rows(csv_path)
    assert int(result["items"]) == len(codebook.items)
    assert int(result["distinct_labels"]) == len(codebook.items)  # presence and importance stay apart
    for item in codebook.items:
        code = item["code"]
        cells = [row[code] for row in rows]
        missing = sum(1 for cell in cells if cell and int(cell) in MISSING)
        assert int(result[f"missing.{code}"]) == missing
        assert int(result[f"na.{code}"]) == missing + cells.count("")
    order = _round_order(rounds)
    computed = {}
    for key, value in result.items():
        if key.startswith("area."):
            _prefix, round_pid, area = key.split(".")
            computed[(order[round_pid], area)] = float(value)
    _assert_areas(computed, rounds)


R_LONG_CHECKS = r'''
stopifnot(is.factor(data$item))
cat("RESULT levels ", nlevels(data$item), "\n", sep = "")
cat("RESULT distinct_labels ", length(unique(names(attr(data$item, "labels")))), "\n", sep = "")
cat("RESULT observed ", length(unique(as.character(data$item))), "\n", sep = "")
cat("RESULT value_na ", sum(is.na(data$value)), "\n", sep = "")
cat("RESULT value_missing ", sum(!is.na(data$value_missing)), "\n", sep = "")
stopifnot(!any(data$value %in% ketenregie_missing_codes))
'''


@pytest.mark.parametrize("options", [{}, {"semicolon": "on", "bom": "on"}])
def test_r_reads_the_long_csv_with_every_item_code_distinct(exported, tmp_path, options):
    client, codebook = exported["client"], exported["codebook"]
    csv_path = _save(client, tmp_path, layout="long", format="csv", **options)
    syntax = _save(client, tmp_path, layout="long", format="r", **options)
    result = _rscript(syntax, R_LONG_CHECKS)
    rows = _csv_rows(csv_path, delimiter=";" if options else ",")
    assert int(result["levels"]) == int(result["distinct_labels"]) == len(codebook.items)
    assert int(result["observed"]) == len({row["item"] for row in rows})
    missing = sum(1 for row in rows if int(row["value"]) in MISSING)
    assert missing > 0
    assert int(result["value_na"]) == int(result["value_missing"]) == missing


R_SCORES_CHECKS = r'''
for (i in seq_len(nrow(data))) for (a in c("K", "P", "N", "O", "C", "X")) {
  v <- data[[paste0(a, "_presence")]][i]
  stopifnot(is.numeric(v))
  if (!is.na(v)) cat("RESULT area.", data$round_pid[i], ".", a, " ", format(v, digits = 15), "\n", sep = "")
}
'''


@pytest.mark.parametrize("options", [{}, {"semicolon": "on", "bom": "on"}, {"semicolon": "on"}])
def test_r_reads_the_scores_in_every_csv_variant(exported, tmp_path, options):
    client, rounds = exported["client"], exported["rounds"]
    _save(client, tmp_path, layout="scores", format="csv", **options)
    syntax = _save(client, tmp_path, layout="scores", format="r", **options)
    result = _rscript(syntax, R_SCORES_CHECKS)
    order = _round_order(rounds)
    _assert_areas({(order[k.split(".")[1]], k.split(".")[2]): float(v) for k, v in result.items()}, rounds)


def test_r_syntax_refuses_the_other_csv_variant(exported, tmp_path):
    client = exported["client"]
    other = _save(client, tmp_path, layout="wide", format="csv", semicolon="on")
    syntax = _save(client, tmp_path, layout="wide", format="r")
    script = syntax.read_text(encoding="utf-8").replace(syntax.name.replace(".R", ".csv"), other.name)
    (tmp_path / "wrong.R").write_text(script, encoding="utf-8")
    done = subprocess.run(["Rscript", "--vanilla", "wrong.R"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "is not the file this syntax was written for" in done.stderr


# ---- PSPP ----------------------------------------------------------------------------------------------


def _presence_columns(codebook) -> dict[str, list[str]]:
    areas: dict[str, list[str]] = {}
    for item in codebook.items:
        match = re.fullmatch(r"SF\.([A-Z])\d+\.presence", item["code"])
        if match:
            areas.setdefault(match.group(1), []).append(item["code"])
    return areas


def _pspp_area_checks(codebook) -> str:
    areas = _presence_columns(codebook)
    names = [code for codes in areas.values() for code in codes]
    aggregates = "\n".join(f"  /m{i} = MEAN({code})" for i, code in enumerate(names))
    computes = []
    for area, codes in areas.items():
        terms = ", ".join(f"(m{names.index(code)} - 1) / 4 * 100" for code in codes)
        computes.append(f"COMPUTE area_{area} = MEAN({terms}).")
    return "\n".join([
        "SORT CASES BY round_pid.",
        "AGGREGATE OUTFILE=* /BREAK=round_pid",
        aggregates + ".",
        *computes,
        f"SAVE TRANSLATE /OUTFILE='areas.csv' /TYPE=CSV /FIELDNAMES /REPLACE"
        f" /TEXTOPTIONS DECIMAL=DOT /KEEP=round_pid {' '.join(f'area_{a}' for a in areas)}.",
        "",
    ])


def _pspp_areas(path: Path, rounds) -> dict[tuple[int, str], float]:
    order = _round_order(rounds)
    computed = {}
    for row in _csv_rows(path):
        for name, value in row.items():
            if name.startswith("area_") and value.strip():
                computed[(order[row["round_pid"].strip()], name.removeprefix("area_"))] = float(value)
    return computed


@pytest.mark.parametrize("options", [{}, {"semicolon": "on", "bom": "on"}])
def test_pspp_reads_the_wide_csv_with_missing_codes_as_missing_and_the_app_area_scores(exported, tmp_path, options):
    client, rounds, codebook = exported["client"], exported["rounds"], exported["codebook"]
    _save(client, tmp_path, layout="wide", format="csv", **options)
    syntax = _save(client, tmp_path, layout="wide", format="sps", **options)
    _pspp(syntax, _pspp_area_checks(codebook))
    _assert_areas(_pspp_areas(tmp_path / "areas.csv", rounds), rounds)


PSPP_LONG_CHECKS = """
STRING item_code (A40).
COMPUTE item_code = item.
COMPUTE is_missing = MISSING(value).
COMPUTE is_sysmis = SYSMIS(value).
SAVE TRANSLATE /OUTFILE='long.csv' /TYPE=CSV /FIELDNAMES /REPLACE /CELLS=LABELS
  /KEEP=item_code item value is_missing is_sysmis.
"""


def test_pspp_reads_the_long_csv_with_distinct_item_labels_and_missing_values(exported, tmp_path):
    client, rounds, codebook = exported["client"], exported["rounds"], exported["codebook"]
    _save(client, tmp_path, layout="long", format="csv")
    syntax = _save(client, tmp_path, layout="long", format="sps")
    _pspp(syntax, PSPP_LONG_CHECKS)
    rows = _csv_rows(tmp_path / "long.csv")
    assert len(rows) == Answer.objects.filter(response__round__in=rounds).count()
    label_of: dict[str, set[str]] = {}
    for row in rows:
        label_of.setdefault(row["item_code"].strip(), set()).add(row["item"].strip())
    assert all(len(labels) == 1 for labels in label_of.values())
    labels = [next(iter(labels)) for labels in label_of.values()]
    assert len(set(labels)) == len(labels) == len(codebook.items)  # no two items share a label
    stored = Answer.objects.filter(response__round__in=rounds, value__isnull=True).count()
    flagged = sum(1 for row in rows if row["is_missing"].strip() == "1")
    assert flagged == stored > 0
    assert all(row["is_sysmis"].strip() == "0" for row in rows)  # -9 is user-missing, not system-missing
    weet_niet = {label for _code, label in missing_values()}
    assert {row["value"].strip() for row in rows if row["is_missing"].strip() == "1"} <= weet_niet


def test_pspp_reads_the_scores_with_decimal_comma(exported, tmp_path):
    client, rounds = exported["client"], exported["rounds"]
    _save(client, tmp_path, layout="scores", format="csv", semicolon="on", bom="on")
    syntax = _save(client, tmp_path, layout="scores", format="sps", semicolon="on", bom="on")
    areas = ["K", "P", "N", "O", "C", "X"]
    _pspp(syntax, "".join(f"COMPUTE area_{a} = {a}_presence.\n" for a in areas)
          + "SAVE TRANSLATE /OUTFILE='areas.csv' /TYPE=CSV /FIELDNAMES /REPLACE /TEXTOPTIONS DECIMAL=DOT"
          f" /KEEP=round_pid {' '.join(f'area_{a}' for a in areas)}.\n")
    computed = _pspp_areas(tmp_path / "areas.csv", rounds)
    assert computed  # the decimal-comma numbers were read, not system-missing
    _assert_areas(computed, rounds)
