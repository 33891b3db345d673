"""Percentile bands among comparable networks: shown only with at least five other consenting networks."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from networks.models import NetworkForm
from research.models import RoundScoreSnapshot
from research.selectors import network_percentile_bands
from research.services import round_score_snapshot_refresh
from rounds.models import RoundStatus


@pytest.fixture
def scored_round(make_round):
    """A closed round whose success-factor area K has presence (value - 1) * 25, stored as a snapshot."""

    def make(network, value: int, **kwargs):
        round_ = make_round(network=network, answers={"SF.K1.presence": lambda i: value}, **kwargs)
        round_score_snapshot_refresh(round=round_)
        return round_

    return make


@pytest.fixture
def own(network, scored_round):
    network.research_consent = True  # only a network that shares its data is compared (see below)
    network.save()
    return scored_round(network, 4)  # K presence 75


@pytest.fixture
def peers(consenting, scored_round):
    return [scored_round(consenting(form=NetworkForm.LINEAR), value) for value in (1, 2, 3, 4, 5)]


def test_band_is_shown_with_five_other_consenting_networks(own, peers):
    result = network_percentile_bands(round=own)
    assert result.available and result.peers == 5
    area = {a.code: a for a in result.areas}["K"]
    assert (area.own, area.p25, area.p50, area.p75) == (75.0, 25.0, 50.0, 75.0)
    assert area.band == 4  # on the P75 boundary: counted in the band above it
    assert "bovenste kwart" in area.band_label


def test_four_other_networks_are_not_enough(own, peers):
    peers[0].network.research_consent = False
    peers[0].network.save()
    result = network_percentile_bands(round=own)
    assert not result.available and result.areas == ()
    assert result.peers == 4
    assert "minder dan 5" in result.reason


def test_own_network_and_its_other_rounds_never_count(own, scored_round, consenting, network):
    for value in (1, 2, 3, 4):
        scored_round(consenting(), value)
    scored_round(network, 5, closes_on=dt.date(2025, 1, 1))
    result = network_percentile_bands(round=own)
    assert not result.available and result.peers == 4


def test_only_the_latest_closed_round_of_a_peer_counts(own, peers, scored_round):
    # An older round of the first peer must not add a sixth value.
    scored_round(peers[0].network, 5, closes_on=dt.date(2019, 1, 1))
    result = network_percentile_bands(round=own)
    assert result.peers == 5
    assert {a.code: a for a in result.areas}["K"].p25 == 25.0


def test_open_peer_rounds_and_small_peer_rounds_do_not_count(own, peers, make_round, consenting):
    make_round(network=consenting(), status=RoundStatus.OPEN)
    small = make_round(network=consenting(), respondents=2)
    round_score_snapshot_refresh(round=small)
    assert network_percentile_bands(round=own).peers == 5


def test_filters_narrow_the_comparison(own, peers):
    assert network_percentile_bands(round=own, form=NetworkForm.LINEAR).available
    hidden = network_percentile_bands(round=own, form=NetworkForm.DIFFUSE)
    assert not hidden.available and hidden.peers == 0
    assert hidden.filters["form"] == NetworkForm.DIFFUSE


def test_round_below_the_group_size_gets_no_comparison(consenting, make_round, peers):
    small = make_round(network=consenting(), respondents=2)
    result = network_percentile_bands(round=small)
    assert not result.available and "minder dan 3" in result.reason


def test_partial_renders_table_or_note(own, peers):
    shown = render_to_string("research/_partials/benchmark.html", {"benchmark": network_percentile_bands(round=own)})
    assert 'data-area="K"' in shown and "P75" in shown
    peers[0].network.research_consent = False
    peers[0].network.save()
    hidden = render_to_string("research/_partials/benchmark.html",
                              {"benchmark": network_percentile_bands(round=own)})
    assert "data-area" not in hidden and "benchmark-hidden" in hidden


def test_benchmark_page_shows_the_bands(client_for, member, own, peers):
    response = client_for(member).get(reverse("research:benchmark", args=[own.network.slug, own.slug]))
    assert response.status_code == 200
    assert response.context["benchmark"].available
    assert 'data-area="K"' in response.content.decode()


def test_benchmark_reads_a_constant_number_of_queries(own, peers, consenting, scored_round,
                                                      django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        network_percentile_bands(round=own)
    for value in (1, 2, 3, 4, 5):
        scored_round(consenting(), value)
    with django_assert_max_num_queries(4):
        assert network_percentile_bands(round=own).peers == 10


# --- snapshots follow the round's status ---


def test_closing_a_round_stores_its_scores(network, make_round, django_capture_on_commit_callbacks):
    from rounds.services.rounds import round_close

    round_ = make_round(network=network, status=RoundStatus.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        round_close(round=round_)
    overall = RoundScoreSnapshot.objects.get(round=round_, area="overall")
    assert overall.respondents == 3


def test_a_reopened_round_no_longer_counts_as_a_peer(own, peers):
    from rounds.services.rounds import round_open

    round_open(round=peers[0])
    result = network_percentile_bands(round=own)
    assert not result.available and result.peers == 4


def test_a_network_without_consent_sees_no_benchmark(own, peers, client_for, member):
    own.network.research_consent = False
    own.network.save()
    result = network_percentile_bands(round=own)
    assert not result.available and result.areas == ()
    assert "geen toestemming" in result.reason
    page = client_for(member).get(
        reverse("research:benchmark", args=[own.network.slug, own.slug]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "geen toestemming" in content and "P25" not in content
