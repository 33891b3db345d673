"""People are listed in Dutch order: on the surname without its prefix, one helper everywhere."""

import pytest
from django.urls import reverse

from core.names import person_sort_key, surname_without_prefix
from tests.rounds.manage_helpers import invite, make_instrument, make_round


@pytest.mark.parametrize(("surname", "core"), [
    ("de Groot", "Groot"), ("van Dijk", "Dijk"), ("van der Berg", "Berg"), ("Van den Heuvel", "Heuvel"),
    ("ter Horst", "Horst"), ("in 't Veld", "Veld"), ("d'Ancona", "Ancona"), ("Jansen", "Jansen"),
    ("Dekker", "Dekker"), ("Vandermeer", "Vandermeer"), ("de", "de"), ("", ""),
])
def test_prefix_is_left_out_of_the_sort_name(surname, core):
    assert surname_without_prefix(surname) == core


def test_dutch_order_ignores_prefixes_case_and_accents():
    people = [("Ali", "van Dijk"), ("Bram", "Bakker"), ("Cor", "de Groot"), ("Eva", "Émond"), ("Fleur", "ter Horst"),
              ("Gijs", "Zwart"), ("Hans", "van der Aa")]
    ordered = sorted(people, key=lambda p: person_sort_key(first_name=p[0], last_name=p[1]))
    assert [last for _first, last in ordered] == [
        "van der Aa", "Bakker", "van Dijk", "Émond", "de Groot", "ter Horst", "Zwart"]


def _people(make_user, make_membership, network):
    users = []
    for first, last in [("Cor", "de Groot"), ("Ali", "van Dijk"), ("Bram", "Bakker"), ("Zoë", "Zwart")]:
        user = make_user(first_name=first, last_name=last)
        make_membership(network=network, user=user)
        users.append(user)
    return users


def _order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


def test_network_page_and_invitations_page_list_people_in_dutch_order(client_for, coordinator, network,
                                                                     make_user, make_membership):
    users = _people(make_user, make_membership, network)
    names = ["Bram Bakker", "Ali van Dijk", "Cor de Groot", "Zoë Zwart"]
    client = client_for(coordinator)
    assert _order(client.get(network.get_absolute_url()).content.decode(), names) == names
    round = make_round(network=network, instrument=make_instrument())
    url = reverse("rounds:invitations", kwargs={"network_slug": network.slug, "round_slug": round.slug})
    # Not yet invited: the choice list is in Dutch order too.
    assert _order(client.get(url).content.decode(), names) == names
    invite(round=round, users=users, sent=False)
    assert _order(client.get(url).content.decode(), names) == names
