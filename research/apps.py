from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = _("Onderzoek")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401 - connect the receivers, register the system check
