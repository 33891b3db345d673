"""The admin shows Dutch model names ("Antwoordopties", not "Scale options") for every model of the project."""

from django.apps import apps
from django.urls import reverse

PROJECT_APPS = {"core", "networks", "assessments", "rounds", "results", "research", "audit", "reports"}


def test_every_project_model_has_explicit_dutch_names():
    missing = [model._meta.label for model in apps.get_models() if model._meta.app_label in PROJECT_APPS
               and not {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)]
    assert missing == []


def test_admin_index_has_no_english_model_names(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    for english in ("Page states", "Scale options", "Scales", "Dimensions", "Items", "Rate limit hits"):
        assert english not in html
    assert "Antwoordopties" in html
