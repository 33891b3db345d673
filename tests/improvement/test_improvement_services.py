"""The improvement cycle's writes: proposed agenda, order, agreed scores, actions, next measurement, audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditAction, AuditEvent
from improvement import selectors, services
from improvement.models import ActionStatus, Topic, TopicKind
from rounds.models import Answer, RoundStatus

pytestmark = pytest.mark.django_db


def test_agenda_puts_disputed_items_before_priorities(closed_round, coordinator):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    topics = [(t.kind, t.code) for t in selectors.workshop_topics(workshop=workshop)]
    assert topics[0] == (TopicKind.DISPUTED, "SF.K1.presence")
    assert (TopicKind.PRIORITY, "SF.P1.presence") in topics
    # An item proposed as disputed is not proposed a second time as a priority.
    assert [code for _kind, code in topics].count("SF.K1.presence") == 1
    assert AuditEvent.objects.filter(action=AuditAction.IMPROVEMENT_CHANGED,
                                     details__what="workshop_prepared").exists()


def test_preparing_twice_keeps_the_existing_agenda(closed_round, coordinator):
    first = services.workshop_prepare(round=closed_round, user=coordinator)
    services.workshop_agenda_set(workshop=first, topic_ids=[first.topics.earliest("position").pk], user=coordinator)
    again = services.workshop_prepare(round=closed_round, user=coordinator)
    assert again.pk == first.pk
    assert again.topics.count() == 1


def test_an_open_round_has_no_workshop(make_round, network, coordinator):
    round = make_round(network=network, status=RoundStatus.OPEN, slug="loopt")
    with pytest.raises(ValidationError, match="ronde gesloten is"):
        services.workshop_prepare(round=round, user=coordinator)


def test_agenda_order_is_set_as_a_whole(closed_round, coordinator):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    first, second = selectors.workshop_topics(workshop=workshop)[:2]
    services.workshop_agenda_set(workshop=workshop, topic_ids=[second.pk, first.pk], user=coordinator)
    assert [t.pk for t in selectors.workshop_topics(workshop=workshop)] == [second.pk, first.pk]
    assert [t.position for t in selectors.workshop_topics(workshop=workshop)] == [1, 2]
    with pytest.raises(ValidationError, match="onbekend of dubbel"):
        services.workshop_agenda_set(workshop=workshop, topic_ids=[first.pk, first.pk], user=coordinator)


def test_agreed_score_is_kept_beside_the_answers_not_among_them(closed_round, coordinator):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    topic = workshop.topics.get(code="SF.K1.presence")
    answers_before = list(Answer.objects.filter(response__round=closed_round).values_list("pk", "value"))
    services.topic_decide(topic=topic, agreed_value=3, no_agreement=False, rationale="  Half-half.  ",
                                    user=coordinator)
    topic.refresh_from_db()
    assert (topic.agreed_value, topic.no_agreement, topic.rationale) == (3, False, "Half-half.")
    assert topic.decided_at is not None
    assert list(Answer.objects.filter(response__round=closed_round).values_list("pk", "value")) == answers_before


def test_agreed_score_must_be_on_the_items_own_scale(closed_round, coordinator):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    topic = workshop.topics.get(code="SF.K1.presence")
    with pytest.raises(ValidationError, match="buiten de schaal"):
        services.topic_decide(topic=topic, agreed_value=9, no_agreement=False, rationale="",
                                        user=coordinator)
    with pytest.raises(ValidationError, match="geen overeenstemming"):
        services.topic_decide(topic=topic, agreed_value=None, no_agreement=False, rationale="",
                                        user=coordinator)
    services.topic_decide(topic=topic, agreed_value=None, no_agreement=True, rationale="Oneens",
                                    user=coordinator)
    assert Topic.objects.get(pk=topic.pk).no_agreement


def test_action_owner_must_belong_to_the_network(closed_round, coordinator, other_network, make_membership):
    stranger = make_membership(network=other_network)
    with pytest.raises(ValidationError) as error:
        services.action_create(round=closed_round, user=coordinator, what="Regie beleggen",
                               owner_membership=stranger)
    assert "geen lid van dit netwerk" in str(error.value)
    partner = closed_round.network.partnerships.first().organisation
    action = services.action_create(round=closed_round, user=coordinator, what="Regie beleggen",
                                    target_code="SF.K1", owner_organisation=partner, due_on=dt.date(2027, 1, 1))
    assert (action.status, action.network_id, action.owner_label) == (
        ActionStatus.PLANNED, closed_round.network_id, partner.name)
    services.action_update(action=action, user=coordinator, status=ActionStatus.RUNNING)
    assert AuditEvent.objects.filter(action=AuditAction.IMPROVEMENT_CHANGED, details__what="action_updated").exists()


def test_action_status_must_be_one_of_the_four(closed_round, coordinator):
    with pytest.raises(ValidationError):
        services.action_create(round=closed_round, user=coordinator, what="X", status="misschien")


@pytest.mark.parametrize(("start", "months", "expected"), [
    (dt.date(2027, 1, 31), 3, dt.date(2027, 4, 30)),
    (dt.date(2027, 8, 15), 6, dt.date(2028, 2, 15)),
    (dt.date(2027, 2, 28), 12, dt.date(2028, 2, 28)),
])
def test_months_later_keeps_the_day_or_the_months_last_day(start, months, expected):
    assert services._add_months(start, months) == expected


def test_next_measurement_counts_from_the_closing_date(closed_round, coordinator):
    measurement = services.next_measurement_set(round=closed_round, user=coordinator, months=6)
    assert measurement.due_on > closed_round.closed_at.date()
    again = services.next_measurement_set(round=closed_round, user=coordinator, due_on=dt.date(2099, 1, 1))
    assert again.pk == measurement.pk and again.due_on == dt.date(2099, 1, 1)
    with pytest.raises(ValidationError, match="toekomst"):
        services.next_measurement_set(round=closed_round, user=coordinator, due_on=dt.date(2000, 1, 1))
    with pytest.raises(ValidationError, match="3, 6 of 12 maanden"):
        services.next_measurement_set(round=closed_round, user=coordinator, months=5)
