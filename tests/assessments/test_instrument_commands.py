"""The load_instruments and codebook management commands."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.models import Instrument
from tests.assessments.instrument_testkit import SHIPPED_V1, find
from tests.must import present

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_instruments_without_paths_loads_the_shipped_files(shipped):
    shipped.delete()
    output = _run("load_instruments")
    assert "assessments/instruments/ketenregie-v1.yaml: ketenregie v1 (published): aangemaakt met" in output
    assert Instrument.objects.filter(slug="ketenregie", version=1).exists()
    again = _run("load_instruments")
    assert "ketenregie v1 (published): geladen met" in again and "al gelijk aan het bestand" in again


def test_load_instruments_on_a_fresh_database_says_what_is_loaded(shipped):
    """The migrations already load the shipped files; the command must not then sound as if nothing is there."""
    output = _run("load_instruments")
    items = shipped.items.count()
    assert f"ketenregie v1 (published): geladen met {items} items" in output
    assert "niets geschreven" not in output and "ongewijzigd" not in output


def test_load_instruments_reports_each_file(proef_path, v2_path, shipped):
    output = _run("load_instruments", str(proef_path), str(v2_path))
    lines = output.strip().splitlines()
    assert len(lines) == 2
    assert "proef v1 (published): aangemaakt met 6 items" in lines[0]
    assert "ketenregie v9 (published): aangemaakt met 1 items" in lines[1]


def test_load_instruments_refuses_a_bad_file_and_loads_nothing(proef_path, proef_data, write_instrument):
    find(proef_data, "KO.1")["scale"] = "onbekend"
    bad = write_instrument(proef_data, name="kapot-v2.yaml")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_instruments", str(proef_path), str(bad), stdout=StringIO())
    assert "kapot-v2.yaml: item KO.1: onbekende schaal 'onbekend'" in str(excinfo.value)
    assert not Instrument.objects.filter(slug="proef").exists()


def test_load_instruments_refuses_changes_to_a_locked_version(proef, lock, proef_data, write_instrument):
    lock(proef)
    find(proef_data, "KO.1")["label"]["nl"] = "Anders"
    with pytest.raises(CommandError, match="vergrendeld"):
        call_command("load_instruments", str(write_instrument(proef_data)), stdout=StringIO())


def test_load_instruments_exits_non_zero_on_a_bad_file(proef_data, write_instrument):
    import subprocess
    import sys

    from django.conf import settings

    find(proef_data, "KO.1")["text"] = {"nl": "Alleen Nederlands"}
    bad = write_instrument(proef_data)
    completed = subprocess.run([sys.executable, "manage.py", "load_instruments", str(bad)], cwd=settings.BASE_DIR,
                               capture_output=True, text=True, timeout=120,
                               env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "ketenregie.settings.test"})
    assert completed.returncode != 0
    assert "item KO.1: vertaling ontbreekt: 'text.en' is leeg" in completed.stderr


def test_codebook_command_prints_json_of_the_latest_published_version(shipped):
    latest = present(Instrument.objects.latest_published())
    data = json.loads(_run("codebook", "--format", "json"))
    assert data["instrument"]["version"] == latest.version == 2
    assert {i["code"] for i in data["items"]} == set(latest.items.values_list("code", flat=True))


def test_codebook_command_prints_csv_for_a_chosen_version(shipped, v2_path):
    _run("load_instruments", str(v2_path))
    rows = list(csv.DictReader(io.StringIO(_run("codebook", "--version", "1", "--format", "csv"))))
    assert len(rows) == shipped.items.count()
    assert rows[0]["version"] == "1"
    latest = list(csv.DictReader(io.StringIO(_run("codebook", "--format", "csv"))))
    assert [r["code"] for r in latest] == ["SF.K1.presence"]


def test_codebook_command_can_add_a_bom_for_excel(shipped):
    assert _run("codebook", "--format", "csv", "--bom").startswith("\ufeff")
    assert not _run("codebook", "--format", "csv").startswith("\ufeff")


def test_codebook_command_refuses_an_unknown_version(shipped):
    with pytest.raises(CommandError, match="Versie 7 van 'ketenregie' bestaat niet"):
        _run("codebook", "--version", "7")


def test_codebook_command_for_another_slug(proef):
    data = json.loads(_run("codebook", "--slug", "proef"))
    assert data["instrument"]["slug"] == "proef"


def test_the_shipped_file_is_the_one_loaded(shipped):
    assert shipped.source_file == "assessments/instruments/ketenregie-v1.yaml"
    assert SHIPPED_V1.exists()
