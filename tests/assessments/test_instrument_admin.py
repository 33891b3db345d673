"""The admin lists instrument versions and shows a locked version read-only, with a notice."""

import pytest
from django.urls import reverse

from assessments.models import Dimension, Instrument, Item

pytestmark = pytest.mark.django_db


def _change_url(obj) -> str:
    return reverse(f"admin:assessments_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_instrument_list_shows_status_version_and_counts(client_for, superuser, shipped):
    response = client_for(superuser).get(reverse("admin:assessments_instrument_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert str(shipped) in content
    assert f">{shipped.items.count()}<" in content
    assert f">{shipped.modules.count()}<" in content
    assert "Gepubliceerd" in content


def test_instruments_cannot_be_added_through_the_admin(client_for, superuser):
    response = client_for(superuser).get(reverse("admin:assessments_instrument_add"))
    assert response.status_code == 403


def test_an_unlocked_version_can_be_edited(client_for, superuser, proef):
    client = client_for(superuser)
    item = proef.items.get(code="KO.1")
    data = {f: getattr(item, f) for f in ("code", "factor", "aspect", "label_nl", "label_en", "text_nl", "text_en",
                                           "help_nl", "help_en", "order")}
    data.update(instrument=proef.pk, dimension=item.dimension_id, scale=item.scale_id, flags="[]",
                source='{"file": "002", "lines": "310-318"}', label_nl="Gedeelde ambitie (bewerkt)")
    response = client.post(_change_url(item), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Item.objects.get(pk=item.pk).label_nl == "Gedeelde ambitie (bewerkt)"


def test_a_locked_version_is_read_only_with_a_notice(client_for, superuser, proef, lock):
    lock(proef)
    client = client_for(superuser)
    response = client.get(_change_url(proef))
    assert response.status_code == 200
    content = response.content.decode()
    assert "vergrendeld" in content
    assert 'name="_save"' not in content
    item = proef.items.get(code="KO.1")
    response = client.get(_change_url(item))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()


@pytest.mark.parametrize("get_row", [
    lambda i: i,
    lambda i: i.items.get(code="KO.1"),
    lambda i: i.scales.get(code="presence5"),
    lambda i: i.modules.get(code="XT"),
    lambda i: Dimension.objects.get(module__instrument=i, code="extra"),
], ids=["instrument", "item", "scale", "module", "dimension"])
def test_a_locked_version_refuses_changes_and_deletes_in_the_admin(client_for, superuser, proef, lock, get_row):
    lock(proef)
    client = client_for(superuser)
    row = get_row(proef)
    assert client.post(_change_url(row), {"code": "X"}).status_code == 403
    delete_url = reverse(f"admin:assessments_{row._meta.model_name}_delete", args=[row.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()


def test_adding_an_item_to_a_locked_version_shows_a_form_error(client_for, superuser, proef, lock):
    lock(proef)
    dimension = Dimension.objects.get(module__instrument=proef, code="extra")
    data = {"instrument": proef.pk, "dimension": dimension.pk, "scale": proef.scales.get(code="presence5").pk,
            "code": "XT.2", "label_nl": "x", "label_en": "x", "text_nl": "x", "text_en": "x", "flags": "[]",
            "source": '{"file": "002", "lines": "1"}', "order": 99}
    response = client_for(superuser).post(reverse("admin:assessments_item_add"), data)
    assert response.status_code == 200
    assert "vergrendeld" in response.content.decode()
    assert not Item.objects.filter(instrument=proef, code="XT.2").exists()


def test_bulk_delete_is_not_offered(client_for, superuser, shipped):
    response = client_for(superuser).get(reverse("admin:assessments_item_changelist"))
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()


def test_members_cannot_reach_the_admin(client_for, member):
    response = client_for(member).get(reverse("admin:assessments_instrument_changelist"))
    assert response.status_code == 302
    assert Instrument.objects.exists()


@pytest.mark.parametrize("locked", [False, True], ids=["unlocked", "locked"])
@pytest.mark.parametrize("model_name", ["instrument", "module", "dimension", "scale", "scaleoption", "item"])
def test_every_assessment_admin_page_renders(client_for, superuser, proef, lock, model_name, locked):
    if locked:
        lock(proef)
    client = client_for(superuser)
    assert client.get(reverse(f"admin:assessments_{model_name}_changelist")).status_code == 200
    rows = {"instrument": proef, "module": proef.modules.first(), "scale": proef.scales.first(),
            "dimension": Dimension.objects.filter(module__instrument=proef).first(),
            "scaleoption": proef.scales.first().options.first(), "item": proef.items.first()}
    response = client.get(_change_url(rows[model_name]))
    assert response.status_code == 200
    assert ('name="_save"' in response.content.decode()) is not locked
