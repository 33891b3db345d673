import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from networks import services
from networks.models import Organisation, Partnership, Sector


def test_refused_partnership_with_a_new_organisation_leaves_no_orphan_organisation(network):
    with pytest.raises(ValidationError):
        services.partnership_add(network=network, new_organisation_name="Gemeente Lelystad",
                                 new_organisation_sector=Sector.MUNICIPALITY, roles=["financier"],
                                 since=dt.date(2024, 1, 1), until=dt.date(2023, 1, 1))
    assert not Organisation.objects.filter(name="Gemeente Lelystad").exists()


def test_new_organisation_is_created_and_joined_in_one_step(network):
    partnership = services.partnership_add(network=network, new_organisation_name="  Gemeente   Lelystad ",
                                           new_organisation_sector=Sector.MUNICIPALITY, roles=["financier"])
    assert partnership.organisation.name == "Gemeente Lelystad"
    assert Partnership.objects.filter(network=network, organisation__name="Gemeente Lelystad").exists()
