"""After login each role lands where it works; only people who may register a network are offered to."""

import pytest
from django.urls import reverse

from networks.models import PlatformRole
from tests.rounds.manage_helpers import invite, make_instrument, make_round

PASSWORD = "correct-horse-battery"


def _login(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD}, follow=True)


@pytest.fixture
def researcher(make_user, permission):
    user = make_user()
    user.user_permissions.add(permission("networks.export_research_data"))
    return user


def test_member_lands_on_my_questionnaires(client, member, network):
    invite(round=make_round(network=network, instrument=make_instrument()), users=[member])
    response = _login(client, member)
    assert response.redirect_chain[-1][0] == reverse("rounds:my_responses")


def test_coordinator_lands_on_their_networks(client, coordinator, permission):
    coordinator.user_permissions.add(permission("networks.add_network"))  # registration needs approval by default
    response = _login(client, coordinator)
    assert response.redirect_chain[-1][0] == reverse("networks:list")
    assert "Nieuw netwerk registreren" in response.content.decode()


def test_researcher_lands_on_the_research_area(client, researcher):
    response = _login(client, researcher)
    assert response.redirect_chain[-1][0] == reverse("research:index")


def test_next_parameter_still_wins(client, member, network):
    response = client.post(reverse("login") + "?next=" + network.get_absolute_url(),
                           {"username": member.email, "password": PASSWORD,
                            "next": network.get_absolute_url()})
    assert response["Location"] == network.get_absolute_url()


@pytest.mark.parametrize("who", ["member", "researcher"])
def test_register_button_is_hidden_for_members_and_researchers(client_for, who, request):
    user = request.getfixturevalue(who)
    html = client_for(user).get(reverse("networks:list")).content.decode()
    assert reverse("networks:create") not in html
    assert "Registreer een netwerk" not in html


def test_new_account_is_offered_to_register_only_where_the_setting_allows_it(client_for, make_user, settings):
    client = client_for(make_user())
    assert reverse("networks:create") not in client.get(reverse("networks:list")).content.decode()
    settings.KETENREGIE_NETWORK_REGISTRATION = "anyone"
    assert reverse("networks:create") in client.get(reverse("networks:list")).content.decode()


def test_login_field_says_e_mail_address(client):
    html = client.get(reverse("login")).content.decode()
    assert "E-mailadres" in html
    assert "Gebruikersnaam" not in html


def test_logging_out_says_so(client, member):
    _login(client, member)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "U bent uitgelogd." in response.content.decode()


def test_coordinator_role_of_a_member_elsewhere_still_lands_on_networks(client, make_membership, member,
                                                                       other_network):
    make_membership(network=other_network, user=member, role=PlatformRole.COORDINATOR)
    response = _login(client, member)
    assert response.redirect_chain[-1][0] == reverse("networks:list")
