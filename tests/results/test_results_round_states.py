"""Round states read right: a draft has no results or report anywhere, a closed round leads members to them."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from rounds.models import RoundStatus
from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db


def _result_urls(network, round) -> list[str]:
    args = [network.slug, round.slug]
    return [reverse(name, args=args) for name in (
        "results:dashboard", "results:mine", "reports:html", "reports:pdf", "reports:personal_html",
        "research:benchmark")]


def test_a_draft_round_has_no_results_and_says_why(client_for, network, coordinator, instrument):
    draft = make_round(network=network, slug="concept", status=RoundStatus.DRAFT)
    client = client_for(coordinator)
    for url in _result_urls(network, draft):
        response = client.get(url)
        assert response.status_code == 403, url
        assert 'data-reason="draft"' in response.content.decode(), url
        assert "nog een concept" in response.content.decode(), url
    data = client.get(reverse("results:json", args=[network.slug, draft.slug])).json()
    assert data["reason"] == "draft" and "concept" in data["error"]


def test_the_draft_round_page_offers_no_results_or_report_links(client_for, network, coordinator, instrument):
    draft = make_round(network=network, slug="concept", status=RoundStatus.DRAFT)
    page = client_for(coordinator).get(reverse("rounds:detail", args=[network.slug, draft.slug])).content.decode()
    assert 'id="draft-no-results"' in page
    for url in _result_urls(network, draft):
        assert f'href="{url}"' not in page


def test_a_member_asking_for_an_open_round_learns_when_it_closes(client_for, network, member, instrument):
    running = make_round(network=network, slug="loopt", status=RoundStatus.OPEN,
                         closes_on=datetime.date(2026, 12, 18))
    response = client_for(member).get(reverse("reports:html", args=[network.slug, running.slug]))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'data-reason="open"' in page and "18 december 2026" in page


def test_the_overview_of_a_closed_round_links_to_the_comparison_with_its_closing_date(network, member, instrument):
    round = make_round(network=network, slug="klaar")
    round.closed_at = timezone.make_aware(datetime.datetime(2026, 11, 20, 14, 0))
    response = add_response(round=round, answers={"KO.1": 2}, user=member)
    html = render_to_string("rounds/respond/_partials/overview_comparison.html", {"round": round, "response": response})
    assert "20 november 2026" in html
    assert reverse("results:mine", args=[network.slug, round.slug]) in html
    assert reverse("reports:personal_html", args=[network.slug, round.slug]) in html
    assert "Zodra" not in html


def test_the_overview_of_an_open_round_gives_the_planned_closing_date(network, member, instrument):
    round = make_round(network=network, slug="open", status=RoundStatus.OPEN, closes_on=datetime.date(2027, 1, 15))
    response = add_response(round=round, answers={"KO.1": 2}, user=member, submitted=False)
    html = render_to_string("rounds/respond/_partials/overview_comparison.html", {"round": round, "response": response})
    assert "15 januari 2027" in html
    assert reverse("results:mine", args=[network.slug, round.slug]) not in html
