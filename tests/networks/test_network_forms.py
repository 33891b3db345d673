"""Bad input gets a clear message in the user's language and a 200 re-render, never a 500."""

import pytest
from django.core import mail
from django.urls import reverse

from networks.models import Membership, MembershipInvitation, Network, Organisation, Partnership, PlatformRole, Sector
from tests.must import present


@pytest.fixture
def make_user(make_user):
    """Accounts here may register networks (an administrator approved them; see test_network_registration)."""
    from django.contrib.auth.models import Permission

    def make(**kwargs):
        user = make_user(**kwargs)
        user.user_permissions.add(Permission.objects.get(codename="add_network", content_type__app_label="networks"))
        return user

    return make


def test_create_network_makes_creator_coordinator(client_for, make_user):
    user = make_user()
    response = client_for(user).post(reverse("networks:create"), {"name": "Doen wat werkt"})
    network = Network.objects.get(slug="doen-wat-werkt")
    assert response.status_code == 302
    assert Membership.objects.get(network=network, user=user).role == PlatformRole.COORDINATOR


def test_empty_name_is_refused_with_dutch_message(client_for, make_user):
    response = client_for(make_user()).post(reverse("networks:create"), {"name": "   "})
    assert response.status_code == 200
    assert "Geef het netwerk een naam" in response.content.decode()
    assert not Network.objects.exists()


def test_empty_name_is_refused_in_english_when_english_is_chosen(client_for, make_user):
    client = client_for(make_user())
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(reverse("networks:create"), {"name": ""})
    assert response.status_code == 200
    assert "Give the network a name" in response.content.decode()


def test_duplicate_slug_is_refused(client_for, make_user, network):
    response = client_for(make_user()).post(reverse("networks:create"),
                                            {"name": "Andere naam", "slug": network.slug})
    assert response.status_code == 200
    assert "al in gebruik" in response.content.decode()
    assert Network.objects.filter(slug=network.slug).count() == 1


def test_duplicate_generated_slug_is_refused(client_for, make_user, network):
    response = client_for(make_user()).post(reverse("networks:create"), {"name": network.name})
    assert response.status_code == 200
    assert "al in gebruik" in response.content.decode()


def test_end_date_before_start_date_is_refused(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:edit", args=[network.slug]), {
        "name": network.name, "slug": network.slug, "start_date": "2024-05-01", "end_date": "2023-01-01",
    })
    assert response.status_code == 200
    assert "einddatum ligt vóór de startdatum" in response.content.decode()
    network.refresh_from_db()
    assert network.end_date is None


def test_garbage_dates_and_numbers_are_refused_not_500(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:edit", args=[network.slug]), {
        "name": network.name, "slug": network.slug, "start_date": "31-31-2020", "client_count": "-4",
        "claimed_phase": "9", "form": "<script>",
    })
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"start_date", "client_count", "claimed_phase", "form"}


def test_member_linked_to_organisation_outside_network_is_refused(client_for, network, other_network,
                                                                  coordinator):
    foreign_org = present(Partnership.objects.filter(network=other_network).first()).organisation
    response = client_for(coordinator).post(reverse("networks:member_add", args=[network.slug]), {
        "email": "nieuw@example.org", "role": "member", "organisation": foreign_org.pk,
    })
    assert response.status_code == 200
    assert "geen partner in dit netwerk" in response.content.decode()
    assert not Membership.objects.filter(user__email="nieuw@example.org").exists()


def test_adding_new_person_creates_account_and_invitation_and_sends_mail(client_for, network, coordinator,
                                                                        django_capture_on_commit_callbacks):
    org = network.partnerships.first().organisation
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(reverse("networks:member_add", args=[network.slug]), {
            "email": "Nieuw.Lid@Example.org", "first_name": "Nina", "role": "member", "organisation": org.pk,
            "level": "tactisch",
        })
    assert response.status_code == 302
    invitation = MembershipInvitation.objects.get(network=network, email="nieuw.lid@example.org")
    assert invitation.level == "tactisch" and invitation.organisation == org
    assert not invitation.user.has_usable_password()
    assert not Membership.objects.filter(user=invitation.user).exists()  # a member only after accepting
    assert len(mail.outbox) == 1
    assert network.name not in f"{mail.outbox[0].subject}{mail.outbox[0].body}"


def test_adding_same_person_twice_is_refused(client_for, network, coordinator, member):
    response = client_for(coordinator).post(reverse("networks:member_add", args=[network.slug]), {
        "email": member.email, "role": "member",
    })
    assert response.status_code == 200
    assert "al lid" in response.content.decode()


