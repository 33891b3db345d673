"""Only closed rounds of networks that consent now, only submitted responses, only rounds of at least m."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from networks.models import NetworkForm, Sector
from networks.services import network_set_research_consent
from research.pseudonyms import pseudonym
from rounds.models import RoundStatus
from tests.research.research_testkit import body, download, read_csv


def _round_pids(client, **params) -> set[str]:
    response = download(client, layout="long", format="csv", **params)
    assert response.status_code == 200
    return {row["round_pid"] for row in read_csv(body(response))}


def _command_round_pids(tmp_path, **options) -> set[str]:
    target = tmp_path / "export.csv"
    call_command("export_research", layout="long", format="csv", output=str(target), **options)
    return {row["round_pid"] for row in read_csv(target.read_bytes())}


@pytest.fixture
def data(consenting, make_network, make_round):
    """One eligible round, and one of each kind that must never appear."""
    yes, no = consenting(), make_network(research_consent=False)
    return {
        "eligible": make_round(network=yes),
        "open": make_round(network=yes, status=RoundStatus.OPEN),
        "draft": make_round(network=yes, status=RoundStatus.DRAFT),
        "not_consenting": make_round(network=no),
        "not_submitted": make_round(network=yes, submitted=False),
        "too_small": make_round(network=yes, respondents=2),
    }


def test_web_export_holds_only_eligible_rounds(client_for, researcher, data):
    assert _round_pids(client_for(researcher)) == {pseudonym(kind="round", pk=data["eligible"].pk)}


def test_command_export_holds_only_eligible_rounds(tmp_path, data):
    assert _command_round_pids(tmp_path) == {pseudonym(kind="round", pk=data["eligible"].pk)}


@pytest.mark.parametrize("layout", ["wide", "scores"])
def test_other_layouts_hold_only_eligible_rounds(client_for, researcher, data, layout):
    rows = read_csv(body(download(client_for(researcher), layout=layout, format="csv")))
    assert {row["round_pid"] for row in rows} == {pseudonym(kind="round", pk=data["eligible"].pk)}


def test_counts_match_the_eligible_data(client_for, researcher, data):
    response = client_for(researcher).get(reverse("research:index"))
    counts = response.context["counts"]
    assert (counts.networks, counts.rounds, counts.respondents) == (1, 1, 3)
    assert (counts.suppressed_rounds, counts.suppressed_respondents) == (1, 2)


def test_withdrawing_consent_removes_the_network_from_later_exports(client_for, researcher, data, tmp_path):
    network = data["eligible"].network
    client = client_for(researcher)
    assert _round_pids(client)
    network_set_research_consent(network=network, consent=False, user=researcher)
    assert _round_pids(client) == set()
    assert _command_round_pids(tmp_path) == set()
    scores = read_csv(body(download(client, layout="scores", format="csv")))
    assert scores == []


def test_granting_consent_later_adds_earlier_closed_rounds(client_for, researcher, make_network, make_round):
    network = make_network(research_consent=False)
    round_ = make_round(network=network)
    client = client_for(researcher)
    assert _round_pids(client) == set()
    network_set_research_consent(network=network, consent=True, user=researcher)
    assert _round_pids(client) == {pseudonym(kind="round", pk=round_.pk)}


def test_other_instrument_version_is_not_mixed_in(client_for, researcher, consenting, make_round, instrument):
    make_round(network=consenting())
    from assessments.models import Instrument

    other = Instrument.objects.create(slug="proef", version=1, name_nl="Proef", name_en="Trial")
    response = download(client_for(researcher), layout="long", format="csv", instrument="proef:1")
    assert response.status_code == 200
    assert read_csv(body(response)) == []
    assert other.pk != instrument.pk


# --- filters ---


def test_date_filter_uses_the_rounds_closing_date(client_for, researcher, consenting, make_round):
    network = consenting()
    early = make_round(network=network, closes_on=dt.date(2021, 3, 1))
    late = make_round(network=network, closes_on=dt.date(2024, 3, 1))
    client = client_for(researcher)
    assert _round_pids(client, date_from="2022-01-01") == {pseudonym(kind="round", pk=late.pk)}
    assert _round_pids(client, date_to="2021-12-31") == {pseudonym(kind="round", pk=early.pk)}


def test_sector_filter_means_a_partner_in_that_sector(client_for, researcher, consenting, make_round, add_partner):
    with_welfare, without = consenting(), consenting()
    add_partner(with_welfare, sector=Sector.WELFARE)
    chosen = make_round(network=with_welfare)
    make_round(network=without)
    assert _round_pids(client_for(researcher), sector=Sector.WELFARE) == {pseudonym(kind="round", pk=chosen.pk)}


def test_form_and_phase_filters(client_for, researcher, consenting, make_round):
    linear = make_round(network=consenting(form=NetworkForm.LINEAR, claimed_phase=2))
    make_round(network=consenting(form=NetworkForm.DIFFUSE, claimed_phase=3))
    client = client_for(researcher)
    assert _round_pids(client, form=NetworkForm.LINEAR) == {pseudonym(kind="round", pk=linear.pk)}
    assert _round_pids(client, phase="2") == {pseudonym(kind="round", pk=linear.pk)}
    assert _round_pids(client, form=NetworkForm.LINEAR, phase="3") == set()


def test_command_applies_the_same_filters(tmp_path, consenting, make_round):
    network = consenting(form=NetworkForm.CONFIGURATION)
    make_round(network=network, closes_on=dt.date(2021, 3, 1))
    late = make_round(network=network, closes_on=dt.date(2024, 3, 1))
    pids = _command_round_pids(tmp_path, date_from="2022-01-01", form="configuration", instrument="ketenregie:1")
    assert pids == {pseudonym(kind="round", pk=late.pk)}
