"""Writes to rounds: create, edit, open, close, reopen. Views call these; they validate and run atomically."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Instrument, InstrumentStatus, Module
from networks.models import Network

from ..models import Answer, Round, RoundStatus
from .errors import RoundStateError
from .invitations import invitations_mail_pending

# "new" would be shadowed by the URL of the create page (rounds/new/).
RESERVED_SLUGS = frozenset({"new"})


def _round_has_answers(round: Round) -> bool:
    return Answer.objects.filter(response__round=round).exists()


def _validate_fields(*, network: Network, round: Round | None, name: str, slug: str, instrument: Instrument,
                     optional_modules: list[Module], opens_on: date | None, closes_on: date | None) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append(_("Geef de ronde een naam."))
    if slug in RESERVED_SLUGS:
        errors.setdefault("slug", []).append(_("De korte naam “%(slug)s” is gereserveerd. Kies een andere.")
                                             % {"slug": slug})
    duplicates = Round.objects.filter(network=network, slug=slug)
    if round is not None:
        duplicates = duplicates.exclude(pk=round.pk)
    if slug and duplicates.exists():
        errors.setdefault("slug", []).append(
            _("Dit netwerk heeft al een ronde met de korte naam “%(slug)s”. Kies een andere.") % {"slug": slug})
    keeps_instrument = round is not None and round.instrument_id == instrument.pk
    if instrument.status != InstrumentStatus.PUBLISHED and not keeps_instrument:
        errors.setdefault("instrument", []).append(_("Kies een gepubliceerde versie van de vragenlijst."))
    for module in optional_modules:
        if module.instrument_id != instrument.pk:
            errors.setdefault("optional_modules", []).append(
                _("Module %(module)s hoort niet bij %(instrument)s.") % {"module": module.code,
                                                                          "instrument": instrument})
        elif not module.optional:
            errors.setdefault("optional_modules", []).append(
                _("Module %(module)s is altijd onderdeel van de vragenlijst en kan niet worden gekozen.")
                % {"module": module.code})
    if opens_on and closes_on and closes_on < opens_on:
        errors.setdefault("closes_on", []).append(_("De sluitdatum ligt vóór de openingsdatum."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(*, network: Network, created_by, name: str, slug: str, instrument: Instrument,
                 optional_modules: Iterable[Module] = (), opens_on: date | None = None,
                 closes_on: date | None = None, show_respondents: bool = False,
                 invitation_message: str = "") -> Round:
    # Lock the network row so that two coordinators creating the same slug at once get a clear error,
    # not an IntegrityError from the unique constraint.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    modules = list(optional_modules)
    _validate_fields(network=network, round=None, name=name, slug=slug, instrument=instrument,
                     optional_modules=modules, opens_on=opens_on, closes_on=closes_on)
    round = Round(network=network, name=name.strip(), slug=slug, instrument=instrument, opens_on=opens_on,
                  closes_on=closes_on, show_respondents=show_respondents, created_by=created_by,
                  invitation_message=invitation_message.strip())
    round.full_clean()
    round.save()
    round.optional_modules.set(modules)
    return round


@transaction.atomic
def round_update(*, round: Round, name: str, slug: str, instrument: Instrument,
                 optional_modules: Iterable[Module], opens_on: date | None, closes_on: date | None,
                 show_respondents: bool, invitation_message: str = "") -> Round:
    """Edit a round. Instrument, modules and the anonymity choice are fixed once the first answer exists."""
    Network.objects.select_for_update().filter(pk=round.network_id).first()
    round = Round.objects.select_for_update().get(pk=round.pk)
    modules = list(optional_modules)
    _validate_fields(network=round.network, round=round, name=name, slug=slug, instrument=instrument,
                     optional_modules=modules, opens_on=opens_on, closes_on=closes_on)
    if _round_has_answers(round):
        current_modules = set(round.optional_modules.values_list("pk", flat=True))
        locked = {}
        if instrument.pk != round.instrument_id:
            locked["instrument"] = _("De vragenlijstversie ligt vast: er zijn al antwoorden gegeven.")
        if {module.pk for module in modules} != current_modules:
            locked["optional_modules"] = _("De modules liggen vast: er zijn al antwoorden gegeven.")
        if show_respondents != round.show_respondents:
            locked["show_respondents"] = _("De keuze over anonimiteit ligt vast: er zijn al antwoorden gegeven.")
        if locked:
            raise ValidationError(locked)
    round.name = name.strip()
    round.slug = slug
    round.instrument = instrument
    round.opens_on = opens_on
    round.closes_on = closes_on
    round.show_respondents = show_respondents
    round.invitation_message = invitation_message.strip()
    round.full_clean()
    round.save()
    round.optional_modules.set(modules)
    return round


@transaction.atomic
def round_open(*, round: Round) -> Round:
    """Draft → open, or reopen a closed round. Invitations not yet mailed are mailed after commit."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.OPEN:
        raise RoundStateError(_("Deze ronde is al open."), code="already_open")
    now = timezone.now()
    round.status = RoundStatus.OPEN
    round.opened_at = round.opened_at or now
    round.closed_at = None
    round.full_clean()
    round.save(update_fields=["status", "opened_at", "closed_at"])
    invitations_mail_pending(round=round)
    return round


@transaction.atomic
def round_close(*, round: Round) -> Round:
    """Open → closed. From then on no invitation link gives access to the questionnaire."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.DRAFT:
        raise RoundStateError(_("Een concept-ronde kan niet gesloten worden: open hem eerst."), code="draft")
    if round.status == RoundStatus.CLOSED:
        raise RoundStateError(_("Deze ronde is al gesloten."), code="already_closed")
    round.status = RoundStatus.CLOSED
    round.closed_at = timezone.now()
    round.full_clean()
    round.save(update_fields=["status", "closed_at"])
    return round
