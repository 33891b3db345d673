"""Instrument version 2 offers "weet niet" and "n.v.t." apart: both are saved, resumed and shown as chosen;
version 1 keeps its one combined answer and refuses "n.v.t."."""

import pytest
from django.urls import reverse

from networks.models import Level
from rounds.models import Answer, PageState, Response
from rounds.questionnaire import questionnaire_for_round
from rounds.services.responses import page_save
from tests.must import present
from tests.rounds.respond_builders import answer_page, build_instrument, build_round

pytest_plugins = ["tests.rounds.respond_support"]


@pytest.fixture
def instrument(db):
    instrument = build_instrument(n=3)
    instrument.offers_not_applicable = True
    instrument.save()
    return instrument


@pytest.fixture
def questionnaire(open_round):
    return questionnaire_for_round(round=open_round)


@pytest.fixture
def confirmed(client, token, invitation, network):
    client.post(reverse("rounds:respond", kwargs={"token": token}))
    organisation = network.partnerships.first().organisation
    client.post(reverse("rounds:respond_profile", kwargs={"token": token}),
                {"organisation": organisation.pk, "level": Level.TACTICAL})
    return Response.objects.get(invitation=invitation)


def _page_url(token, key):
    return reverse("rounds:respond_page", kwargs={"token": token, "page": key})


def _stored(response):
    return {code: (value, na) for code, value, na in
            Answer.objects.filter(response=response).values_list("item__code", "value", "not_applicable")}


def test_the_page_offers_weet_niet_and_nvt_as_two_labelled_choices(client, token, confirmed):
    html = client.get(_page_url(token, "SF-K")).content.decode()
    assert html.count('value="dk"') == 3 and html.count('value="na"') == 3
    assert html.count(">Weet niet</label>") == 3 and html.count(">Niet van toepassing</label>") == 3
    assert "Weet niet / n.v.t." not in html
    assert 'for="q-SF_K1_presence-na"' in html and 'id="q-SF_K1_presence-na"' in html


def test_nvt_and_weet_niet_are_stored_apart_and_resume_checked(client, token, confirmed, questionnaire):
    page = questionnaire.page("SF-K")
    codes = [item.code for item in page.items]
    extra = {f"item-{codes[0]}": "na", f"item-{codes[1]}": "dk", f"item-{codes[2]}": "4"}
    answer_page(client, token, page, extra=extra)

    stored = _stored(confirmed)
    assert stored == {codes[0]: (None, True), codes[1]: (None, False), codes[2]: (4, False)}
    html = client.get(_page_url(token, "SF-K")).content.decode()
    assert 'value="na" checked' in html and 'value="dk" checked' in html and 'value="4" checked' in html
    review = client.get(reverse("rounds:respond_review", kwargs={"token": token}))
    progress = {p.page.key: p for _section, pages in review.context["sections"] for p in pages}
    assert (progress["SF-K"].answered, progress["SF-K"].dont_know, progress["SF-K"].not_applicable) == (3, 1, 1)


def test_changing_nvt_into_weet_niet_and_into_a_value_replaces_the_row(client, token, confirmed, questionnaire):
    page = questionnaire.page("KO")
    answer_page(client, token, page, value="na")
    assert set(_stored(confirmed).values()) == {(None, True)}
    answer_page(client, token, page, value="dk", revision=1)
    assert set(_stored(confirmed).values()) == {(None, False)}
    answer_page(client, token, page, value="2", revision=2)
    assert set(_stored(confirmed).values()) == {(2, False)}
    assert Answer.objects.filter(response=confirmed).count() == 3


def test_autosave_keeps_nvt_apart_from_weet_niet(client, token, confirmed, questionnaire):
    page = questionnaire.page("MK-1")
    result = answer_page(client, token, page, value="na", url_name="rounds:respond_autosave")
    assert result.status_code == 200 and result.json()["ok"] is True
    assert set(_stored(confirmed).values()) == {(None, True)}
    # The same save again (an autosave racing "next" from the same tab) is accepted as already stored.
    again = answer_page(client, token, page, value="na", url_name="rounds:respond_autosave")
    assert again.json()["ok"] is True
    assert PageState.objects.get(response=confirmed, page="MK-1").revision == 1


def test_the_overview_names_both_answers(client, token, confirmed, questionnaire):
    page = questionnaire.page("KO")
    codes = [item.code for item in page.items]
    answer_page(client, token, page, extra={f"item-{codes[0]}": "na", f"item-{codes[1]}": "dk",
                                            f"item-{codes[2]}": "1"})
    html = client.get(reverse("rounds:respond_review", kwargs={"token": token})).content.decode()
    assert "waarvan 1 n.v.t." in html and "waarvan 1 weet niet" in html


def test_a_version_1_round_refuses_nvt_and_keeps_the_other_answers(client, token, confirmed, network, make_membership):
    v1 = build_instrument(n=3)
    round = build_round(network=network, instrument=v1)
    q = questionnaire_for_round(round=round)
    page = present(q.page("KO"))
    assert not q.offers_not_applicable
    response = Response.objects.create(round=round)
    with pytest.raises(Exception, match="geen antwoord"):
        page_save(response=response, page=page, revision=0, values={page.items[0].code: "na"}, comment=None)
    assert not Answer.objects.filter(response=response).exists()
