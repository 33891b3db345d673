"""Load the shipped instrument files again, so that an existing database gets version 2.

Version 2 offers "weet niet" and "niet van toepassing" apart (Instrument.offers_not_applicable) and marks the
direction of the complexity module (Module.higher_means), fields that 0002's historical models do not have. The
loader is idempotent: an unchanged file (version 1) causes no writes; a version 0002 loaded without those fields
(no checksum stored) is completed here.
"""

from django.db import migrations


def load_shipped_instruments(apps, schema_editor):
    from assessments.loader import InstrumentModels, instrument_files_load, shipped_instrument_paths

    paths = shipped_instrument_paths()
    if paths:
        instrument_files_load(paths=paths, models=InstrumentModels.from_apps(apps))


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0005_answer_options_and_module_direction"),
        ("rounds", "0004_answer_not_applicable"),
    ]

    operations = [
        migrations.RunPython(load_shipped_instruments, migrations.RunPython.noop),
    ]
