"""The report shows the phase profile per phase, the backlog and that the position is a mirror for discussion."""

import pytest
from django.urls import reverse
from django.utils import translation

from reports.content import network_report_get
from tests.must import present
from tests.reports.report_testkit import make_round, members, respond


@pytest.fixture
def people(network, make_membership):
    return members(network=network, count=3, make_membership=make_membership)


def _gap_in_phase_two() -> dict[str, int]:
    # phases 1, 3 and 4 realised, half of phase 2 "nee"
    values = {f"MK.{p}.{n}": 3 for p in range(1, 5) for n in range(1, 11)}
    values.update({f"MK.2.{n}": 0 for n in range(6, 11)})
    return values


def test_report_gives_the_profile_per_phase_and_the_backlog(client_for, coordinator, network, people):
    round = make_round(network=network)
    for user in people:
        respond(round=round, user=user, values=_gap_in_phase_two())
    report = network_report_get(round=round, interim=False)
    profile = present(report.phase_profile)
    assert profile.position == 4
    assert [row.status for row in profile.rows] == ["reached", "not_reached", "reached", "reached"]
    phase2 = dict((category, share) for category, _, share in profile.rows[1].shares)
    assert phase2 == {"realised": 50.0, "partly": 0.0, "planned": 0.0, "not": 50.0, "unknown": 0.0}
    (backlog,) = profile.backlog
    assert backlog.phase == 2 and [e.code for e in backlog.open_elements] == [f"MK.2.{n}" for n in range(6, 11)]
    page = client_for(coordinator).get(reverse("reports:html", kwargs={
        "network_slug": network.slug, "round_slug": round.slug})).content.decode()
    assert 'id="phase-profile"' in page
    assert "Achterstand in fase 2:" in page
    assert "spiegel voor het gesprek" in page
    assert "Positie van het netwerk: fase 4" in page


def test_report_says_when_a_phase_cannot_be_judged(network, people):
    round = make_round(network=network)
    values = {f"MK.{p}.{n}": (3 if p <= 3 else None) for p in range(1, 5) for n in range(1, 11)}
    for user in people:
        respond(round=round, user=user, values={**values, "MK.4.1": 3 if user == people[0] else None})
    with translation.override("en"):
        report = network_report_get(round=round, interim=False)
    profile = present(report.phase_profile)
    assert profile.position == 3
    assert profile.rows[3].status_label == "insufficient data"
    assert "phase 4" in profile.insufficient_text
    assert "mirror" in profile.mirror_text
