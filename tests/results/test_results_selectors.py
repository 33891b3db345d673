"""The bridge from the database to the scoring engine: a hand-made round gives hand-computed numbers."""

import pytest
from django.core.management import CommandError

from networks.models import Level
from results.selectors import NOMINAL_SCALES, round_item_specs, round_respondents, round_scores
from rounds.models import RoundStatus
from tests.results.results_testkit import add_response, make_round, network_scores

pytestmark = pytest.mark.django_db

# Three respondents (one column each). None is "weet niet"; codes left out are unanswered.
ANSWERS = {
    "SF.K1.presence": (5, 4, 3),        # mean 4 -> (4 - 1) / 4 * 100 = 75
    "SF.K1.importance": (5, 5, None),   # mean 5 -> 100, one "weet niet"
    "SF.K2.presence": (1, 1, 1),        # 0
    "SF.K2.importance": (3, 3, 3),      # 50
    "MK.1.1": (3, 3, 0),
    "MK.1.2": (3, 2, 1),                # phase 1: ja 1, gedeeltelijk 1/2, gepland 0: 3.5 / 6 = 58.3 %
    "MK.2.1": (0, 0, 0),                # phase 2: 0 %
    "MK.phase": (2, 2, 3),              # lower median 2
    "KO.3": (3, 2, 1),                  # recognised 2 of 3 = 66.7 %, mean 2.0
    "KO.1": (0, None, 1),               # recognised 0 of 2, mean 0.5
    "BB.6": (2, 2, 2),                  # reverse-scored on 1-5: 1 + 5 - 2 = 4
    "BB.1": (1, 3, 3),                  # nominal scale: counts only
    "KW.1": (5, 5, 5),                  # module KW is not switched on: ignored
}


@pytest.fixture
def hand_round(network, instrument):
    network.claimed_phase = 1
    network.save()
    round = make_round(network=network, slug="voorjaar", optional=("BB",))
    organisation = network.partnerships.first().organisation
    for person in range(3):
        add_response(round=round, organisation=organisation, level=Level.TACTICAL,
                     answers={code: values[person] for code, values in ANSWERS.items()})
    # Started but never submitted: must not count anywhere.
    add_response(round=round, answers={"SF.K1.presence": 1, "KO.3": 0}, submitted=False)
    return round


def test_specs_cover_active_modules_with_scale_bounds_and_flags(hand_round):
    specs = {spec.code: spec for spec in round_item_specs(round=hand_round)}
    assert {spec.module for spec in specs.values()} == {"SF", "MK", "KO", "BB"}
    assert (specs["MK.1.1"].scale_min, specs["MK.1.1"].scale_max) == (0, 3)
    assert specs["SF.P3.presence"].critical and specs["SF.P1.importance"].precondition
    assert specs["SF.X1.presence"].extra
    assert specs["SF.O4.presence"].factor == "SF.O4" and specs["SF.O4.presence"].aspect == "presence"
    assert specs["BB.6"].reverse
    assert "route3" in NOMINAL_SCALES and specs["BB.1"].categorical


def test_only_submitted_responses_become_respondents(hand_round):
    respondents = round_respondents(round=hand_round)
    assert len(respondents) == 3
    assert {r.level for r in respondents} == {"tactisch"}
    assert all(r.answers["SF.K1.importance"] in (5, None) for r in respondents)
    assert sum(1 for r in respondents if r.answers["SF.K1.importance"] is None) == 1


