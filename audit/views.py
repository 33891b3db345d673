from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core.ratelimit import ratelimit

from .forms import LOCKED_OUT, SetOrResetPasswordForm, ThrottledAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, LOCKED_OUT):
            response.status_code = 429
            response["Retry-After"] = str(settings.KETENREGIE_LOGIN_LIMITS["block"])
        return response


login = LoginView.as_view()


class LogoutView(auth_views.LogoutView):
    """Log out and say so on the page that follows (the login page)."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.success(request, _("U bent uitgelogd."))
        return response


logout = LogoutView.as_view()

_password_reset_view = auth_views.PasswordResetView.as_view(form_class=SetOrResetPasswordForm)


def password_reset(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Every reset request may send a mail; a budget per address keeps the form from flooding inboxes."""
    config = settings.KETENREGIE_PASSWORD_RESET_LIMIT
    limited = ratelimit(
        scope="password_reset", key="ip", limit=config["limit"], window=config["window"],
        message=_("Er zijn vanaf uw adres te veel wachtwoordherstelverzoeken gedaan. Probeer het later opnieuw."),
    )(_password_reset_view)
    return limited(request, *args, **kwargs)
