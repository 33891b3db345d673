"""Workshop, presenter, action plan and next measurement pages: who may read, who may write, refused input."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from improvement import services
from improvement.models import Action, NextMeasurement, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(closed_round, coordinator):
    return services.workshop_prepare(round=closed_round, user=coordinator)


def _read_urls(round) -> list[str]:
    args = [round.network.slug, round.slug]
    return [reverse("improvement:workshop", args=args), reverse("improvement:presenter", args=[*args, 1]),
            reverse("improvement:actions", args=[round.network.slug])]


def _write_requests(round, topic, action) -> list[tuple[str, dict]]:
    args = [round.network.slug, round.slug]
    return [
        (reverse("improvement:workshop", args=args), {}),
        (reverse("improvement:topic_move", args=[*args, topic.pk]), {"direction": "down"}),
        (reverse("improvement:topic_remove", args=[*args, topic.pk]), {}),
        (reverse("improvement:presenter", args=[*args, 1]), {"agreed": "3", "rationale": "x"}),
        (reverse("improvement:action_create", args=args), {"what": "Iets", "status": "gepland"}),
        (reverse("improvement:action_edit", args=[round.network.slug, action.pk]), {"what": "Anders",
                                                                                   "status": "loopt"}),
        (reverse("improvement:next_measurement", args=args), {"months": "6"}),
        (reverse("improvement:round_copy", args=args), {}),
    ]


@pytest.fixture
def action(closed_round, coordinator):
    return services.action_create(round=closed_round, what="Regisseur aanwijzen", user=coordinator)


def _unchanged(topic, action) -> bool:
    topic_now = Topic.objects.get(pk=topic.pk)
    return (topic_now.agreed_value is None and Action.objects.get(pk=action.pk).what == action.what
            and not NextMeasurement.objects.exists())


def test_anonymous_is_sent_to_login(client, closed_round, workshop, action):
    topic = workshop.topics.first()
    for url in _read_urls(closed_round):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    for url, data in _write_requests(closed_round, topic, action):
        assert client.post(url, data).status_code == 302, url
    assert _unchanged(topic, action)


def test_another_networks_coordinator_gets_404_everywhere(client_for, outsider, closed_round, workshop, action):
    client = client_for(outsider)
    topic = workshop.topics.first()
    for url in _read_urls(closed_round):
        assert client.get(url).status_code == 404, url
    for url, data in _write_requests(closed_round, topic, action):
        assert client.post(url, data).status_code == 404, url
    assert _unchanged(topic, action)


def test_member_reads_but_may_not_write(client_for, member, closed_round, workshop, action):
    client = client_for(member)
    topic = workshop.topics.first()
    for url in _read_urls(closed_round):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Afspraak bewaren" not in response.content.decode()
    assert "Regisseur aanwijzen" in client.get(reverse("improvement:actions",
                                                       args=[closed_round.network.slug])).content.decode()
    for url, data in _write_requests(closed_round, topic, action):
        assert client.post(url, data).status_code == 403, url
    assert _unchanged(topic, action)
    assert Topic.objects.filter(workshop=workshop).count() == workshop.topics.count()


def test_coordinator_prepares_decides_and_plans(client_for, coordinator, closed_round):
    client = client_for(coordinator)
    args = [closed_round.network.slug, closed_round.slug]
    assert client.post(reverse("improvement:workshop", args=args)).status_code == 302
    page = client.get(reverse("improvement:workshop", args=args)).content.decode()
    assert "Presentatie starten" in page
    slide = client.get(reverse("improvement:presenter", args=[*args, 1]))
    assert slide.status_code == 200
    text = slide.content.decode()
    # The distribution in answer labels, and the agreed-score choices on the item's own scale.
    assert "Geen overeenstemming" in text and 'value="none"' in text
    response = client.post(reverse("improvement:presenter", args=[*args, 1]), {"agreed": "3", "rationale": "Samen"})
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("improvement:presenter", args=[*args, 2]))
    topic = Topic.objects.get(workshop__round=closed_round, position=1)
    assert (topic.agreed_value, topic.rationale) == (3, "Samen")
    created = client.get(reverse("improvement:action_create", args=args), {"topic": topic.pk})
    assert 'value="SF.K1"' in created.content.decode()
    response = client.post(reverse("improvement:action_create", args=args),
                           {"topic": topic.pk, "what": "Rollen vastleggen", "target_code": "SF.K1",
                            "status": "gepland"})
    assert response.status_code == 302
    assert Action.objects.get(what="Rollen vastleggen").topic == topic
    for code in ("mk.1.1", "KO.4", "MK.2"):  # element, challenge and phase are accepted too (upper-cased)
        response = client.post(reverse("improvement:action_create", args=args),
                               {"what": f"Voor {code}", "target_code": code, "status": "loopt"})
        assert response.status_code == 302, code
    assert Action.objects.get(what="Voor mk.1.1").target_code == "MK.1.1"
    assert client.post(reverse("improvement:next_measurement", args=args), {"months": "6"}).status_code == 302
    assert NextMeasurement.objects.get(round=closed_round)
    assert AuditEvent.objects.filter(action=AuditAction.IMPROVEMENT_CHANGED).count() >= 4


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Kies een score of ‘geen overeenstemming’."),
    ({"agreed": "9"}, "Deze score hoort niet bij de antwoordschaal van de vraag."),
    ({"agreed": "drie"}, "Deze score hoort niet bij de antwoordschaal van de vraag."),
])
def test_bad_agreed_score_is_400_with_a_dutch_message(client_for, coordinator, closed_round, workshop, data,
                                                      message):
    args = [closed_round.network.slug, closed_round.slug]
    response = client_for(coordinator).post(reverse("improvement:presenter", args=[*args, 1]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Topic.objects.get(workshop=workshop, position=1).agreed_value is None


@pytest.mark.parametrize(("data", "message"), [
    ({"status": "gepland"}, "Beschrijf wat er gaat gebeuren."),
    ({"what": "X", "status": "misschien"}, "Selecteer een geldige keuze"),
    ({"what": "X", "status": "gepland", "due_on": "morgen"}, "Vul een geldige datum in"),
    ({"what": "X", "status": "gepland", "target_code": "SF.Z9"},
     "“SF.Z9” is geen succesfactor, element of uitdaging van deze vragenlijst."),
])
def test_bad_action_is_400_with_a_dutch_message(client_for, coordinator, closed_round, data, message):
    args = [closed_round.network.slug, closed_round.slug]
    response = client_for(coordinator).post(reverse("improvement:action_create", args=args), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Kies 3, 6 of 12 maanden of vul een datum in."),
    ({"months": "5"}, "Selecteer een geldige keuze"),
    ({"due_on": "2001-01-01"}, "De volgende meting moet in de toekomst liggen."),
    ({"due_on": "31-31-2027"}, "Vul een geldige datum in"),
])
def test_bad_next_measurement_is_400_with_a_dutch_message(client_for, coordinator, closed_round, data, message):
    args = [closed_round.network.slug, closed_round.slug]
    response = client_for(coordinator).post(reverse("improvement:next_measurement", args=args), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NextMeasurement.objects.exists()


def test_topic_beyond_the_agenda_is_404(client_for, coordinator, closed_round, workshop):
    args = [closed_round.network.slug, closed_round.slug]
    assert client_for(coordinator).get(reverse("improvement:presenter", args=[*args, 99])).status_code == 404


def test_workshop_for_an_open_round_is_409_saying_why(client_for, coordinator, make_round, network):
    round = make_round(network=network, status="open", slug="loopt")
    response = client_for(coordinator).post(reverse("improvement:workshop", args=[network.slug, round.slug]))
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()


def test_round_page_links_to_the_workshop_once_closed(client_for, member, closed_round):
    page = client_for(member).get(closed_round.get_absolute_url()).content.decode()
    assert reverse("improvement:workshop", args=[closed_round.network.slug, closed_round.slug]) in page


def test_presenter_shows_the_advice_and_makes_an_action_of_it_in_one_click(client_for, coordinator, closed_round,
                                                                          workshop):
    from improvement.presenter import topic_advice

    args = [closed_round.network.slug, closed_round.slug]
    client = client_for(coordinator)
    topic = Topic.objects.get(workshop=workshop, code="SF.P1.presence")
    advice = topic_advice(topic_code=topic.code)
    assert advice, "the advice file has advice for SF.P1"
    page = client.get(reverse("improvement:presenter", args=[*args, topic.position])).content.decode()
    assert "Advies bij dit punt" in page and "Actie maken van dit advies" in page
    form = client.get(reverse("improvement:action_create", args=args),
                      {"topic": topic.pk, "what": advice[0].title}).content.decode()
    assert 'value="SF.P1"' in form


def test_presenter_shows_groups_only_at_the_minimum_size(client_for, member, closed_round, workshop):
    from django.core.cache import cache
    from django.utils import timezone

    from rounds.models import Response, Round

    args = [closed_round.network.slug, closed_round.slug]
    topic = Topic.objects.get(workshop=workshop, code="SF.K1.presence")
    url = reverse("improvement:presenter", args=[*args, topic.position])
    client = client_for(member)
    # All four respondents work at the operational level: one group of four, shown.
    page = client.get(url).content.decode()
    assert "Per niveau" in page and "Operationeel" in page
    # One of them moves to the strategic level: a group of one is never shown, nor deducible.
    Response.objects.filter(pk=Response.objects.filter(round=closed_round).earliest("pk").pk).update(
        level="strategisch")
    Round.objects.filter(pk=closed_round.pk).update(answers_changed_at=timezone.now())
    cache.clear()
    assert "Strategisch" not in client.get(url).content.decode()
