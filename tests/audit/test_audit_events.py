"""The audit log records logins, role changes, consent changes and exports, with who, when and from where."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.services import audit_record
from networks import services as network_services
from networks.models import Membership, PlatformRole

PASSWORD = "correct-horse-battery"


def _events(action: str):
    return AuditEvent.objects.filter(action=action)


def test_successful_login_is_recorded_with_actor_and_address(client, make_user):
    user = make_user()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
    event = _events(AuditAction.LOGIN).get()
    assert event.actor == user
    assert event.actor_label == user.email
    assert event.ip_address == "192.0.2.10"
    assert event.request_id


def test_failed_login_is_recorded_without_the_password(client, make_user):
    user = make_user()
    client.post(reverse("login"), {"username": user.username, "password": "my-secret-guess"}, REMOTE_ADDR="192.0.2.11")
    event = _events(AuditAction.LOGIN_FAILED).get()
    assert event.actor is None
    assert event.target == user.username
    assert event.ip_address == "192.0.2.11"
    assert "my-secret-guess" not in str(event.details)


def test_logout_is_recorded(client, make_user):
    user = make_user()
    client.force_login(user)
    client.post(reverse("logout"))
    assert _events(AuditAction.LOGOUT).get().actor == user


def test_joining_through_an_invitation_is_recorded_with_the_invitee_as_actor(client_for, coordinator, network):
    from networks.models import MembershipInvitation

    client = client_for(coordinator)
    client.post(reverse("networks:member_add", kwargs={"slug": network.slug}),
                {"email": "nieuw@example.org", "role": PlatformRole.MEMBER})
    assert not _events(AuditAction.MEMBERSHIP_ADDED).filter(target__startswith="nieuw@example.org").exists()
    invitation = MembershipInvitation.objects.get(email="nieuw@example.org")
    client_for(invitation.user).post(reverse("networks:invitation_accept", args=[invitation.pk]))
    event = _events(AuditAction.MEMBERSHIP_ADDED).get(target__startswith="nieuw@example.org")
    assert event.actor == invitation.user
    assert event.details["role"] == PlatformRole.MEMBER
    assert event.details["network"] == network.slug


def test_role_change_records_old_and_new_role(client_for, coordinator, member, network):
    membership = Membership.objects.get(user=member, network=network)
    client = client_for(coordinator)
    client.post(reverse("networks:member_edit", kwargs={"slug": network.slug, "pk": membership.pk}),
                {"role": PlatformRole.COORDINATOR, "organisation": membership.organisation_id,
                 "level": membership.level})
    event = _events(AuditAction.MEMBERSHIP_ROLE_CHANGED).get()
    assert event.actor == coordinator
    assert event.details["old_role"] == PlatformRole.MEMBER
    assert event.details["role"] == PlatformRole.COORDINATOR
    assert event.details["user_id"] == member.pk


def test_saving_a_membership_without_role_change_records_nothing(member, network):
    membership = Membership.objects.get(user=member, network=network)
    network_services.membership_update(membership=membership, role=PlatformRole.MEMBER,
                                       organisation=membership.organisation, level="tactisch", chain_role="")
    assert not _events(AuditAction.MEMBERSHIP_ROLE_CHANGED).exists()


def test_removing_a_member_is_recorded(member, network):
    membership = Membership.objects.get(user=member, network=network)
    network_services.membership_remove(membership=membership)
    event = _events(AuditAction.MEMBERSHIP_REMOVED).get()
    assert event.details["user_id"] == member.pk
    assert event.details["role"] == PlatformRole.MEMBER


def test_deleting_a_user_records_the_removal_of_their_memberships(member, network):
    member.delete()
    assert _events(AuditAction.MEMBERSHIP_REMOVED).filter(details__network=network.slug).exists()


def test_research_consent_change_is_recorded_both_ways(client_for, coordinator, network):
    client = client_for(coordinator)
    url = reverse("networks:research_consent", kwargs={"slug": network.slug})
    client.post(url, {"consent": "on"})
    client.post(url, {})
    events = list(_events(AuditAction.RESEARCH_CONSENT_CHANGED).order_by("pk"))
    assert [(e.details["previous"], e.details["consent"]) for e in events] == [(False, True), (True, False)]
    assert all(e.actor == coordinator and e.target == network.slug for e in events)


def test_editing_a_network_without_touching_consent_records_no_consent_event(network):
    network_services.network_update(network=network, description="Nieuwe beschrijving")
    assert not _events(AuditAction.RESEARCH_CONSENT_CHANGED).exists()


def test_granting_superuser_rights_is_recorded(make_user):
    user = make_user()
    user.is_superuser = True
    user.is_staff = True
    user.save()
    event = _events(AuditAction.USER_PRIVILEGES_CHANGED).get()
    assert event.details["changes"] == {"is_superuser": [False, True], "is_staff": [False, True]}


def test_creating_a_superuser_is_recorded(superuser):
    assert _events(AuditAction.USER_PRIVILEGES_CHANGED).filter(target=superuser.username).exists()


def test_last_login_update_does_not_look_like_a_privilege_change(client, make_user):
    user = make_user()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert not _events(AuditAction.USER_PRIVILEGES_CHANGED).exists()


def test_audit_record_service_for_research_exports(rf, make_user):
    researcher = make_user()
    request = rf.get("/research/export/", REMOTE_ADDR="2001:db8::1")
    request.user = researcher
    event = audit_record(action=AuditAction.RESEARCH_EXPORT, actor=researcher, request=request,
                         target="export 2026-01", details={"networks": [1, 2], "rows": 340})
    event.refresh_from_db()
    assert event.actor == researcher
    assert event.ip_address == "2001:db8::1"
    assert event.details == {"networks": [1, 2], "rows": 340}


def test_audit_record_refuses_an_unknown_action(make_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        audit_record(action="made_up", actor=make_user())


def test_audit_trail_survives_deletion_of_the_actor(make_user):
    user = make_user(email="weg@example.org")
    event = audit_record(action=AuditAction.EXPORT, actor=user, target="rapport")
    get_user_model().objects.filter(pk=user.pk).delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_label == "weg@example.org"
