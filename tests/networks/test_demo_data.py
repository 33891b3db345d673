"""The demo: the thesis's three networks with only what the thesis states, simulated answers that land where the
thesis places them (seed 004 ch. 5.1 and 5.4), fictional consenting peers for the benchmark, idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from networks.demo import DEMO_LOGINS, DEMO_NETWORKS, DEMO_VERSION, FICTIONAL_NETWORKS, THESIS_NETWORKS
from networks.models import ChainRole, Membership, Network, Partnership
from research.selectors import network_percentile_bands
from rounds.models import Answer, Round, RoundStatus
from scoring.codes import CRITICAL_FACTORS, PRECONDITION_FACTORS
from tests.must import present

THESIS_SLUGS = ("duurzame-jeugdzorg-flevoland", "ketenconvenant-oost-gelderland", "doen-wat-werkt")


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    call_command("load_instruments", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):  # closed rounds store their research snapshots on commit
        call_command("load_demo", stdout=StringIO())


def _scores(slug: str) -> dict:
    out = StringIO()
    call_command("network_scores", slug, stdout=out)
    return json.loads(out.getvalue())


def test_demo_creates_the_three_networks_of_the_thesis_with_their_partners(demo):
    assert set(Network.objects.values_list("slug", flat=True)) >= set(THESIS_SLUGS)
    dww = Network.objects.get(slug="doen-wat-werkt")
    partners = set(Partnership.objects.filter(network=dww).values_list("organisation__name", flat=True))
    assert {"Accare", "Yorneo", "Het Poortje", "Portalis", "Tjallinga Hiem"} <= partners
    assert dww.claimed_phase == 4


def test_thesis_networks_carry_only_the_roles_the_thesis_gives(demo):
    roles = {(p.network.slug, p.organisation.name): set(p.roles)
             for p in Partnership.objects.filter(network__slug__in=THESIS_SLUGS).select_related("network",
                                                                                                "organisation")}
    # The regie lies with the Beleidsgroep Jeugd (seed 004 line 1871), not with Bureau Jeugdzorg Gelderland.
    regie = ("ketenconvenant-oost-gelderland", "Beleidsgroep Jeugd (Oost-Gelderland)")
    assert roles[regie] == {ChainRole.CHAIN_DIRECTOR}
    assert roles[("ketenconvenant-oost-gelderland", "Bureau Jeugdzorg Gelderland")] == {ChainRole.CHAIN_PARTNER}
    assert roles[("ketenconvenant-oost-gelderland", "Provincie Gelderland")] == {ChainRole.FUNDER}  # pilot funding
    others = {key: value for key, value in roles.items() if key[1] not in (
        "Beleidsgroep Jeugd (Oost-Gelderland)", "Provincie Gelderland")}
    assert all(value == {ChainRole.CHAIN_PARTNER} for value in others.values()), others
    # the fictional demo coordinator is not tied to a named organisation
    coordinator = Membership.objects.filter(user__email=DEMO_LOGINS["coordinator"], network__slug__in=THESIS_SLUGS)
    assert set(coordinator.values_list("organisation", flat=True)) == {None}
    for network in Network.objects.filter(demo_version=DEMO_VERSION):
        assert "seed 004" not in network.description and "§" not in network.description
        assert "gesimuleerd" in network.description


@pytest.mark.sqlite_only
def test_calculated_phases_follow_the_thesis_placement(demo):
    phases = {slug: _scores(slug)["minkman"]["calculated_phase"] for slug in THESIS_SLUGS}
    assert phases["duurzame-jeugdzorg-flevoland"] == 1
    assert phases["ketenconvenant-oost-gelderland"] in (2, 3)
    assert phases["doen-wat-werkt"] == 4
    # every closed round of Doen wat werkt, not only the latest
    for round in Round.objects.filter(network__slug="doen-wat-werkt", status=RoundStatus.CLOSED):
        out = StringIO()
        call_command("network_scores", "doen-wat-werkt", "--round", round.slug, stdout=out)
        assert json.loads(out.getvalue())["minkman"]["calculated_phase"] == 4, round.slug


@pytest.mark.sqlite_only
def test_factor_pattern_of_chapter_5_4(demo):
    for slug in THESIS_SLUGS:
        factors = _scores(slug)["factors"]
        quadrant = {code: factor["quadrant"] for code, factor in factors.items()}
        assert all(quadrant[code] == "strength" for code in CRITICAL_FACTORS), (slug, quadrant)
        assert all(quadrant[code] == "maintain" for code in PRECONDITION_FACTORS), (slug, quadrant)
        assert {quadrant[code] for code in ("SF.K1", "SF.K2", "SF.K3")} == {"underexposed"}, slug
        assert quadrant["SF.C2"] == "priority", slug
        # the other factors: partly present, not named as important (ch. 5.4), so not strengths
        unflagged = set(factors) - set(CRITICAL_FACTORS) - set(PRECONDITION_FACTORS) - {"SF.C2", "SF.X1"}
        assert {quadrant[code] for code in unflagged} == {"underexposed"}, slug
        assert len({factors[code]["importance"] for code in unflagged}) > 1
        assert all(factors[code]["importance"] < 50 for code in unflagged), slug


@pytest.mark.sqlite_only
def test_benchmark_has_five_fictional_consenting_peers(demo, client_for):
    fictional = Network.objects.filter(name__endswith="(fictief)", research_consent=True)
    assert fictional.count() == len(FICTIONAL_NETWORKS) >= 5
    assert all(Round.objects.filter(network=n, status=RoundStatus.CLOSED).exists() for n in fictional)
    for slug in THESIS_SLUGS:
        round = Round.objects.filter(network__slug=slug, status=RoundStatus.CLOSED).latest("opens_on")
        bands = network_percentile_bands(round=round)
        assert bands.available and bands.peers >= 5, slug
        assert all(area.p25 is not None for area in bands.areas)
    coordinator = present(Membership.objects.filter(user__email=DEMO_LOGINS["coordinator"]).first()).user
    round = Round.objects.filter(network__slug="doen-wat-werkt", status=RoundStatus.CLOSED).latest("opens_on")
    page = client_for(coordinator).get(reverse("research:benchmark", args=["doen-wat-werkt", round.slug]))
    assert page.status_code == 200
    assert b'<th scope="col" class="text-end">P25</th>' in page.content


def test_demo_pages_say_the_answers_are_simulated(demo, client_for):
    coordinator = present(Membership.objects.filter(user__email=DEMO_LOGINS["coordinator"]).first()).user
    client = client_for(coordinator)
    network_page = client.get(reverse("networks:detail", args=["doen-wat-werkt"])).content.decode()
    assert 'id="demo-notice"' in network_page and "gesimuleerd" in network_page
    round = Round.objects.filter(network__slug="doen-wat-werkt", status=RoundStatus.CLOSED).earliest("pk")
    dashboard = client.get(reverse("results:dashboard", args=["doen-wat-werkt", round.slug])).content.decode()
    assert 'id="demo-notice"' in dashboard


def test_demo_is_idempotent_and_rebuilds_older_demo_data(demo):
    counts = (Network.objects.count(), Partnership.objects.count(), Membership.objects.count(),
              Round.objects.count(), Answer.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Network.objects.count(), Partnership.objects.count(), Membership.objects.count(),
            Round.objects.count(), Answer.objects.count()) == counts
    assert counts[0] == len(DEMO_NETWORKS) == len(THESIS_NETWORKS) + len(FICTIONAL_NETWORKS)
    old = set(Round.objects.filter(network__slug="doen-wat-werkt").values_list("pk", flat=True))
    Network.objects.filter(slug="doen-wat-werkt").update(demo_version=DEMO_VERSION - 1)
    call_command("load_demo", stdout=StringIO())
    rebuilt = set(Round.objects.filter(network__slug="doen-wat-werkt").values_list("pk", flat=True))
    assert len(rebuilt) == len(old) and not rebuilt & old
    assert Network.objects.get(slug="doen-wat-werkt").demo_version == DEMO_VERSION
    assert Answer.objects.count() == counts[4]


def test_demo_texts_carry_no_source_references():
    """Source references belong in the code and docs, not in what a coordinator reads on the network page."""
    import dataclasses

    for network in DEMO_NETWORKS:
        for name, value in dataclasses.asdict(network).items():
            assert "seed 00" not in str(value), (network.name, name)
