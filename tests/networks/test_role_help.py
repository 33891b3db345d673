"""Help where roles are assigned and read: every chain role (seed 003 ch. 5, keteneigenaar seed 004 §3.5) and
platform role says what it means, on the partner and member forms, on the respondent's profile and on the
network page where members see their own role."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from networks.models import ChainRole, Level, PlatformRole
from networks.roles import CHAIN_ROLE_HELP, PLATFORM_ROLE_HELP

pytestmark = pytest.mark.django_db


def described(html: str, value: str) -> str:
    """The description an option with ``value`` points to through aria-describedby, or ''."""
    option = re.search(r'<input[^>]*value="' + re.escape(value) + r'"[^>]*>', html)
    assert option, f"no option {value!r}"
    ids = re.search(r'aria-describedby="([^"]+)"', option.group(0))
    if not ids:
        return ""
    own = ids.group(1).split()[0]
    found = re.search(r'id="' + re.escape(own) + r'"[^>]*>([^<]+)<', html)
    return found.group(1).strip() if found else ""


def test_every_chain_and_platform_role_has_a_help_text():
    assert set(CHAIN_ROLE_HELP) == set(ChainRole)
    assert set(PLATFORM_ROLE_HELP) == set(PlatformRole)
    assert all(len(str(text)) > 40 for text in [*CHAIN_ROLE_HELP.values(), *PLATFORM_ROLE_HELP.values()])


def test_role_help_texts_have_english_translations():
    with translation.override("en"):
        for role, text in [*CHAIN_ROLE_HELP.items(), *PLATFORM_ROLE_HELP.items()]:
            with translation.override("nl"):
                dutch = str(text)
            assert str(text) != dutch, f"{role} has no English help text"


def test_partner_form_explains_each_chain_role_beside_its_checkbox(client_for, coordinator, network):
    html = client_for(coordinator).get(reverse("networks:partner_add", kwargs={"slug": network.slug})).content.decode()
    for role in ChainRole:
        assert described(html, role.value) == str(CHAIN_ROLE_HELP[role])


def test_member_form_explains_the_platform_and_chain_roles(client_for, coordinator, network, member):
    client = client_for(coordinator)
    for url in (reverse("networks:member_add", kwargs={"slug": network.slug}),
                reverse("networks:member_edit", kwargs={"slug": network.slug,
                                                        "pk": member.memberships.get().pk})):
        html = client.get(url).content.decode()
        assert described(html, PlatformRole.COORDINATOR) == str(PLATFORM_ROLE_HELP[PlatformRole.COORDINATOR])
        assert described(html, ChainRole.FUNDER) == str(CHAIN_ROLE_HELP[ChainRole.FUNDER])
        assert described(html, "") == ""  # "Geen opgave" needs no explanation


def test_member_form_still_saves_the_chosen_chain_role(client_for, coordinator, network, member):
    membership = member.memberships.get()
    url = reverse("networks:member_edit", kwargs={"slug": network.slug, "pk": membership.pk})
    response = client_for(coordinator).post(url, {"role": PlatformRole.MEMBER, "level": Level.TACTICAL,
                                                  "organisation": membership.organisation_id,
                                                  "chain_role": ChainRole.CHAIN_OWNER})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.chain_role == ChainRole.CHAIN_OWNER


def test_member_sees_what_their_own_roles_mean_on_the_network_page(client_for, network, member):
    membership = member.memberships.get()
    membership.chain_role = ChainRole.PROFESSIONAL
    membership.save()
    html = client_for(member).get(network.get_absolute_url()).content.decode()
    assert "U bent hier Lid." in html
    assert str(PLATFORM_ROLE_HELP[PlatformRole.MEMBER]) in html
    assert "Uw rol in de keten: Professional." in html
    assert str(CHAIN_ROLE_HELP[ChainRole.PROFESSIONAL]) in html
    assert "Wat betekenen de rollen in de keten?" in html  # beside the partners' roles


def test_respondent_profile_explains_the_chain_roles(client, make_membership, network):
    from rounds.models import Invitation
    from tests.rounds.respond_builders import build_instrument, build_round

    round = build_round(network=network, instrument=build_instrument(n=3))
    invitation = Invitation.objects.create(round=round, user=make_membership(network=network).user)
    client.post(reverse("rounds:respond", kwargs={"token": invitation.token}))
    html = client.get(reverse("rounds:respond_profile", kwargs={"token": invitation.token})).content.decode()
    assert described(html, ChainRole.KNOWLEDGE_PARTNER) == str(CHAIN_ROLE_HELP[ChainRole.KNOWLEDGE_PARTNER])
