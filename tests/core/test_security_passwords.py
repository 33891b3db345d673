"""Passwords: at least 12 characters and not a common password, enforced where users choose one."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.must import found

OLD = "correct-horse-battery"
GOOD = "lange-zin-met-koffie-42"


def _change(client, new1: str, new2: str | None = None):
    return client.post(reverse("password_change"),
                       {"old_password": OLD, "new_password1": new1, "new_password2": new2 or new1})


@pytest.mark.parametrize("password", ["Kort-maar-1", "q1w2e3r4t5y6", "qwerty123456", "123456654321"])
def test_password_change_refuses_short_and_common_passwords(client_for, make_user, password):
    user = make_user()
    response = _change(client_for(user), password)
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_password_change_names_the_reason(client_for, make_user):
    response = _change(client_for(make_user()), "Kort-maar-1")
    assert "12" in " ".join(response.context["form"].errors["new_password2"])


def test_password_change_accepts_a_long_uncommon_password_and_keeps_the_session(client_for, make_user):
    user = make_user()
    client = client_for(user)
    response = _change(client, GOOD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)
    assert client.get(reverse("networks:list")).status_code == 200


def _reset_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def _reset_form_url(client, user) -> str:
    # Django swaps the token for a session marker first; follow that redirect to the form.
    response = client.get(_reset_url(user))
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("password", ["Elf-tekens1", "1qaz2wsx3edc", "123qweasdzxc"])
def test_password_reset_refuses_short_and_common_passwords(client, make_user, password):
    user = make_user()
    url = _reset_form_url(client, user)
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(OLD)


def _reset_url_for_token(user, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def test_password_reset_accepts_a_good_password_once(client, make_user):
    user = make_user()
    token = default_token_generator.make_token(user)
    url = client.get(_reset_url_for_token(user, token))["Location"]
    assert client.post(url, {"new_password1": GOOD, "new_password2": GOOD}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)
    # The link is single-use: once the password changed, the same token no longer opens the form.
    again = client.get(_reset_url_for_token(user, token))
    assert again.status_code == 200
    assert "new_password1" not in again.content.decode()


def test_password_reset_mail_goes_only_to_known_addresses(client, make_user):
    user = make_user(email="bekend@example.org")
    client.post(reverse("password_reset"), {"email": "onbekend@example.org"})
    client.post(reverse("password_reset"), {"email": "bekend@example.org"})
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_an_account_without_a_password_gets_a_set_password_mail(client, make_user):
    user = make_user(email="uitgenodigd@example.org")
    user.set_unusable_password()
    user.save()

    response = client.post(reverse("password_reset"), {"email": "Uitgenodigd@Example.org"})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[user.email]]
    message = mail.outbox[0]
    assert "Kies een wachtwoord" in message.subject
    link = found(r"https?://\S+/accounts/reset/\S+/", str(message.body))
    form_url = client.get(link[link.index("/accounts/"):])["Location"]
    assert client.post(form_url, {"new_password1": GOOD, "new_password2": GOOD}).status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)


def test_the_answer_page_is_the_same_for_unknown_passwordless_and_ordinary_addresses(client, make_user):
    passwordless = make_user(email="zonder@example.org")
    passwordless.set_unusable_password()
    passwordless.save()
    make_user(email="met@example.org")
    answers = []
    for email in ("onbekend@example.org", "zonder@example.org", "met@example.org"):
        response = client.post(reverse("password_reset"), {"email": email}, follow=True)
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        answers.append((response.status_code, response.redirect_chain, page))
    assert answers[0] == answers[1] == answers[2]
    assert len(mail.outbox) == 2


def test_an_inactive_account_gets_no_mail(client, make_user):
    user = make_user(email="weg@example.org", is_active=False)
    user.set_unusable_password()
    user.save()
    client.post(reverse("password_reset"), {"email": "weg@example.org"})
    assert mail.outbox == []
