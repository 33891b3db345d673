"""Hostile input to every form: random and malicious values never cause a 500, and a refused request stores nothing.

Each example runs in a transaction that is rolled back, so examples cannot influence each other (nor trip the
login lock-out). Forms added later get a line in ENDPOINTS.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networks.models import (
    ChainRole,
    Level,
    Membership,
    MembershipInvitation,
    Network,
    Organisation,
    Partnership,
    PlatformRole,
    Sector,
)

PASSWORD = "correct-horse-battery"

NASTY = [
    "", " ", "\x00", "a\x00b", "\u202e\u202dgnp.exe", "\ufeff", "😀" * 40, "ǅ" * 3, "\r\n\r\n", "\t",
    "' OR '1'='1' --", "'; DROP TABLE networks_network; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% debug %}", "${jndi:ldap://x/a}",
    "../../../../etc/passwd", "%00", "%s%s%s%n", "NaN", "Infinity", "1e309", "-0", "0x1F",
    "9" * 400, str(2**63), str(-(2**63) - 1), str(2**31), "-1", "0", "1.5", "2024-02-30", "0000-00-00",
    "31-12-2024", "2024-13-01", "9999-12-31", "1900-01-01", "true", "null", "[]", "{}",
    "a" * 201, "x@" + "y" * 300 + ".nl", "@", "a@b", "user@example.org\nBcc: victim@example.org",
]

text_value = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    # Huge values built by repetition: generating thousands of random characters would dominate the run time.
    st.tuples(st.text(min_size=1, max_size=5), st.integers(500, 5_000)).map(lambda pair: pair[0] * pair[1]),
    st.integers().map(str),
)
# A list sends the same key several times, as a hand-crafted form can.
field_value = st.one_of(text_value, text_value, st.lists(text_value, min_size=2, max_size=4))


@dataclass
class World:
    network: Network
    coordinator: User
    member: User
    partnership: Partnership
    membership: Membership
    reset_url: str
    anonymous: Client  # holds the password-reset session of reset_url


@dataclass
class Endpoint:
    name: str
    url: Callable[[World], str]
    fields: dict[str, list[str]]  # field -> plausible values, mixed in so that deeper validation is reached
    as_user: str  # "coordinator", "member" or "anonymous"


def _network_fields() -> dict[str, list[str]]:
    return {
        "name": ["Jeugdketen Oost", "Netwerk"], "slug": ["oost", "jeugdketen-noord", ""],
        "description": ["Samen"], "common_goal": [""], "target_group": [""], "form": ["linear", "diffuse"],
        "region": ["Utrecht"], "start_date": ["2024-01-01"], "end_date": ["2023-01-01", "2025-01-01"],
        "client_count": ["12", "-5"], "origin": [""], "funding": [""], "claimed_phase": ["1", "4", "5"],
    }


def _membership_fields(world_org_ids: list[str]) -> dict[str, list[str]]:
    return {
        "role": PlatformRole.values, "organisation": world_org_ids, "level": Level.values,
        "chain_role": ChainRole.values,
    }


ENDPOINTS = [
    Endpoint("network_create", lambda w: reverse("networks:create"), _network_fields(), "coordinator"),
    Endpoint("network_edit", lambda w: reverse("networks:edit", kwargs={"slug": w.network.slug}), _network_fields(),
             "coordinator"),
    Endpoint("research_consent", lambda w: reverse("networks:research_consent", kwargs={"slug": w.network.slug}),
             {"consent": ["on", "true", "1"]}, "coordinator"),
    Endpoint("partner_add", lambda w: reverse("networks:partner_add", kwargs={"slug": w.network.slug}),
             {"organisation": ["1", "2", "3"], "new_organisation_name": ["Stichting Nieuw"],
              "new_organisation_sector": Sector.values, "roles": ChainRole.values, "since": ["2020-01-01"],
              "until": ["2019-01-01", "2030-01-01"]}, "coordinator"),
    Endpoint("partner_edit", lambda w: reverse("networks:partner_edit",
                                               kwargs={"slug": w.network.slug, "pk": w.partnership.pk}),
             {"roles": ChainRole.values, "since": ["2020-01-01"], "until": ["2019-01-01"]}, "coordinator"),
    Endpoint("member_add", lambda w: reverse("networks:member_add", kwargs={"slug": w.network.slug}),
             {"email": ["nieuw@example.org"], "first_name": ["An"], "last_name": ["de Vries"],
              **_membership_fields(["1", "2"])}, "coordinator"),
    Endpoint("member_edit", lambda w: reverse("networks:member_edit",
                                              kwargs={"slug": w.network.slug, "pk": w.membership.pk}),
             _membership_fields(["1", "2"]), "coordinator"),
    Endpoint("login", lambda w: reverse("login"), {"username": ["admin"], "password": [PASSWORD]}, "anonymous"),
    Endpoint("password_reset", lambda w: reverse("password_reset"), {"email": ["lid@example.org"]}, "anonymous"),
    Endpoint("password_change", lambda w: reverse("password_change"),
             {"old_password": [PASSWORD], "new_password1": ["lange-zin-met-koffie-42"],
              "new_password2": ["lange-zin-met-koffie-42"]}, "member"),
    Endpoint("password_reset_confirm", lambda w: w.reset_url,
             {"new_password1": ["lange-zin-met-koffie-42"], "new_password2": ["lange-zin-met-koffie-42"]},
             "anonymous"),
]


def _post_data(fields: dict[str, list[str]]):
    optional = {name: st.one_of(field_value, st.sampled_from(plausible)) if plausible else field_value
                for name, plausible in fields.items()}
    extra = st.dictionaries(st.text(min_size=1, max_size=20), field_value, max_size=2)
    return st.tuples(st.fixed_dictionaries({}, optional=optional), extra).map(lambda pair: {**pair[1], **pair[0]})


def _snapshot() -> dict[str, list[str]]:
    """Everything a form here could write; audit and rate-limit rows are meant to be written on refusal."""
    user_fields = ["id", "username", "email", "first_name", "last_name", "password", "is_active", "is_staff",
                   "is_superuser"]
    return {
        "networks": sorted(map(repr, Network.objects.values())),
        "organisations": sorted(map(repr, Organisation.objects.values())),
        "partnerships": sorted(map(repr, Partnership.objects.values())),
        "memberships": sorted(map(repr, Membership.objects.values())),
        "membership_invitations": sorted(map(repr, MembershipInvitation.objects.values())),
        "users": sorted(map(repr, get_user_model().objects.values(*user_fields))),
    }


@pytest.fixture
def world(network, coordinator, member, client) -> World:
    from django.contrib.auth.models import Permission

    # Registering networks needs an administrator's approval (KETENREGIE_NETWORK_REGISTRATION); this one has it.
    coordinator.user_permissions.add(Permission.objects.get(codename="add_network", content_type__app_label="networks"))
    partnership = network.partnerships.first()
    membership = Membership.objects.get(network=network, user=member)
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    # The confirm view swaps the token for a session marker; keep the URL it redirects to.
    anonymous = Client()
    reset_url = anonymous.get(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))["Location"]
    return World(network=network, coordinator=coordinator, member=member, partnership=partnership,
                 membership=membership, reset_url=reset_url, anonymous=anonymous)


def _client_for(world: World, as_user: str) -> Client:
    if as_user == "anonymous":
        return world.anonymous
    client = Client()
    client.force_login(world.coordinator if as_user == "coordinator" else world.member)
    return client


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_hostile_form_input_never_fails_and_refusals_store_nothing(endpoint: Endpoint, world: World):
    client = _client_for(world, endpoint.as_user)
    url = endpoint.url(world)

    @settings(max_examples=30, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(data=_post_data(endpoint.fields))
    def check(data):
        with transaction.atomic():
            before = _snapshot()
            # The test client raises any exception a view lets escape, so a 500 fails the test here.
            response = client.post(url, data)
            assert response.status_code < 500, (response.status_code, data)
            if response.status_code != 302:
                assert response.status_code in (200, 400, 403, 404, 405, 409, 429), response.status_code
                assert _snapshot() == before, data
            transaction.set_rollback(True)

    check()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_oversized_request_body_is_refused_with_400(endpoint: Endpoint, world: World):
    client = _client_for(world, endpoint.as_user)
    before = _snapshot()
    response = client.post(endpoint.url(world), {name: "x" * 3_000_000 for name in list(endpoint.fields)[:1]})
    assert response.status_code == 400
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_too_many_fields_are_refused_with_400(endpoint: Endpoint, world: World):
    client = _client_for(world, endpoint.as_user)
    before = _snapshot()
    response = client.post(endpoint.url(world), {f"f{n}": "1" for n in range(1_200)})
    assert response.status_code == 400
    assert _snapshot() == before


def test_network_edit_with_empty_name_and_slug_shows_the_form_again(world: World):
    """Found by the fuzzing above: the invalid values ended up on the network the page links to (500)."""
    client = _client_for(world, "coordinator")
    response = client.post(reverse("networks:edit", kwargs={"slug": world.network.slug}), {"name": "", "slug": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    world.network.refresh_from_db()
    assert world.network.slug == "jeugdketen-noord"
