"""Start the consent history with the state networks already had before the history existed."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    ConsentEvent = apps.get_model("research", "ConsentEvent")
    events = [
        ConsentEvent(network_id=pk, granted=True, user_id=user_id, at=at or timezone.now())
        for pk, user_id, at in Network.objects.filter(research_consent=True).values_list(
            "pk", "research_consent_by_id", "research_consent_at")
        if not ConsentEvent.objects.filter(network_id=pk).exists()
    ]
    ConsentEvent.objects.bulk_create(events)


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
