"""The data migration loads the shipped files with historical models, so `migrate` alone gives an instrument."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments import schema
from assessments.loader import InstrumentModels, instrument_files_load, shipped_instrument_paths
from assessments.models import Instrument, Item

pytestmark = pytest.mark.django_db

MIGRATION = ("assessments", "0002_load_shipped_instruments")


def _historical_apps():
    return MigrationExecutor(connection).loader.project_state(MIGRATION).apps


def test_migrate_alone_yields_the_published_instrument():
    """The test database was built by running the migrations."""
    instrument = Instrument.objects.latest_published()
    assert instrument is not None and instrument.slug == "ketenregie"
    assert instrument.items.count() > 90


def test_the_migration_function_loads_with_historical_models():
    Instrument.objects.filter(slug="ketenregie").delete()
    module = importlib.import_module("assessments.migrations.0002_load_shipped_instruments")
    module.load_shipped_instruments(_historical_apps(), None)
    instrument = Instrument.objects.get(slug="ketenregie", version=1)
    assert Item.objects.filter(instrument=instrument, code="MK.phase").exists()
    assert instrument.checksum  # every field existed, so the load is complete


def test_fields_a_model_lacks_are_skipped_and_the_load_left_incomplete(monkeypatch):
    """Stands in for a schema at migration time that lacks a field the current loader writes."""
    Instrument.objects.filter(slug="ketenregie").delete()
    real_item_row = schema._item_row
    monkeypatch.setattr(schema, "_item_row", lambda *a, **kw: {**real_item_row(*a, **kw), "weight": 2})
    instrument_files_load(paths=shipped_instrument_paths(), models=InstrumentModels.from_apps(_historical_apps()))
    instrument = Instrument.objects.get(slug="ketenregie", version=1)
    assert instrument.items.count() > 90
    assert instrument.checksum == ""  # so that the next load_instruments completes the load
    monkeypatch.undo()
    assert instrument_files_load(paths=shipped_instrument_paths())[0].action == "checksum"
    assert Instrument.objects.get(pk=instrument.pk).checksum


def test_the_loader_works_before_the_rounds_tables_exist():
    apps = MigrationExecutor(connection).loader.project_state([MIGRATION]).apps
    models = InstrumentModels.from_apps(apps)
    assert models.Answer is None  # rounds is not an ancestor of this migration: no answers to check
