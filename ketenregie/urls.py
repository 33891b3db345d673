from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from audit import views as audit_views
from core import health as core_health
from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("health/", core_health.health, name="health"),
    path("accounts/login/", audit_views.login, name="login"),
    path("accounts/logout/", audit_views.logout, name="logout"),
    path("accounts/password-reset/", audit_views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("accounts/password-change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password-change/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("networks/", include("networks.urls")),
    path("", include("assessments.urls")),
    path("", include("rounds.urls")),
    path("", include("results.urls")),
    path("", include("research.urls")),
    path("", include("reports.urls")),
    path("", include("improvement.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

if settings.DEBUG:  # pragma: no cover - static files in dev are served by whitenoise's runserver hook
    pass
