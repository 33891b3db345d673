"""What the dashboard shows, what it hides below the minimum group size, and what it costs in queries."""

import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from networks.models import Level, Organisation, Partnership, Sector
from rounds.models import Invitation, RoundStatus
from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _full_answers(rng: random.Random, specs) -> dict:
    return {code: rng.choice([*values, None]) for code, values in specs.items()}


def _answer_space(round) -> dict[str, list[int]]:
    from assessments.models import Item

    space = {}
    for code, scale_id in Item.objects.filter(instrument=round.instrument).values_list("code", "scale_id"):
        from assessments.models import ScaleOption

        space[code] = list(ScaleOption.objects.filter(scale_id=scale_id).values_list("value", flat=True))
    return space


def _populate(round, n: int, *, seed: int = 1) -> None:
    rng = random.Random(seed)
    space = _answer_space(round)
    partners = [p.organisation for p in Partnership.objects.filter(network=round.network).select_related(
        "organisation")]
    for i in range(n):
        add_response(round=round, answers=_full_answers(rng, space), organisation=partners[i % len(partners)],
                     level=Level.values[i % 3], role=["ketenpartner", "professional"][i % 2])


@pytest.fixture
def dashboard_url(network):
    def url(round, name="results:dashboard"):
        return reverse(name, args=[network.slug, round.slug])

    return url


def test_dashboard_shows_every_section_with_tables(client_for, network, coordinator, instrument, dashboard_url):
    network.claimed_phase = 4
    network.save()
    round = make_round(network=network, slug="r", optional=("KW", "CX", "BB", "RL"))
    _populate(round, 9)
    page = client_for(coordinator).get(dashboard_url(round)).content.decode()
    for marker in ("results-radar", "results-matrix", "results-phases", "results-challenges",
                   "results-heatmap-organisation", "results-heatmap-level", "table-areas", "table-matrix",
                   "table-phases", "table-challenges", "table-disputed", "table-dimensions"):
        assert marker in page, marker
    assert page.count("<svg") >= 6
    assert "id=\"phase-mismatch\"" in page  # random answers do not reach phase 4
    assert "Nog te weinig respondenten" not in page
    assert "<script>" not in page


def test_below_the_minimum_the_dashboard_shows_a_notice_instead_of_results(client_for, network, coordinator,
                                                                          instrument, dashboard_url):
    round = make_round(network=network, slug="klein")
    add_response(round=round, answers={"SF.K1.presence": 5, "KO.3": 3})
    add_response(round=round, answers={"SF.K1.presence": 1, "KO.3": 0})
    client = client_for(coordinator)
    page = client.get(dashboard_url(round)).content.decode()
    assert 'id="suppressed-notice"' in page
    assert "results-heatmap" not in page and "table-matrix" not in page and "results-radar" not in page
    data = client.get(dashboard_url(round, "results:json")).json()
    assert data["reportable"] is False and data["respondents"] == 2
    assert "items" not in data and "breakdowns" not in data and "factors" not in data


def test_small_groups_are_suppressed_with_a_notice(client_for, network, coordinator, instrument, dashboard_url):
    # Sizes 4, 3 and 1 (docs/scoring.md's example): the 1 cannot be shown, and showing the 3 beside the
    # network total would reveal it, so only the group of 4 appears.
    round = make_round(network=network, slug="groepen")
    big, middle = [p.organisation for p in Partnership.objects.filter(network=network).select_related("organisation")]
    small = Organisation.objects.create(name="Kleine Stichting", sector=Sector.WELFARE)
    Partnership.objects.create(network=network, organisation=small)
    for organisation, size in ((big, 4), (middle, 3), (small, 1)):
        for _ in range(size):
            add_response(round=round, organisation=organisation, answers={"SF.K1.presence": 4})
    page = client_for(coordinator).get(dashboard_url(round)).content.decode()
    assert big.name in page
    assert middle.name not in page and small.name not in page  # never named, not even in a notice
    assert 'data-suppressed="some"' in page


def test_trend_appears_when_an_earlier_round_exists(client_for, network, member, instrument, dashboard_url):
    earlier = make_round(network=network, slug="2023", closes_on=date(2023, 5, 1))
    for value in (1, 2, 3):
        add_response(round=earlier, answers={"SF.K1.presence": value})
    later = make_round(network=network, slug="2024", closes_on=date(2024, 5, 1))
    for value in (4, 5, 5):
        add_response(round=later, answers={"SF.K1.presence": value})
    client = client_for(member)
    page = client.get(dashboard_url(later)).content.decode()
    assert 'id="table-trend"' in page and "results-trend" in page
    assert earlier.name in page
    assert 'id="table-trend"' not in client.get(dashboard_url(earlier)).content.decode()
    trend = client.get(dashboard_url(later, "results:json")).json()["trend"]
    assert trend["factors"]["SF.K1"]["presence"] == 66.7  # 91.7 - 25.0


