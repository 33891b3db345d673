"""Writes of the improvement cycle. Every write is validated (full_clean) and leaves an audit event."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import audit_record
from networks.models import Membership, Organisation
from rounds.models import Round

from . import selectors
from .models import Action, NextMeasurement, Topic, Workshop

NEXT_MEASUREMENT_MONTHS = (3, 6, 12)


def _audit(*, actor, target: str, what: str, **details) -> None:
    audit_record(action=AuditAction.IMPROVEMENT_CHANGED, actor=actor, target=target, details={"what": what, **details})


def _require_closed(round: Round) -> None:
    if not round.is_closed:
        raise ValidationError(_("Een bijeenkomst bereidt u voor op een gesloten ronde: sluit de ronde eerst."))


@transaction.atomic
def workshop_prepare(*, round: Round, created_by) -> Workshop:
    """The workshop of a closed round with the proposed agenda; an existing workshop is returned unchanged."""
    _require_closed(round)
    workshop = selectors.workshop_for_round(round=round)
    if workshop is not None:
        return workshop
    workshop = Workshop(round=round, created_by=created_by)
    workshop.full_clean()
    workshop.save()
    for position, (kind, code) in enumerate(selectors.agenda_proposal(round=round), start=1):
        topic = Topic(workshop=workshop, kind=kind, code=code, position=position)
        topic.full_clean()
        topic.save()
    _audit(actor=created_by, target=str(round), what="workshop_prepared", topics=workshop.topics.count())
    return workshop


@transaction.atomic
def topic_move(*, topic: Topic, up: bool, actor) -> None:
    """Swap the topic with its neighbour above or below (nothing happens at either end)."""
    topics = list(Topic.objects.select_for_update().filter(workshop=topic.workshop).order_by("position"))
    index = next(i for i, t in enumerate(topics) if t.pk == topic.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(topics):
        return
    topics[index], topics[other] = topics[other], topics[index]
    for position, item in enumerate(topics, start=1):
        if item.position != position:
            Topic.objects.filter(pk=item.pk).update(position=position)
    _audit(actor=actor, target=str(topic.workshop), what="topic_moved", code=topic.code, up=up)


@transaction.atomic
def topic_remove(*, topic: Topic, actor) -> None:
    workshop, code = topic.workshop, topic.code
    topic.delete()
    for position, pk in enumerate(workshop.topics.order_by("position").values_list("pk", flat=True), start=1):
        Topic.objects.filter(pk=pk).update(position=position)
    _audit(actor=actor, target=str(workshop), what="topic_removed", code=code)


@transaction.atomic
def topic_add(*, workshop: Workshop, kind: str, code: str, actor) -> Topic:
    if selectors.round_item(round=workshop.round, code=code) is None:
        raise ValidationError({"code": _("Deze vraag hoort niet bij de vragenlijst van deze ronde.")})
    last = workshop.topics.aggregate(last=Max("position"))["last"] or 0
    topic = Topic(workshop=workshop, kind=kind, code=code, position=last + 1)
    topic.full_clean()
    topic.save()
    _audit(actor=actor, target=str(workshop), what="topic_added", code=code)
    return topic


@transaction.atomic
def topic_record_agreement(*, topic: Topic, agreed_value: int | None, no_agreement: bool, rationale: str,
                           actor) -> Topic:
    """The group's agreed score on the item's own scale, or "geen overeenstemming"; never an answer."""
    if no_agreement and agreed_value is not None:
        raise ValidationError(_("Kies een afgesproken score óf ‘geen overeenstemming’, niet allebei."))
    if agreed_value is not None:
        item = selectors.round_item(round=topic.workshop.round, code=topic.code)
        allowed = {value for value, _label in selectors.item_scale_choices(item=item)} if item else set()
        if agreed_value not in allowed:
            raise ValidationError({"agreed_value": _("Deze score hoort niet bij de antwoordschaal van de vraag.")})
    topic.agreed_value = agreed_value
    topic.no_agreement = no_agreement
    topic.rationale = rationale.strip()
    topic.decided_at = timezone.now() if (no_agreement or agreed_value is not None) else None
    topic.full_clean()
    topic.save()
    _audit(actor=actor, target=str(topic.workshop), what="agreement_recorded", code=topic.code,
           agreed_value=agreed_value, no_agreement=no_agreement)
    return topic


def _check_owner(*, action: Action) -> None:
    network = action.network
    errors = {}
    if action.owner_membership_id and not Membership.objects.filter(
            pk=action.owner_membership_id, network=network).exists():
        errors["owner_membership"] = _("Deze persoon is geen lid van dit netwerk.")
    if action.owner_organisation_id and not Organisation.objects.filter(
            pk=action.owner_organisation_id, partnerships__network=network).exists():
        errors["owner_organisation"] = _("Deze organisatie is geen partner in dit netwerk.")
    if action.round.network_id != network.pk:
        errors["round"] = _("Deze ronde hoort niet bij dit netwerk.")
    if action.topic_id and action.topic.workshop.round.network_id != network.pk:
        errors["topic"] = _("Dit agendapunt hoort niet bij dit netwerk.")
    if errors:
        raise ValidationError(errors)


ACTION_FIELDS = ("what", "target_code", "owner_membership", "owner_organisation", "due_on", "status", "notes")


@transaction.atomic
def action_create(*, round: Round, created_by, topic: Topic | None = None, **fields) -> Action:
    action = Action(network=round.network, round=round, topic=topic, created_by=created_by,
                    **{key: value for key, value in fields.items() if key in ACTION_FIELDS})
    action.full_clean()
    _check_owner(action=action)
    action.save()
    _audit(actor=created_by, target=str(round), what="action_created", action_id=action.pk)
    return action


@transaction.atomic
def action_update(*, action: Action, actor, **fields) -> Action:
    for key, value in fields.items():
        if key in ACTION_FIELDS:
            setattr(action, key, value)
    action.full_clean()
    _check_owner(action=action)
    action.save()
    _audit(actor=actor, target=str(action.round), what="action_updated", action_id=action.pk, status=action.status)
    return action


def months_later(*, start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 3 = 30 Apr)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def next_measurement_set(*, round: Round, set_by, months: int | None = None, due_on: date | None = None
                         ) -> NextMeasurement:
    """Months count from the closing date (today for a round still open); an explicit date wins."""
    if due_on is None:
        if months not in NEXT_MEASUREMENT_MONTHS:
            raise ValidationError(_("Kies 3, 6 of 12 maanden of vul een datum in."))
        start = timezone.localdate(round.closed_at) if round.closed_at else timezone.localdate()
        due_on = months_later(start=start, months=months)
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("De volgende meting ligt in de toekomst: kies een latere datum.")})
    measurement = selectors.next_measurement_for_round(round=round) or NextMeasurement(round=round)
    measurement.due_on = due_on
    measurement.set_by = set_by
    measurement.reminded_at = None
    measurement.full_clean()
    measurement.save()
    _audit(actor=set_by, target=str(round), what="next_measurement_set", due_on=due_on.isoformat())
    return measurement
