"""The audit log is visible to superusers only, and to nobody as something to add, edit or delete."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from audit.services import audit_record


@pytest.fixture
def event(make_user):
    return audit_record(action=AuditAction.EXPORT, actor=make_user(), target="rapport ronde 1")


def test_superuser_sees_the_list_with_filters(client_for, superuser, event):
    response = client_for(superuser).get(reverse("admin:audit_auditevent_changelist"),
                                         {"action__exact": AuditAction.EXPORT})
    assert response.status_code == 200
    assert "rapport ronde 1" in response.content.decode()


def test_superuser_sees_an_event_read_only(client_for, superuser, event):
    response = client_for(superuser).get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert response.status_code == 200
    assert 'name="target"' not in response.content.decode()


def test_nobody_can_add_edit_or_delete_events(client_for, superuser, event):
    client = client_for(superuser)
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_change", args=[event.pk]),
                       {"target": "vervalst"}).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.target == "rapport ronde 1"


def test_staff_with_view_permission_still_cannot_see_the_log(client_for, make_user, event):
    staff = make_user(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client = client_for(staff)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:audit_auditevent_changelist") not in index


@pytest.mark.parametrize("who", ["anonymous", "member", "coordinator", "outsider"])
def test_non_staff_are_sent_to_the_admin_login(client, client_for, who, member, coordinator, outsider, event):
    users = {"member": member, "coordinator": coordinator, "outsider": outsider}
    if who != "anonymous":
        client = client_for(users[who])
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_events_are_listed_newest_first(make_user):
    first = audit_record(action=AuditAction.EXPORT, actor=make_user(), target="a")
    second = audit_record(action=AuditAction.EXPORT, actor=make_user(), target="b")
    assert list(AuditEvent.objects.filter(action=AuditAction.EXPORT)) == [second, first]
