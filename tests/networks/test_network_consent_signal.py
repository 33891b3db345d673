"""One read of the old consent per network save, shared by the audit trail and the consent history."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditAction, AuditEvent
from research.models import ConsentEvent


def _old_consent_reads(queries) -> int:
    return sum(1 for q in queries if q["sql"].lstrip().upper().startswith("SELECT")
               and "research_consent" in q["sql"] and "networks_network" in q["sql"])


def test_a_consent_change_reads_the_old_value_once_and_both_apps_record_it(network):
    network.research_consent = not network.research_consent
    with CaptureQueriesContext(connection) as captured:
        network.save()
    assert _old_consent_reads(captured.captured_queries) == 1
    assert ConsentEvent.objects.filter(network=network, granted=network.research_consent).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.RESEARCH_CONSENT_CHANGED, target=network.slug).count() == 1


def test_a_save_of_other_fields_only_reads_no_old_consent(network):
    network.description = "Andere beschrijving"
    with CaptureQueriesContext(connection) as captured:
        network.save(update_fields=["description"])
    assert _old_consent_reads(captured.captured_queries) == 0