def test_partner_needs_existing_or_new_organisation(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]), {})
    assert response.status_code == 200
    assert "Kies een bestaande organisatie" in response.content.decode()


def test_new_partner_organisation_is_created_with_roles(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]), {
        "new_organisation_name": "Gemeente Almere", "new_organisation_sector": Sector.MUNICIPALITY,
        "roles": ["opdrachtgever", "financier"], "since": "2020-01-01", "until": "2019-01-01",
    })
    assert response.status_code == 200, "until before since must be refused"
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]), {
        "new_organisation_name": "Gemeente Almere", "new_organisation_sector": Sector.MUNICIPALITY,
        "roles": ["opdrachtgever", "financier"],
    })
    assert response.status_code == 302
    partnership = Partnership.objects.get(network=network, organisation__name="Gemeente Almere")
    assert partnership.roles == ["opdrachtgever", "financier"]


def test_unknown_role_is_refused(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]), {
        "new_organisation_name": "X", "new_organisation_sector": Sector.OTHER, "roles": ["koning"],
    })
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="X").exists()


def test_last_coordinator_cannot_be_removed(client_for, network, coordinator):
    membership = Membership.objects.get(network=network, user=coordinator)
    client = client_for(coordinator)
    response = client.post(reverse("networks:member_remove", args=[network.slug, membership.pk]), follow=True)
    assert "minstens één coördinator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_partner_with_members_cannot_be_removed(client_for, network, coordinator, member):
    partnership = Partnership.objects.get(network=network,
                                          organisation=Membership.objects.get(user=member).organisation)
    response = client_for(coordinator).post(
        reverse("networks:partner_remove", args=[network.slug, partnership.pk]), follow=True)
    assert "nog leden gekoppeld" in response.content.decode()
    assert Partnership.objects.filter(pk=partnership.pk).exists()


@pytest.mark.parametrize("consent", [True, False])
def test_research_consent_is_recorded_with_date_and_user(client_for, network, coordinator, consent):
    data = {"consent": "on"} if consent else {}
    client_for(coordinator).post(reverse("networks:research_consent", args=[network.slug]), data)
    network.refresh_from_db()
    assert network.research_consent is consent
    assert network.research_consent_by == coordinator
    assert network.research_consent_at is not None


@pytest.mark.django_db
def test_slug_made_from_a_name_with_markup_drops_the_tags():
    from core.slugs import name_to_slug
    from networks.forms import NetworkForm

    assert name_to_slug("<i>test</i>") == "test"
    form = NetworkForm({"name": "<i>test</i>"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["slug"] == "test"


def test_a_far_too_long_partner_name_gives_one_clear_length_message(network):
    from networks.forms import PartnershipForm

    form = PartnershipForm({"new_organisation_name": "x" * 10_000, "new_organisation_sector": "welfare"},
                           network=network)
    assert not form.is_valid()
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert messages == ["Een naam mag hoogstens 200 tekens lang zijn; deze is 10000 tekens."]


def test_existing_organisations_offered_are_only_those_of_the_coordinators_own_networks(
        client_for, network, other_network, coordinator, make_network, make_membership):
    second = make_network(name="Tweede netwerk", slug="tweede-netwerk")
    make_membership(network=second, role=PlatformRole.COORDINATOR, user=coordinator)
    page = client_for(coordinator).get(reverse("networks:partner_add", args=[network.slug]))
    offered = set(page.context["form"].fields["organisation"].queryset)
    assert offered == {p.organisation for p in second.partnerships.all()}
    html = page.content.decode()
    for foreign in other_network.partnerships.all():
        assert foreign.organisation.name not in html


def test_an_organisation_of_another_network_cannot_be_picked_by_id(client_for, network, other_network,
                                                                  coordinator):
    foreign = other_network.partnerships.first().organisation
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]),
                                            {"organisation": foreign.pk})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Partnership.objects.filter(network=network, organisation=foreign).exists()


def test_a_new_organisation_can_still_be_typed_in(client_for, network, coordinator):
    response = client_for(coordinator).post(reverse("networks:partner_add", args=[network.slug]), {
        "new_organisation_name": "Stichting Elders", "new_organisation_sector": Sector.WELFARE})
    assert response.status_code == 302
    assert Partnership.objects.filter(network=network, organisation__name="Stichting Elders").exists()
