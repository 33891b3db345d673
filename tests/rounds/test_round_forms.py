"""Creating and editing rounds: defaults, validation errors with clear messages (never a 500), locks."""

import pytest
from django.urls import reverse

from assessments.models import Instrument, InstrumentStatus, Module
from rounds.models import Round, RoundStatus
from tests.must import present
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


def _create_url(network) -> str:
    return reverse("rounds:create", kwargs={"network_slug": network.slug})


def _edit_url(round) -> str:
    return reverse("rounds:edit", kwargs={"network_slug": round.network.slug, "round_slug": round.slug})


def _data(chosen, **overrides) -> dict:
    data = {"name": "Voorjaar 2026", "slug": "", "instrument": chosen.pk, "opens_on": "2026-03-01",
            "closes_on": "2026-04-15", "show_respondents": "0"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def instrument(db):
    return make_instrument()


def test_create_round_makes_a_draft_with_slug_from_name(client_for, coordinator, network, instrument):
    kw = Module.objects.get(instrument=instrument, code="KW")
    response = client_for(coordinator).post(_create_url(network), _data(instrument, optional_modules=[kw.pk]))
    round = Round.objects.get(network=network)
    assert response.status_code == 302
    assert response["Location"] == round.get_absolute_url()
    assert (round.slug, round.status, round.created_by) == ("voorjaar-2026", RoundStatus.DRAFT, coordinator)
    assert list(round.optional_modules.all()) == [kw]
    assert round.show_respondents is False


def test_create_form_defaults_to_latest_published_instrument(client_for, coordinator, network, db):
    latest = present(Instrument.objects.latest_published())
    response = client_for(coordinator).get(_create_url(network))
    assert response.context["form"]["instrument"].value() == latest.pk


def test_create_form_offers_only_optional_modules_of_published_versions(client_for, coordinator, network,
                                                                        instrument):
    make_instrument(slug="ingetrokken", status=InstrumentStatus.RETIRED, optional=("ZZ",))
    form = client_for(coordinator).get(_create_url(network)).context["form"]
    codes = {module.code for module in form.fields["optional_modules"].queryset}
    assert {"KW", "CX"} <= codes
    assert "SF" not in codes and "ZZ" not in codes


def test_duplicate_slug_in_same_network_is_refused_clearly(client_for, coordinator, network, instrument):
    make_round(network=network, instrument=instrument, slug="voorjaar-2026")
    response = client_for(coordinator).post(_create_url(network), _data(instrument))
    assert response.status_code == 400
    assert "al een ronde met de korte naam “voorjaar-2026”" in response.content.decode()
    assert Round.objects.filter(network=network).count() == 1


def test_same_slug_in_another_network_is_fine(client_for, coordinator, network, other_network, instrument):
    make_round(network=other_network, instrument=instrument, slug="voorjaar-2026")
    response = client_for(coordinator).post(_create_url(network), _data(instrument))
    assert response.status_code == 302
    assert Round.objects.filter(slug="voorjaar-2026").count() == 2


def test_slug_new_is_reserved_because_it_is_the_create_url(client_for, coordinator, network, instrument):
    response = client_for(coordinator).post(_create_url(network), _data(instrument, name="New"))
    assert response.status_code == 400
    assert "gereserveerd" in response.content.decode()


def test_closing_date_before_opening_date_is_refused(client_for, coordinator, network, instrument):
    response = client_for(coordinator).post(_create_url(network),
                                            _data(instrument, opens_on="2026-05-01", closes_on="2026-04-01"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "De sluitdatum ligt vóór de openingsdatum." in html
    assert 'aria-describedby="id_closes_on_helptext id_closes_on_error"' in html
    assert not Round.objects.exists()


@pytest.mark.parametrize("tampered", ["999999", "abc", "-1", ""])
def test_tampered_instrument_id_is_refused_clearly(client_for, coordinator, network, instrument, tampered):
    response = client_for(coordinator).post(_create_url(network), _data(instrument, instrument=tampered))
    assert response.status_code == 400
    html = response.content.decode()
    assert "versie van de vragenlijst" in html
    assert not Round.objects.exists()


def test_retired_instrument_cannot_be_chosen_for_a_new_round(client_for, coordinator, network, instrument):
    retired = make_instrument(slug="oud", status=InstrumentStatus.RETIRED)
    response = client_for(coordinator).post(_create_url(network), _data(retired))
    assert response.status_code == 400
    assert "bestaat niet of is niet gepubliceerd" in response.content.decode()


def test_module_of_another_instrument_is_refused(client_for, coordinator, network, instrument):
    other = make_instrument(slug="andere-lijst")
    foreign = Module.objects.get(instrument=other, code="KW")
    response = client_for(coordinator).post(_create_url(network), _data(instrument, optional_modules=[foreign.pk]))
    assert response.status_code == 400
    assert "Module KW hoort niet bij" in response.content.decode()
    assert not Round.objects.exists()


@pytest.mark.parametrize("tampered", ["SF", "999999", "x"])
def test_mandatory_unknown_or_garbage_module_is_refused(client_for, coordinator, network, instrument, tampered):
    value = Module.objects.get(instrument=instrument, code="SF").pk if tampered == "SF" else tampered
    response = client_for(coordinator).post(_create_url(network), _data(instrument, optional_modules=[value]))
    assert response.status_code == 400
    assert "module" in response.content.decode().lower()
    assert not Round.objects.exists()


def test_garbage_dates_and_anonymity_value_are_refused_without_500(client_for, coordinator, network, instrument):
    response = client_for(coordinator).post(
        _create_url(network), _data(instrument, opens_on="31-31-2026", show_respondents="maybe"))
    assert response.status_code == 400
    assert "Kies een van de twee mogelijkheden." in response.content.decode()


def test_name_of_only_spaces_is_refused(client_for, coordinator, network, instrument):
    response = client_for(coordinator).post(_create_url(network), _data(instrument, name="   "))
    assert response.status_code == 400
    assert "Geef de ronde een naam." in response.content.decode()


def test_radio_group_for_anonymity_is_a_fieldset_with_legend(client_for, coordinator, network, instrument):
    html = client_for(coordinator).get(_create_url(network)).content.decode()
    assert "<fieldset" in html and "<legend" in html
    assert "Wat zien coördinatoren van de respons?" in html


def test_edit_changes_name_dates_and_anonymity_before_answers(client_for, coordinator, network, instrument):
    round = make_round(network=network, instrument=instrument, slug="najaar")
    response = client_for(coordinator).post(
        _edit_url(round), _data(instrument, name="Najaar 2026", slug="najaar", show_respondents="1"))
    assert response.status_code == 302
    round.refresh_from_db()
    assert (round.name, round.show_respondents) == ("Najaar 2026", True)


def test_edit_to_slug_of_another_round_is_refused(client_for, coordinator, network, instrument):
    make_round(network=network, instrument=instrument, slug="voorjaar")
    round = make_round(network=network, instrument=instrument, slug="najaar")
    response = client_for(coordinator).post(_edit_url(round), _data(instrument, slug="voorjaar"))
    assert response.status_code == 400
    round.refresh_from_db()
    assert round.slug == "najaar"


def test_anonymity_instrument_and_modules_lock_after_first_answer(client_for, coordinator, member, network,
                                                                   instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, slug="najaar")
    respond(invitation=invite(round=round, users=[member])[0], answer=True)
    other = make_instrument(slug="andere-lijst")
    client = client_for(coordinator)
    form = client.get(_edit_url(round)).context["form"]
    assert form.fields["show_respondents"].disabled
    assert form.fields["instrument"].disabled
    assert form.fields["optional_modules"].disabled
    kw = Module.objects.get(instrument=instrument, code="KW")
    response = client.post(_edit_url(round), _data(other, name="Nieuwe naam", slug="najaar", show_respondents="1",
                                                   optional_modules=[kw.pk]))
    # Disabled fields ignore posted values: the other fields are saved, the locked ones stay as they were.
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.name == "Nieuwe naam"
    assert round.show_respondents is False
    assert round.instrument == instrument
    assert not round.optional_modules.exists()


def test_started_response_without_answers_does_not_lock_anonymity(client_for, coordinator, member, network,
                                                                   instrument):
    round = make_round(network=network, instrument=instrument, status=RoundStatus.OPEN, slug="najaar")
    respond(invitation=invite(round=round, users=[member])[0])
    response = client_for(coordinator).post(_edit_url(round), _data(instrument, slug="najaar", show_respondents="1"))
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.show_respondents is True
