"""The published JSON Schemas of the instrument and advice files (docs/*.schema.json) are the models' own."""

import json
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator

from assessments.loader import shipped_instrument_paths
from reports.advice import ADVICE_DIR
from reports.management.commands.file_schemas import file_schemas

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((DOCS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_committed_schemas_equal_the_generated_ones():
    generated = file_schemas()
    assert sorted(path.name for path in generated) == ["advice.schema.json", "instrument.schema.json"]
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run manage.py file_schemas"
    call_command("file_schemas", "--check")


def test_check_fails_on_a_stale_schema_and_writing_fixes_it(tmp_path, settings):
    shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("*.png", "screenshots"))
    settings.BASE_DIR = tmp_path
    (tmp_path / "docs" / "advice.schema.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="advice.schema.json"):
        call_command("file_schemas", "--check")
    call_command("file_schemas")
    call_command("file_schemas", "--check")


@pytest.mark.parametrize("path", shipped_instrument_paths(), ids=lambda path: path.name)
def test_the_shipped_instrument_files_pass_the_published_schema(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(_validator("instrument.schema.json").iter_errors(data)) == []


@pytest.mark.parametrize("path", sorted(ADVICE_DIR.glob("advice-v*.yaml")), ids=lambda path: path.name)
def test_the_shipped_advice_files_pass_the_published_schema(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(_validator("advice.schema.json").iter_errors(data)) == []


def test_the_schemas_flag_what_the_loaders_refuse():
    """An editor checking against the schema sees the typo, the missing translation and the unquoted seed file."""
    instrument = yaml.safe_load(shipped_instrument_paths()[0].read_text(encoding="utf-8"))
    item = instrument["modules"][0]["dimensions"][0]["items"][0]
    item["txet"] = item.pop("text")
    item["label"].pop("en")
    item["source"]["file"] = 4
    messages = [error.message for error in _validator("instrument.schema.json").iter_errors(instrument)]
    assert any("'txet' was unexpected" in m for m in messages)
    assert any("'text' is a required property" in m for m in messages)
    assert any("'en' is a required property" in m for m in messages)
    assert any("4 is not of type 'string'" in m for m in messages)

    advice = yaml.safe_load((ADVICE_DIR / "advice-v2.yaml").read_text(encoding="utf-8"))
    advice["recommendations"][0]["applies_to"] = ["SF.Z9"]
    advice["recommendations"][0]["source"]["lines"] = "12 to 14"
    messages = [error.message for error in _validator("advice.schema.json").iter_errors(advice)]
    assert any("'SF.Z9' does not match" in m for m in messages)
    assert any("'12 to 14' does not match" in m for m in messages)
