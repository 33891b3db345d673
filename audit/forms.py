from typing import TYPE_CHECKING

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.ratelimit import client_ip, seconds_until

from .throttle import login_blocked_until

LOCKED_OUT = "locked_out"


if TYPE_CHECKING:
    # For the type checker the mixin is the login form it is mixed into; at run time a plain class.
    _LoginFormBase = AuthenticationForm
else:
    _LoginFormBase = object


class LoginThrottleMixin(_LoginFormBase):
    """Refuses the attempt before the password is even checked while the username or address is blocked.

    Failures themselves are counted by the ``user_login_failed`` receiver, so every login form that
    authenticates (site, admin) feeds the same counters.
    """

    def clean(self):
        username = self.data.get("username", "")
        until = login_blocked_until(username=username, ip=client_ip(self.request))
        if until is not None:
            minutes = max(1, -(-seconds_until(until) // 60))
            raise forms.ValidationError(
                ngettext(
                    "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd; probeer het over "
                    "%(minutes)d minuut opnieuw.",
                    "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd; probeer het over "
                    "%(minutes)d minuten opnieuw.",
                    minutes,
                ),
                code=LOCKED_OUT, params={"minutes": minutes},
            )
        return super().clean()


class ThrottledAuthenticationForm(LoginThrottleMixin, AuthenticationForm):
    """The site's login form: people log in with their e-mail address (it is their user name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("E-mailadres")
        field.widget.attrs.update({"autocomplete": "username", "inputmode": "email", "autocapitalize": "none"})


class ThrottledAdminAuthenticationForm(LoginThrottleMixin, AdminAuthenticationForm):
    pass


class SetOrResetPasswordForm(PasswordResetForm):
    """"Forgot password" also for accounts that never chose one (invited by e-mail, welcome link expired).

    Django skips accounts without a usable password; here they get a mail to *choose* a password instead. The
    page after the request is the same for every address, known or not, with or without a password.
    """

    set_password_subject = "registration/set_password_subject.txt"
    set_password_email = "registration/set_password_email.txt"

    def get_users(self, email):
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        candidates = user_model._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        wanted = email.casefold()
        return (user for user in candidates if (getattr(user, email_field) or "").casefold() == wanted)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        if not context["user"].has_usable_password():
            subject_template_name, email_template_name = self.set_password_subject, self.set_password_email
            html_email_template_name = None
        super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                          html_email_template_name)
