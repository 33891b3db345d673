"""The cycle in the dashboard and the report, the reminder for the next measurement and copying a round."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from improvement import selectors, services
from improvement.models import NextMeasurement
from reports.selectors import report_cache_key
from reports.services import report_html_for_pdf
from results import selectors as results_selectors
from rounds.models import Round, RoundStatus
from tests.must import present

pytestmark = pytest.mark.django_db

# The next round: SF.P1 (the action's target) clearly higher, SF.K1 (no action) unchanged.
LATER = [
    {"SF.K1.presence": 1, "SF.K1.importance": 5, "SF.P1.presence": 4, "SF.P1.importance": 5, "MK.1.1": 1},
    {"SF.K1.presence": 5, "SF.K1.importance": 5, "SF.P1.presence": 5, "SF.P1.importance": 5, "MK.1.1": 1},
    {"SF.K1.presence": 1, "SF.K1.importance": 5, "SF.P1.presence": 4, "SF.P1.importance": 5, "MK.1.1": 1},
    {"SF.K1.presence": 5, "SF.K1.importance": 5, "SF.P1.presence": 5, "SF.P1.importance": 4, "MK.1.1": 1},
]


def _decided(round, coordinator, value=5):
    workshop = services.workshop_prepare(round=round, user=coordinator)
    topic = workshop.topics.get(code="SF.K1.presence")
    services.topic_decide(topic=topic, agreed_value=value, no_agreement=False, rationale="Na gesprek", user=coordinator)
    return topic


def test_dashboard_shows_the_agreed_score_beside_the_mean_and_flags_a_far_one(closed_round, coordinator, member,
                                                                             client_for):
    _decided(closed_round, coordinator, value=5)  # mean 3 on a 1-5 scale: two points away, far
    page = client_for(member).get(reverse("results:dashboard", args=[closed_round.network.slug, closed_round.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="table-agreed"' in html and "Na gesprek" in html
    assert "ver van het gemiddelde" in html
    [row] = selectors.agreed_rows(round=closed_round)
    assert row.mean == pytest.approx(3.0) and row.far


def test_an_agreed_score_close_to_the_mean_is_not_far(closed_round, coordinator):
    _decided(closed_round, coordinator, value=3)
    [row] = selectors.agreed_rows(round=closed_round)
    assert not row.far


def test_report_holds_agreed_scores_and_the_action_plan_appendix(closed_round, coordinator):
    topic = _decided(closed_round, coordinator)
    services.action_create(round=closed_round, user=coordinator, topic=topic, what="Casusoverleg elke maand",
                           target_code="SF.K1")
    html = report_html_for_pdf(round=closed_round, interim=False)
    assert 'id="sec-agreed"' in html and 'id="sec-actions"' in html
    assert "Casusoverleg elke maand" in html


def test_a_new_action_changes_the_report_cache_key(closed_round, coordinator):
    before = report_cache_key(round=closed_round, language="nl")
    services.action_create(round=closed_round, user=coordinator, what="Werkafspraken vastleggen")
    assert report_cache_key(round=closed_round, language="nl") != before


def test_next_round_report_shows_per_action_whether_its_factor_moved(make_round, network, coordinator):
    first = make_round(network=network, slug="voorjaar")
    Round.objects.filter(pk=first.pk).update(closed_at=timezone.now() - dt.timedelta(days=200),
                                             opened_at=timezone.now() - dt.timedelta(days=220))
    services.action_create(round=first, user=coordinator, what="Regiehouder per casus", target_code="SF.P1")
    later = make_round(network=network, slug="najaar", answers=LATER)
    section = present(selectors.report_section(round=later, scores=results_selectors.round_scores(round=later)))
    [(action, effect)] = section.effects
    assert action.what == "Regiehouder per casus"
    assert effect.code == "SF.P1.presence"
    assert effect.delta == pytest.approx(3.25, abs=0.05)  # 1.25 -> 4.5; the trend is rounded
    assert effect.moved is True and present(effect.uncertainty) > 0
    # SF.K1 had no action and did not move, so it is not listed as moved without action.
    assert all(moved.code != "SF.K1.presence" for moved in section.moved_without_action)
    html = report_html_for_pdf(round=later, interim=False)
    assert 'id="sec-effects"' in html and "verschoven" in html


def test_reminder_goes_to_the_coordinators_once(closed_round, coordinator, member):
    services.next_measurement_set(round=closed_round, user=coordinator, due_on=timezone.localdate() + dt.timedelta(
        days=10))
    assert services.next_measurements_remind() == 1
    assert mail.outbox[-1].to == [coordinator.email]
    assert services.next_measurements_remind() == 0
    assert NextMeasurement.objects.get(round=closed_round).reminded_at is not None


def test_reminder_waits_until_the_measurement_is_near(closed_round, coordinator):
    services.next_measurement_set(round=closed_round, user=coordinator, months=12)
    assert services.next_measurements_remind() == 0
    assert not mail.outbox


def test_copy_setup_makes_a_draft_with_the_same_questionnaire(closed_round, coordinator):
    services.next_measurement_set(round=closed_round, user=coordinator, months=6)
    copy = services.round_copy_setup(round=closed_round, user=coordinator)
    assert copy.status == RoundStatus.DRAFT and copy.instrument_id == closed_round.instrument_id
    assert copy.opens_on == NextMeasurement.objects.get(round=closed_round).due_on
    assert not copy.responses.exists()
    assert services.round_copy_setup(round=closed_round, user=coordinator).slug != copy.slug