def test_response_rate_counts_invitations_and_imports(client_for, make_membership, network, coordinator,
                                                      instrument, dashboard_url):
    round = make_round(network=network, slug="respons", status=RoundStatus.OPEN)
    people = [make_membership(network=network).user for _ in range(4)]
    invitations = [Invitation.objects.create(round=round, user=user) for user in people]
    for invitation in invitations[:3]:
        response = add_response(round=round, user=invitation.user, answers={"KO.1": 1})
        response.invitation = invitation
        response.save()
    add_response(round=round, answers={"KO.1": 2})  # imported from paper: no invitation
    page = client_for(coordinator).get(dashboard_url(round)).content.decode()
    assert "3 van de 4 uitgenodigden" in page and "(75%)" in page
    assert "1 respons van papier" in page


def test_personal_page_below_minimum_shows_own_answers_only(client_for, network, member, instrument,
                                                            dashboard_url):
    round = make_round(network=network, slug="klein")
    add_response(round=round, user=member, answers={"SF.K1.presence": 5, "KO.3": 3})
    add_response(round=round, answers={"SF.K1.presence": 1, "KO.3": 0})
    page = client_for(member).get(dashboard_url(round, "results:mine")).content.decode()
    assert 'id="suppressed-notice"' in page
    assert "Netwerkgemiddelde" not in page and "results-mine-radar" not in page
    assert 'data-item="KO.3"' in page


def test_personal_page_compares_with_the_network(client_for, network, member, instrument, dashboard_url):
    round = make_round(network=network, slug="vergelijk")
    add_response(round=round, user=member, answers={"SF.K1.presence": 5, "KO.3": 3})
    for _ in range(2):
        add_response(round=round, answers={"SF.K1.presence": 1, "KO.3": 0})
    page = client_for(member).get(dashboard_url(round, "results:mine")).content.decode()
    assert "results-mine-radar" in page
    # K1 own 100 vs network (5 + 1 + 1) / 3 = 2.33 -> 33.3; the area K shows the difference +66,7
    assert "+66,7" in page


@override_settings(CACHES=NO_CACHE)
@pytest.mark.parametrize("name", ["results:dashboard", "results:json", "results:mine"])
def test_query_count_does_not_grow_with_respondents(client_for, make_network, make_membership, instrument, name):
    counts = []
    for n in (3, 30):
        network = make_network(partners=3)
        coordinator = make_membership(network=network, role="coordinator").user
        earlier = make_round(network=network, slug="vorige", closes_on=date(2023, 1, 1), optional=("KW",))
        _populate(earlier, n, seed=n)
        round = make_round(network=network, slug="deze", closes_on=date(2024, 1, 1), optional=("KW", "BB"))
        _populate(round, n, seed=n + 1)
        add_response(round=round, user=coordinator, answers={"KO.1": 1, "SF.K1.presence": 3})
        client = client_for(coordinator)
        url = reverse(name, args=[network.slug, round.slug])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@override_settings(CACHES=NO_CACHE)
def test_network_scores_query_count_does_not_grow_with_respondents(make_network, instrument):
    from io import StringIO

    counts = []
    for n in (3, 30):
        network = make_network(partners=3)
        round = make_round(network=network, slug="deze")
        _populate(round, n, seed=n)
        with CaptureQueriesContext(connection) as queries:
            call_command("network_scores", network.slug, "--format", "json", stdout=StringIO())
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_cached_scores_follow_answer_changes(client_for, network, coordinator, instrument, dashboard_url):
    round = make_round(network=network, slug="cache", status=RoundStatus.OPEN)
    for _ in range(3):
        add_response(round=round, answers={"KO.3": 0})
    client = client_for(coordinator)
    assert client.get(dashboard_url(round, "results:json")).json()["challenges"]["KO.3"]["mean"] == 0.0
    with CaptureQueriesContext(connection) as warm:
        client.get(dashboard_url(round, "results:json"))
    assert not any("rounds_answer" in q["sql"] for q in warm.captured_queries)  # served from the cache
    add_response(round=round, answers={"KO.3": 3})  # bumps answers_changed_at
    assert client.get(dashboard_url(round, "results:json")).json()["challenges"]["KO.3"]["mean"] == 0.8


def test_organisations_named_like_markup_are_escaped(client_for, network, coordinator, instrument, dashboard_url):
    evil = Organisation.objects.create(name="<script>alert(1)</script>", sector=Sector.OTHER)
    Partnership.objects.create(network=network, organisation=evil)
    round = make_round(network=network, slug="escape")
    for _ in range(3):
        add_response(round=round, organisation=evil, answers={"SF.K1.presence": 4})
    page = client_for(coordinator).get(dashboard_url(round)).content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(("submitted", "verb"), [(1, "heeft"), (3, "hebben")])
def test_response_rate_agrees_in_number_with_who_submitted(client_for, make_membership, network, coordinator,
                                                           instrument, dashboard_url, submitted, verb):
    round = make_round(network=network, slug=f"respons-{submitted}", status=RoundStatus.OPEN)
    invitations = [Invitation.objects.create(round=round, user=make_membership(network=network).user)
                   for _ in range(4)]
    for invitation in invitations[:submitted]:
        response = add_response(round=round, user=invitation.user, answers={"KO.1": 1})
        response.invitation = invitation
        response.save()
    for _ in range(4 - submitted):
        add_response(round=round, answers={"KO.1": 2})  # paper, so the round is above the minimum either way
    page = client_for(coordinator).get(dashboard_url(round)).content.decode()
    assert f"{submitted} van de 4 uitgenodigden {verb} de vragenlijst ingediend" in page
