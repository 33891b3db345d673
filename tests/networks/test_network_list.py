"""The network list counts every partner and member of each network, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks.models import PlatformRole
from networks.selectors import network_list_for_user


def test_list_counts_all_members_not_only_the_viewer(client_for, make_network, make_membership, make_user):
    viewer = make_user()
    networks = [make_network(partners=4) for _ in range(2)]
    for network in networks:
        make_membership(network=network, user=viewer, role=PlatformRole.COORDINATOR)
        for _ in range(13):
            make_membership(network=network)
    rows = {network.pk: network for network in network_list_for_user(user=viewer)}
    assert [(rows[n.pk].partner_count, rows[n.pk].member_count) for n in networks] == [(4, 14), (4, 14)]
    html = client_for(viewer).get(reverse("networks:list")).content.decode()
    assert html.count("14 leden") == 2 and "1 lid" not in html
    detail = client_for(viewer).get(networks[0].get_absolute_url()).content.decode()
    assert "Leden (14)" in detail


def test_list_query_count_does_not_grow_with_networks(make_network, make_membership, make_user):
    viewer = make_user()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(network_list_for_user(user=viewer))
        return len(captured)

    make_membership(network=make_network(), user=viewer)
    one = queries()
    for _ in range(5):
        network = make_network(partners=3)
        make_membership(network=network, user=viewer)
        make_membership(network=network)
    assert queries() == one == 1
