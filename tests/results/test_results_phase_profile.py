"""The dashboard shows the phase profile (realised / partly / planned / not / unknown), the backlog and the mirror."""

import pytest
from django.urls import reverse

from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db


def _url(network, round):
    return reverse("results:dashboard", args=[network.slug, round.slug])


def test_dashboard_shows_profile_status_backlog_and_mirror(client_for, network, coordinator, instrument):
    round = make_round(network=network)
    values = {f"MK.{p}.{n}": 3 for p in range(1, 5) for n in range(1, 11)}
    values.update({f"MK.2.{n}": 0 for n in range(6, 11)})  # a gap in phase 2
    for _ in range(3):
        add_response(round=round, answers=values)
    page = client_for(coordinator).get(_url(network, round)).content.decode()
    assert 'id="table-phase-profile"' in page
    assert 'data-phase="2" data-status="not_reached"' in page
    assert 'data-phase="4" data-status="reached"' in page
    assert 'data-backlog-phase="2"' in page and 'data-element="MK.2.6"' in page
    assert "Positie van het netwerk: fase 4" in page
    assert 'id="phase-mirror"' in page and "spiegel voor het gesprek" in page


def test_dashboard_says_insufficient_data_instead_of_a_phase(client_for, network, coordinator, instrument):
    round = make_round(network=network)
    for _ in range(3):
        add_response(round=round, answers={"MK.1.1": 3, "MK.1.2": None, "SF.K1.presence": 4})
    page = client_for(coordinator).get(_url(network, round)).content.decode()
    assert "Onvoldoende gegevens" in page
    assert 'data-phase="1" data-status="insufficient"' in page


def test_dashboard_profile_in_english(client_for, network, coordinator, instrument):
    round = make_round(network=network)
    values = {f"MK.{p}.{n}": 2 for p in range(1, 5) for n in range(1, 11)}  # "gedeeltelijk" everywhere
    for _ in range(3):
        add_response(round=round, answers=values)
    client = client_for(coordinator)
    client.cookies["django_language"] = "en"
    page = client.get(_url(network, round), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Position of the network: phase 1" in page
    assert "Partly (%)" in page and "not reached" in page
