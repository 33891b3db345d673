"""Consent history: every grant and withdrawal is recorded with who and when, through any path."""

from django.urls import reverse

from networks.services import network_set_research_consent
from research.models import ConsentEvent


def test_grant_and_withdraw_through_the_service_are_recorded(network, coordinator):
    network_set_research_consent(network=network, consent=True, user=coordinator)
    network_set_research_consent(network=network, consent=False, user=coordinator)
    events = list(ConsentEvent.objects.filter(network=network).order_by("at", "pk"))
    assert [e.granted for e in events] == [True, False]
    assert all(e.user == coordinator for e in events)
    network.refresh_from_db()
    assert events[-1].at == network.research_consent_at


def test_saving_the_same_state_again_adds_no_event(network, coordinator):
    network_set_research_consent(network=network, consent=True, user=coordinator)
    network_set_research_consent(network=network, consent=True, user=coordinator)
    assert ConsentEvent.objects.filter(network=network).count() == 1


def test_other_edits_of_the_network_add_no_event(network):
    network.description = "Nieuwe beschrijving"
    network.save()
    assert not ConsentEvent.objects.exists()


def test_a_network_created_with_consent_starts_its_history(make_network):
    network = make_network(research_consent=True)
    assert list(ConsentEvent.objects.filter(network=network).values_list("granted", flat=True)) == [True]


def test_coordinator_form_records_the_change_and_the_history_page_shows_it(client_for, coordinator, network):
    client = client_for(coordinator)
    client.post(reverse("networks:research_consent", args=[network.slug]), {"consent": "on"})
    client.post(reverse("networks:research_consent", args=[network.slug]), {})
    assert list(ConsentEvent.objects.filter(network=network).order_by("at", "pk")
                .values_list("granted", flat=True)) == [True, False]
    page = client.get(reverse("research:consent_history", args=[network.slug])).content.decode()
    assert "toestemming gegeven" in page and "toestemming ingetrokken" in page
    assert coordinator.email in page or str(coordinator) in page
