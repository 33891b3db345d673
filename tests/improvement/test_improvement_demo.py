"""The demo holds one network that has been through the improvement cycle once."""

from io import StringIO

import pytest
from django.core.management import call_command

from improvement.models import Action, NextMeasurement, Workshop
from networks.thesis import DOEN_WAT_WERKT

pytestmark = pytest.mark.django_db


def test_demo_network_went_through_the_cycle_once_and_loading_again_adds_nothing():
    call_command("load_demo", stdout=StringIO())
    workshop = Workshop.objects.get(round__network__slug=DOEN_WAT_WERKT, round__slug="2024-najaar")
    decided = [topic for topic in workshop.topics.all() if topic.is_decided]
    assert len(decided) == 3 and any(topic.no_agreement for topic in decided)
    assert Action.objects.filter(round=workshop.round).count() == 3
    assert NextMeasurement.objects.filter(round=workshop.round).exists()
    call_command("load_demo", stdout=StringIO())
    assert Action.objects.filter(round__network__slug=DOEN_WAT_WERKT).count() == 3
