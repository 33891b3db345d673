"""How long it takes, where people decide or start: the round form says what each optional module adds and how
long it takes, and what the fixed modules take; the start page, the round page and the invitations page say how
many questions the round has and about how long they take (computed from the round's active items)."""

import re

import pytest
from django.urls import reverse

from assessments.models import Instrument, Item, Module
from rounds.models import Invitation
from rounds.module_help import MODULE_HELP, module_extra_minutes
from rounds.selectors import minutes_for_items
from tests.must import found
from tests.rounds.manage_helpers import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    return Instrument.objects.get(slug="ketenregie", version=1)


def items_of(**filters) -> int:
    return Item.objects.filter(**filters).count()


def test_round_form_says_what_each_optional_module_adds_and_how_long_it_takes(client_for, coordinator, network,
                                                                             shipped):
    html = client_for(coordinator).get(reverse("rounds:create", kwargs={"network_slug": network.slug})).content.decode()
    modules = Module.objects.filter(instrument=shipped, optional=True)
    assert modules.count() >= 4
    for module in modules:
        option = re.search(rf'<input[^>]*value="{module.pk}"[^>]*aria-describedby="([^" ]+)', html)
        assert option, module.code
        description = found(rf'id="{option.group(1)}"[^>]*>([^<]+)<', html, group=1)
        count = items_of(dimension__module=module)
        minutes = module_extra_minutes(count)
        assert str(MODULE_HELP[module.code]) in description
        assert f"{count} vragen, ongeveer {minutes} minu" in description
    fixed = items_of(instrument=shipped, dimension__module__optional=False)
    assert f"{fixed} vragen) horen altijd bij de vragenlijst" in html
    assert f"ongeveer {minutes_for_items(fixed)} minuten" in html


@pytest.mark.parametrize(("items", "minutes"), [(1, 1), (6, 1), (7, 2), (12, 2), (13, 3)])
def test_a_module_adds_at_least_a_minute_at_the_questionnaires_pace(items, minutes):
    assert module_extra_minutes(items) == minutes


def test_start_round_and_invitation_pages_say_how_many_questions_and_how_long(client, client_for, coordinator,
                                                                             member, network, shipped):
    round = make_round(network=network, instrument=shipped, status="open")
    round.optional_modules.set(Module.objects.filter(instrument=shipped, code="KW"))
    items = items_of(instrument=shipped, dimension__module__optional=False) + items_of(
        dimension__module__in=round.optional_modules.all())
    expected = f"{items} vragen, ongeveer {minutes_for_items(items)} minuten."
    invitation = Invitation.objects.create(round=round, user=member)

    start = client.get(reverse("rounds:respond", kwargs={"token": invitation.token})).content.decode()
    assert expected in start
    coordinator_client = client_for(coordinator)
    kwargs = {"network_slug": network.slug, "round_slug": round.slug}
    assert expected in coordinator_client.get(reverse("rounds:detail", kwargs=kwargs)).content.decode()
    assert expected in coordinator_client.get(reverse("rounds:invitations", kwargs=kwargs)).content.decode()