def test_command_prints_hand_computed_numbers(hand_round):
    data = network_scores("jeugdketen-noord", "--round", "voorjaar")
    assert data["respondents"] == 3
    assert data["factors"]["SF.K1"]["presence"] == 75.0
    assert data["factors"]["SF.K1"]["importance"] == 100.0
    assert data["items"]["SF.K1.importance"]["n_dont_know"] == 1
    assert data["factors"]["SF.K2"]["quadrant"] == "underexposed"
    assert data["factors"]["SF.K1"]["quadrant"] == "strength"
    assert data["areas"]["K"] == {"presence": 37.5, "importance": 75.0, "n": 3, "factors": 2}
    assert data["minkman"]["phases"]["1"] == 58.3
    assert data["minkman"]["phases"]["2"] == 0.0
    # two of phase 1's ten elements answered: too little to place the network ("onvoldoende gegevens")
    assert data["minkman"]["profile"]["1"]["covered_elements"] == 2
    assert data["minkman"]["calculated_phase"] is None and data["minkman"]["insufficient_data"] is True
    assert data["minkman"]["claimed_phase"] == 2
    assert data["minkman"]["network_claimed_phase"] == 1
    assert data["minkman"]["mismatch"] is None and data["minkman"]["mismatch_network"] is None
    assert data["challenges"]["KO.3"] == {"recognised_share": 66.7, "mean": 2.0, "n": 3, "n_dont_know": 0,
                                            "n_not_applicable": 0}
    assert data["challenges"]["KO.1"]["recognised_share"] == 0.0 and data["challenges"]["KO.1"]["mean"] == 0.5
    assert data["items"]["BB.6"]["mean"] == 4.0
    assert data["items"]["BB.1"]["mean"] is None and data["items"]["BB.1"]["distribution"] == {"1": 1, "3": 2}
    assert "KW.1" not in data["items"]
    assert data["breakdowns"]["level"]["groups"]["tactisch"]["n"] == 3


def test_default_round_is_the_latest_closed_one(network, instrument):
    older = make_round(network=network, slug="oud")
    add_response(round=older, answers={"KO.3": 3})
    newer = make_round(network=network, slug="nieuw")
    add_response(round=newer, answers={"KO.3": 0})
    add_response(round=newer, answers={"KO.3": 0})
    running = make_round(network=network, slug="loopt", status=RoundStatus.OPEN)
    add_response(round=running, answers={"KO.3": 3})
    assert network_scores(network.slug)["respondents"] == 2


def test_trend_compares_with_the_previous_closed_round(network, instrument):
    from datetime import date

    earlier = make_round(network=network, slug="2023", closes_on=date(2023, 6, 1))
    for value in (1, 1, 1):
        add_response(round=earlier, answers={"SF.K1.presence": value})
    later = make_round(network=network, slug="2024", closes_on=date(2024, 6, 1))
    for value in (3, 3, 3):
        add_response(round=later, answers={"SF.K1.presence": value})
    scores = round_scores(round=later)
    assert scores.trend is not None
    assert scores.trend.factors["SF.K1"]["presence"] == 50.0
    assert round_scores(round=earlier).trend is None


def test_no_trend_against_a_round_below_the_minimum(network, instrument):
    from datetime import date

    earlier = make_round(network=network, slug="2023", closes_on=date(2023, 6, 1))
    add_response(round=earlier, answers={"SF.K1.presence": 1})
    later = make_round(network=network, slug="2024", closes_on=date(2024, 6, 1))
    for _ in range(3):
        add_response(round=later, answers={"SF.K1.presence": 3})
    assert round_scores(round=later).trend is None


@pytest.mark.parametrize(("args", "message"), [
    (("onbekend",), "bestaat niet"),
    (("jeugdketen-noord", "--round", "nope"), "geen ronde"),
    (("jeugdketen-noord",), "nog geen gesloten ronde"),
])
def test_command_errors_are_clear(network, instrument, args, message):
    make_round(network=network, slug="loopt", status=RoundStatus.OPEN)
    with pytest.raises(CommandError, match=message):
        network_scores(*args)


def test_command_output_has_the_keys_the_issue_asks_for(hand_round):
    data = network_scores("jeugdketen-noord", "--round", "voorjaar")
    assert isinstance(data["respondents"], int)
    assert {"presence", "importance", "n"} <= set(data["areas"]["K"])
    assert {"presence", "importance", "sd", "quadrant"} <= set(data["factors"]["SF.O4"])
    assert {"phases", "calculated_phase", "claimed_phase", "mismatch"} <= set(data["minkman"])
    assert set(data["minkman"]["phases"]) == {"1", "2", "3", "4"}
    assert {"recognised_share", "mean"} <= set(data["challenges"]["KO.3"])
