from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Beveiliging en audit")

    def ready(self) -> None:
        from django.contrib import admin

        from . import signals  # noqa: F401 - connects the receivers
        from .forms import ThrottledAdminAuthenticationForm

        # The admin has its own login page; it must be throttled like the site's.
        admin.site.login_form = ThrottledAdminAuthenticationForm
