"""The report's charts are the dashboard's: the same round gives the same SVG, byte for byte, in both."""

import re

import pytest
from django.urls import reverse

from tests.reports.report_testkit import make_round, members, respond

pytestmark = pytest.mark.django_db

CHARTS = ("results-radar", "results-matrix", "results-phases", "results-challenges")


def _svg(page: str, chart_id: str) -> str:
    found = re.findall(rf'<svg[^>]*\bid="{chart_id}".*?</svg>', page, flags=re.S)
    assert len(found) == 1, f"{chart_id}: {len(found)} charts"
    return found[0]


def _pages(client, round) -> tuple[str, str]:
    kwargs = {"network_slug": round.network.slug, "round_slug": round.slug}
    dashboard = client.get(reverse("results:dashboard", kwargs=kwargs))
    report = client.get(reverse("reports:html", kwargs=kwargs))
    assert dashboard.status_code == 200 and report.status_code == 200
    return dashboard.content.decode(), report.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dashboard_and_report_show_identical_charts_for_the_same_round(
        client_for, coordinator, network, make_membership, language):
    round = make_round(network=network)
    # Different answers per person, so the charts carry real, unequal numbers rather than one flat value.
    for default, user in zip((1, 2, 4, 5), members(network=network, count=4, make_membership=make_membership),
                             strict=True):
        respond(round=round, user=user, default=default)
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    dashboard, report = _pages(client, round)
    assert f'lang="{language}"' in report
    for chart_id in CHARTS:
        assert _svg(dashboard, chart_id) == _svg(report, chart_id), chart_id
    assert "<circle" in _svg(report, "results-matrix") or "<path" in _svg(report, "results-matrix")


def test_report_radar_compares_with_the_previous_round_as_the_dashboard_does(
        client_for, coordinator, network, make_membership):
    people = members(network=network, count=3, make_membership=make_membership)
    earlier = make_round(network=network, slug="ronde-0", name="Najaar 2025")
    for user in people:
        respond(round=earlier, user=user, default=2)
    round = make_round(network=network)
    for user in people:
        respond(round=round, user=user, default=4)
    dashboard, report = _pages(client_for(coordinator), round)
    radar = _svg(report, "results-radar")
    assert radar == _svg(dashboard, "results-radar")
    assert "Vorige ronde" in radar
