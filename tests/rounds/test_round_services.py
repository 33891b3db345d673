"""Round services: the rules hold even when called without the forms (the anonymity lock, status changes)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from assessments.models import Module
from rounds.models import RoundStatus
from rounds.services import rounds as services
from rounds.services.rounds import RoundStateError
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


@pytest.fixture
def instrument(db):
    return make_instrument()


def _update_args(round, **overrides) -> dict:
    args = {"name": round.name, "slug": round.slug, "instrument": round.instrument,
            "optional_modules": list(round.optional_modules.all()), "opens_on": round.opens_on,
            "closes_on": round.closes_on, "show_respondents": round.show_respondents}
    args.update(overrides)
    return args


def test_service_refuses_to_change_anonymity_once_an_answer_exists(network, member, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    respond(invitation=invite(round=round, users=[member])[0], answer=True)
    with pytest.raises(ValidationError) as exc:
        services.round_update(round=round, **_update_args(round, show_respondents=True))
    assert "show_respondents" in exc.value.error_dict
    round.refresh_from_db()
    assert round.show_respondents is False


def test_service_refuses_to_change_instrument_or_modules_once_an_answer_exists(network, member, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN)
    respond(invitation=invite(round=round, users=[member])[0], answer=True)
    kw = Module.objects.get(instrument=instrument, code="KW")
    with pytest.raises(ValidationError) as exc:
        services.round_update(round=round, **_update_args(round, optional_modules=[kw]))
    assert "optional_modules" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.round_update(round=round, **_update_args(round, instrument=make_instrument(slug="x")))
    assert "instrument" in exc.value.error_dict


def test_service_refuses_module_of_another_instrument_and_mandatory_module(network, coordinator, instrument):
    foreign = Module.objects.get(instrument=make_instrument(slug="x"), code="KW")
    mandatory = Module.objects.get(instrument=instrument, code="SF")
    for module in (foreign, mandatory):
        with pytest.raises(ValidationError) as exc:
            services.round_create(network=network, created_by=coordinator, name="R", slug="r",
                                  instrument=instrument, optional_modules=[module])
        assert "optional_modules" in exc.value.error_dict


def test_service_refuses_duplicate_slug_with_a_message_not_an_integrity_error(network, coordinator, instrument):
    make_round(network=network, instrument=instrument, slug="r")
    with pytest.raises(ValidationError) as exc:
        services.round_create(network=network, created_by=coordinator, name="R", slug="r", instrument=instrument)
    assert "slug" in exc.value.error_dict


def test_open_sets_opened_at_and_close_sets_closed_at(network, instrument):
    round = make_round(network=network, instrument=instrument)
    round = services.round_open(round=round)
    assert round.status == RoundStatus.OPEN and round.opened_at is not None
    round = services.round_close(round=round)
    assert round.status == RoundStatus.CLOSED and round.closed_at is not None


def test_reopen_keeps_first_opened_at_and_clears_closed_at(network, instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.CLOSED)
    first_opened = round.opened_at
    round = services.round_open(round=round)
    assert round.status == RoundStatus.OPEN
    assert round.opened_at == first_opened
    assert round.closed_at is None


@pytest.mark.parametrize(("status", "action"), [
    (RoundStatus.OPEN, "round_open"), (RoundStatus.DRAFT, "round_close"), (RoundStatus.CLOSED, "round_close"),
])
def test_impossible_status_changes_raise_state_errors(network, instrument, status, action):
    round = make_round(network=network, instrument=instrument, status=status)
    with pytest.raises(RoundStateError):
        getattr(services, action)(round=round)
    round.refresh_from_db()
    assert round.status == status


def test_opening_a_draft_mails_the_invitations_created_before(network, member, make_membership, instrument,
                                                              django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=instrument)
    second = make_membership(network=network).user
    invite(round=round, users=[member, second], sent=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round=round)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, second.email])
    assert all(invitation.sent_at for invitation in round.invitations.all())


def test_reopening_does_not_mail_again(network, member, instrument, django_capture_on_commit_callbacks):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.CLOSED)
    invite(round=round, users=[member], sent=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_open(round=round)
    assert mail.outbox == []
