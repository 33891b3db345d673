"""Load the shipped instrument files, so that `migrate` alone yields a usable questionnaire.

Uses the historical models of this point in the migration graph; the loader skips fields those models do not
know, so later schema changes cannot break this step (see assessments/loader.py).
"""

from django.db import migrations


def load_shipped_instruments(apps, schema_editor):
    from assessments.loader import InstrumentModels, instrument_files_load, shipped_instrument_paths

    paths = shipped_instrument_paths()
    if paths:
        instrument_files_load(paths=paths, models=InstrumentModels.from_apps(apps))


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_shipped_instruments, migrations.RunPython.noop),
    ]
