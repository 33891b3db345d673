"""Small presentation rules: number formatting, labels, settings that change what is shown."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from results.templatetags.results_tags import num, signed
from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db


def test_numbers_use_the_language_and_missing_reads_as_a_dash():
    with translation.override("nl"):
        assert num(62.26) == "62,3"
        assert num(4.0, 0) == "4"
        assert "geen gegevens" in num(None) and "—" in num(None)
        assert signed(4.2) == "+4,2" and signed(-1.0) == "−1,0" and signed(0.04) == "0,0"
    with translation.override("en"):
        assert num(3.5) == "3.5"


@override_settings(KETENREGIE_MIN_GROUP_SIZE=1)
def test_minimum_group_size_comes_from_the_setting(client_for, network, coordinator, instrument):
    round = make_round(network=network, slug="een")
    add_response(round=round, answers={"SF.K1.presence": 5, "SF.K1.importance": 5})
    data = client_for(coordinator).get(reverse("results:json", args=[network.slug, round.slug])).json()
    assert data["reportable"] is True and data["min_group_size"] == 1
    assert data["factors"]["SF.K1"]["quadrant"] == "strength"


def test_round_without_answers_shows_the_notice(client_for, network, coordinator, instrument):
    round = make_round(network=network, slug="leeg")
    page = client_for(coordinator).get(reverse("results:dashboard", args=[network.slug, round.slug]))
    assert page.status_code == 200
    assert 'id="suppressed-notice"' in page.content.decode()


def test_json_keeps_accents_and_names_the_round(client_for, network, coordinator, instrument):
    round = make_round(network=network, slug="json")
    organisation = network.partnerships.first().organisation
    organisation.name = "Cliëntenraad Noord"
    organisation.save()
    for _ in range(3):
        add_response(round=round, organisation=organisation, answers={"KO.1": 2})
    response = client_for(coordinator).get(reverse("results:json", args=[network.slug, round.slug]))
    assert response["Content-Type"] == "application/json"
    assert "Cliëntenraad Noord" in response.content.decode()
    data = response.json()
    assert (data["network"], data["round"], data["round_status"], data["provisional"]) == (
        network.slug, "json", "closed", False)


def test_personal_page_shows_a_reverse_scored_item_as_answered(client_for, network, member, instrument):
    round = make_round(network=network, slug="omgekeerd", optional=("BB",))
    add_response(round=round, user=member, answers={"BB.6": 2})
    for _ in range(2):
        add_response(round=round, answers={"BB.6": 5})
    page = client_for(member).get(reverse("results:mine", args=[network.slug, round.slug])).content.decode()
    row = page[page.index('data-item="BB.6"'):]
    row = row[:row.index("</tr>")]
    # Scored as 4 and 1 after reflection; shown as the answers people gave.
    assert "<td>Oneens</td>" in row and "<td>Helemaal eens</td>" in row


def test_english_labels_on_the_dashboard(client_for, network, coordinator, instrument):
    round = make_round(network=network, slug="en")
    for _ in range(3):
        add_response(round=round, answers={"KO.3": 3, "SF.K1.presence": 4})
    client = client_for(coordinator)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("results:dashboard", args=[network.slug, round.slug]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Staff instability" in page  # KO.3's English label from the instrument
