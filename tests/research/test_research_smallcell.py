"""The small-cell rule: attribute combinations of fewer than m respondents are coarsened, and the export says so."""

import pytest

from networks.models import ChainRole, Level, Sector
from research.models import ExportLog
from research.pseudonyms import pseudonym
from research.smallcell import COARSENED, coarsen
from tests.research.research_testkit import body, download, read_csv

OP, TA, ST = Level.OPERATIONAL, Level.TACTICAL, Level.STRATEGIC
PRO, PAR, DIR = ChainRole.PROFESSIONAL, ChainRole.CHAIN_PARTNER, ChainRole.CHAIN_DIRECTOR
C = COARSENED


#: Respondents per (level, chain role, sector).
Counts = dict[tuple[str, str, str], int]


def test_groups_of_at_least_m_are_published_unchanged():
    result = coarsen(counts={(OP, PRO, "youth_care"): 3, (TA, PAR, "welfare"): 4}, min_group_size=3)
    assert result.mapping == {(OP, PRO, "youth_care"): (OP, PRO, "youth_care"),
                              (TA, PAR, "welfare"): (TA, PAR, "welfare")}
    assert result.coarsened_respondents == 0


def test_chain_role_is_dropped_first():
    counts: Counts = {(OP, PRO, "youth_care"): 2, (OP, PAR, "youth_care"): 1, (TA, PAR, "welfare"): 3}
    result = coarsen(counts=counts, min_group_size=3)
    assert result.publish((OP, PRO, "youth_care")) == (OP, C, "youth_care")
    assert result.publish((OP, PAR, "youth_care")) == (OP, C, "youth_care")
    assert result.coarsened_respondents == 3 and result.coarsened_attributes == 3


def test_then_sector_then_level():
    counts: Counts = {(OP, PRO, "youth_care"): 1, (OP, PRO, "welfare"): 2, (TA, PRO, "welfare"): 1, (ST, DIR, "x"): 1,
              (ST, PAR, "y"): 1, (TA, PAR, "z"): 1, (ST, PRO, "welfare"): 4}
    result = coarsen(counts=counts, min_group_size=3)
    assert result.publish((OP, PRO, "youth_care")) == (OP, C, C)  # OP pool of 3 after dropping sector
    assert result.publish((OP, PRO, "welfare")) == (OP, C, C)
    assert result.publish((TA, PRO, "welfare")) == (C, C, C)  # TA holds 2 people: level dropped too
    assert result.publish((ST, PRO, "welfare")) == (ST, PRO, "welfare")


def test_small_remainder_pulls_in_the_smallest_published_group():
    # After coarsening, one person is left fully hidden: the smallest published group joins them.
    counts: Counts = {(OP, PRO, "youth_care"): 5, (TA, PAR, "welfare"): 3, (ST, DIR, "justice"): 1}
    result = coarsen(counts=counts, min_group_size=3)
    assert result.publish((ST, DIR, "justice")) == (C, C, C)
    assert result.publish((TA, PAR, "welfare")) == (C, C, C)
    assert result.publish((OP, PRO, "youth_care")) == (OP, PRO, "youth_care")
    published: dict[tuple[str, str, str], int] = {}
    for combo, n in counts.items():
        published[result.publish(combo)] = published.get(result.publish(combo), 0) + n
    assert min(published.values()) >= 3


def test_unknown_combination_is_hidden_completely():
    assert coarsen(counts={}, min_group_size=3).publish((OP, PRO, "x")) == (C, C, C)


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_export_coarsens_a_unique_combination(client_for, researcher, consenting, make_round, add_partner, layout):
    network = consenting()
    youth = network.partnerships.first().organisation
    justice = add_partner(network, sector=Sector.JUSTICE)
    profiles = [(OP, PRO, youth)] * 4 + [(ST, DIR, justice)]
    round_ = make_round(network=network, profiles=profiles)
    response = download(client_for(researcher), layout=layout, format="csv")
    rows = read_csv(body(response))
    people = {row["respondent_pid"]: (row["level"], row["chain_role"], row["partner_sector"]) for row in rows}
    combos = sorted(people.values())
    # The director from justice may not be recognisable; the pool of hidden people must hold at least 3.
    assert ("strategisch", "ketenregisseur", "justice") not in combos
    for combo in set(combos):
        assert combos.count(combo) >= 3
    assert response["X-Ketenregie-Coarsened"] == "5"
    log = ExportLog.objects.get(pk=response["X-Ketenregie-Export-Id"])
    assert log.coarsened == 5
    assert {row["round_pid"] for row in rows} == {pseudonym(kind="round", pk=round_.pk)}


def test_common_combinations_stay_visible(client_for, researcher, consenting, make_round):
    network = consenting()
    make_round(network=network, respondents=4)
    response = download(client_for(researcher), layout="long", format="csv")
    rows = read_csv(body(response))
    assert {(r["level"], r["chain_role"], r["partner_sector"]) for r in rows} == {
        ("operationeel", "professional", "youth_care")}
    assert response["X-Ketenregie-Coarsened"] == "0"


def test_json_metadata_reports_coarsening(client_for, researcher, consenting, make_round, add_partner):
    import json

    network = consenting()
    youth = network.partnerships.first().organisation
    make_round(network=network, profiles=[(OP, PRO, youth)] * 3 + [(TA, PAR, add_partner(network))])
    data = json.loads(body(download(client_for(researcher), layout="long", format="json")))
    assert data["metadata"]["coarsened"]["respondents"] == 4
    assert data["metadata"]["coarsened"]["value"] == COARSENED
    assert data["metadata"]["min_group_size"] == 3
