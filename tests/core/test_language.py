from django.urls import reverse


def test_dutch_is_the_default_even_for_an_english_browser(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()


def test_the_language_switch_chooses_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_dutch(client, db):
    client.cookies["django_language"] = "xx"
    assert client.get(reverse("login")).headers["Content-Language"] == "nl"
