from io import StringIO

from django.core.management import call_command

from networks.demo import DEMO_NETWORKS
from networks.models import Membership, Network, Partnership


def test_demo_creates_the_three_networks_of_the_thesis_with_their_partners(db):
    call_command("load_demo", stdout=StringIO())
    assert set(Network.objects.values_list("slug", flat=True)) >= {
        "duurzame-jeugdzorg-flevoland", "ketenconvenant-oost-gelderland", "doen-wat-werkt"}
    dww = Network.objects.get(slug="doen-wat-werkt")
    partners = set(Partnership.objects.filter(network=dww).values_list("organisation__name", flat=True))
    assert {"Accare", "Yorneo", "Het Poortje", "Portalis", "Tjallinga Hiem"} <= partners
    assert dww.claimed_phase == 4


def test_demo_is_idempotent(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Network.objects.count(), Partnership.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Network.objects.count(), Partnership.objects.count(), Membership.objects.count()) == counts
    assert counts[0] == len(DEMO_NETWORKS)


def test_demo_texts_carry_no_source_references():
    """Source references belong in the code and docs, not in what a coordinator reads on the network page."""
    import dataclasses

    from networks.demo import DEMO_NETWORKS

    for network in DEMO_NETWORKS:
        for name, value in dataclasses.asdict(network).items():
            assert "seed 00" not in str(value), (network.name, name)
