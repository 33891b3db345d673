"""Writing the improvement cycle. Every write goes to the audit log; agreed scores never touch answers."""

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments.models import ScaleOption
from audit.models import AuditAction
from audit.services import audit_record
from networks.models import Membership, Network, Organisation
from rounds.models import Round
from rounds.services.rounds import round_create

from . import selectors
from .models import Action, NextMeasurement, Topic, Workshop

NEXT_MEASUREMENT_MONTHS = (3, 6, 12)


def _audit(*, user, target: str, what: str, **details) -> None:
    audit_record(action=AuditAction.IMPROVEMENT_CHANGED, actor=user, target=target, details={"what": what, **details})


@transaction.atomic
def workshop_prepare(*, round: Round, user) -> Workshop:
    """The workshop of a closed round with the proposed agenda; an existing workshop is returned unchanged."""
    if not round.is_closed:
        raise ValidationError(_("Een bijeenkomst kan pas worden voorbereid als de ronde gesloten is."))
    workshop, created = Workshop.objects.get_or_create(round=round, defaults={"created_by": user})
    if created:
        # The capped proposal: every open element of every phase would make an agenda of sixty topics.
        agenda = selectors.agenda_proposal(round=round)
        Topic.objects.bulk_create([Topic(workshop=workshop, kind=kind, code=code, position=i)
                                   for i, (kind, code) in enumerate(agenda, start=1)])
        _audit(user=user, target=f"round:{round.pk}", what="workshop_prepared", topics=len(agenda))
    return workshop


@transaction.atomic
def workshop_agenda_set(*, workshop: Workshop, topic_ids: list[int], user) -> None:
    """Keep the listed topics in the given order; topics left out are removed from the agenda."""
    topics = {topic.pk: topic for topic in workshop.topics.select_for_update()}
    unknown = [pk for pk in topic_ids if pk not in topics]
    if unknown or len(set(topic_ids)) != len(topic_ids):
        raise ValidationError(_("De agenda bevat een onbekend of dubbel agendapunt."))
    workshop.topics.exclude(pk__in=topic_ids).delete()
    for position, pk in enumerate(topic_ids, start=1):
        topics[pk].position = position
    Topic.objects.bulk_update([topics[pk] for pk in topic_ids], ["position"])
    _audit(user=user, target=f"round:{workshop.round_id}", what="agenda_set", topics=len(topic_ids))


@transaction.atomic
def topic_decide(*, topic: Topic, agreed_value: int | None, no_agreement: bool, rationale: str, user) -> Topic:
    """Record the group's score on the item's own scale, or that it reached no agreement."""
    item = topic.workshop.round.instrument.items.filter(code=topic.code).first()
    allowed = set(ScaleOption.objects.filter(scale_id=item.scale_id).values_list("value", flat=True)) if item else set()
    if no_agreement:
        agreed_value = None
    elif agreed_value is None:
        raise ValidationError(_("Kies een afgesproken score of 'geen overeenstemming'."))
    elif agreed_value not in allowed:
        raise ValidationError(_("De afgesproken score ligt buiten de schaal van deze vraag."))
    topic.agreed_value = agreed_value
    topic.no_agreement = no_agreement
    topic.rationale = rationale.strip()
    topic.decided_at = timezone.now()
    topic.full_clean()
    topic.save()
    _audit(user=user, target=f"topic:{topic.pk}", what="topic_decided", code=topic.code,
           agreed_value=agreed_value, no_agreement=no_agreement)
    return topic


def _check_owner(*, network: Network, owner_membership: Membership | None,
                 owner_organisation: Organisation | None) -> None:
    if owner_membership is not None and owner_membership.network_id != network.pk:
        raise ValidationError(_("De eigenaar is geen lid van dit netwerk."))
    if owner_organisation is not None and not network.partnerships.filter(organisation=owner_organisation).exists():
        raise ValidationError(_("De organisatie is geen partner in dit netwerk."))


@transaction.atomic
def action_create(*, round: Round, what: str, user, target_code: str = "", topic: Topic | None = None,
                  owner_membership: Membership | None = None, owner_organisation: Organisation | None = None,
                  due_on: date | None = None, status: str = "gepland", notes: str = "") -> Action:
    if topic is not None and topic.workshop.round_id != round.pk:
        raise ValidationError(_("Dit agendapunt hoort niet bij deze ronde."))
    _check_owner(network=round.network, owner_membership=owner_membership, owner_organisation=owner_organisation)
    action = Action(network=round.network, round=round, topic=topic, what=what.strip(), target_code=target_code,
                    owner_membership=owner_membership, owner_organisation=owner_organisation, due_on=due_on,
                    status=status, notes=notes.strip(), created_by=user)
    action.full_clean()
    action.save()
    _audit(user=user, target=f"action:{action.pk}", what="action_created", round=round.pk)
    return action


@transaction.atomic
def action_update(*, action: Action, user, **fields) -> Action:
    _check_owner(network=action.network, owner_membership=fields.get("owner_membership"),
                 owner_organisation=fields.get("owner_organisation"))
    allowed = {"what", "target_code", "owner_membership", "owner_organisation", "due_on", "status", "notes"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    action.full_clean()
    action.save()
    _audit(user=user, target=f"action:{action.pk}", what="action_updated", fields=sorted(fields))
    return action


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def next_measurement_set(*, round: Round, user, months: int | None = None, due_on: date | None = None,
                         today: date | None = None) -> NextMeasurement:
    """Plan the next measurement 3, 6 or 12 months after the round closed (or today), or on a chosen date."""
    today = today or timezone.localdate()
    if months is not None:
        if months not in NEXT_MEASUREMENT_MONTHS:
            raise ValidationError(_("Kies 3, 6 of 12 maanden."))
        start = timezone.localdate(round.closed_at) if round.closed_at else today
        due_on = _add_months(start, months)
    if due_on is None:
        raise ValidationError(_("Kies een termijn of een datum voor de volgende meting."))
    if due_on <= today:
        raise ValidationError(_("De volgende meting moet in de toekomst liggen."))
    planned, _created = NextMeasurement.objects.update_or_create(
        round=round, defaults={"due_on": due_on, "set_by": user, "reminded_at": None})
    _audit(user=user, target=f"round:{round.pk}", what="next_measurement_set", due_on=due_on.isoformat())
    return planned


@transaction.atomic
def round_copy_setup(*, round: Round, user) -> Round:
    """A new draft round with this round's questionnaire, modules and invitation text (no invitees, no answers)."""
    base = f"{round.name} – {_('vervolgmeting')}"
    slug_base = slugify(f"{round.slug}-vervolg")[:70]
    slug, n = slug_base, 1
    while Round.objects.filter(network=round.network, slug=slug).exists():
        n += 1
        slug = f"{slug_base}-{n}"
    planned = NextMeasurement.objects.filter(round=round).first()
    new = round_create(network=round.network, created_by=user, name=base[:200], slug=slug,
                       instrument=round.instrument, optional_modules=round.optional_modules.all(),
                       opens_on=planned.due_on if planned else None, show_respondents=round.show_respondents,
                       invitation_message=round.invitation_message)
    _audit(user=user, target=f"round:{new.pk}", what="round_copied", source=round.pk)
    return new


def next_measurements_remind(*, today: date | None = None, days_ahead: int = 14) -> int:
    """Mail the coordinators of each network whose next measurement is due within ``days_ahead`` days, once."""
    from datetime import timedelta

    today = today or timezone.localdate()
    due = (NextMeasurement.objects.filter(reminded_at__isnull=True, due_on__lte=today + timedelta(days=days_ahead))
           .select_related("round__network"))
    sent = 0
    for planned in due:
        # Claim the reminder before mailing: of two runs at once (the daily job and the command, or two
        # workers) only the one whose update matched the row sends it; a failed mail gives the claim back.
        if not NextMeasurement.objects.filter(pk=planned.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()):
            continue
        network = planned.round.network
        emails = list(network.memberships.filter(role="coordinator").values_list("user__email", flat=True))
        if emails:
            try:
                _reminder_send(planned=planned, network=network, emails=emails)
            except Exception:
                NextMeasurement.objects.filter(pk=planned.pk).update(reminded_at=None)
                raise
            sent += 1
    return sent


def _reminder_send(*, planned: NextMeasurement, network, emails: list[str]) -> None:
    from django.core.mail import send_mail

    send_mail(
        subject=_("Volgende meting van %(network)s nadert") % {"network": network.name},
        message=_("De volgende meting van %(network)s staat gepland op %(date)s. U kunt de opzet van "
                  "ronde '%(round)s' kopiëren naar een nieuwe conceptronde.")
        % {"network": network.name, "date": planned.due_on.strftime("%d-%m-%Y"),
           "round": planned.round.name},
        from_email=None, recipient_list=emails)
