"""Breakdowns: minimum group size, the merged "other" group, complementary disclosure."""

import json
from typing import Any, cast

import pytest

from scoring.answers import index_items, score_answers
from scoring.groups import partition_groups, score_breakdowns
from scoring.standard import standard_item_specs
from scoring.types import Respondent

INDEX = index_items(items=standard_item_specs())


def _sheets(sizes: dict[str | None, int], attribute: str = "organisation"):
    people = []
    for name, size in sizes.items():
        for i in range(size):
            people.append(
                Respondent(
                    id=f"{name}-{i}",
                    answers={"SF.K1.presence": 5 if name == "Alpha" else 1},
                    **cast(dict[str, Any], {attribute: name}),
                )
            )
    return score_answers(items=INDEX, respondents=people)


def _partition(sizes: dict[str | None, int], min_group_size: int = 3):
    return partition_groups(sheets=_sheets(sizes), attribute="organisation", min_group_size=min_group_size)


def _shown(partition) -> dict[str | None, int]:
    return {key: len(members) for key, members in partition.shown.items()}


def test_all_groups_large_enough() -> None:
    partition = _partition({"Alpha": 4, "Beta": 3})
    assert _shown(partition) == {"Alpha": 4, "Beta": 3}
    assert partition.other is None
    assert (partition.merged_groups, partition.suppressed_groups) == (0, 0)


def test_small_groups_merge_into_other_when_that_reaches_the_minimum() -> None:
    partition = _partition({"Alpha": 4, "Beta": 3, "Gamma": 1, "Delta": 2})
    assert _shown(partition) == {"Alpha": 4, "Beta": 3}
    assert partition.other is not None and len(partition.other) == 3
    assert (partition.merged_groups, partition.suppressed_groups) == (2, 0)


def test_complementary_disclosure_suppresses_the_next_smallest_group() -> None:
    # Gamma (1) alone is below 3 and cannot be merged; showing Alpha and Beta would let a
    # reader compute Gamma as total minus Alpha minus Beta, so Beta (smallest) goes too.
    partition = _partition({"Alpha": 4, "Beta": 3, "Gamma": 1})
    assert _shown(partition) == {"Alpha": 4}
    assert partition.other is None
    assert (partition.merged_groups, partition.suppressed_groups) == (0, 2)


def test_complementary_tie_is_broken_by_name() -> None:
    partition = _partition({"Beta": 3, "Alpha": 3, "Gamma": 2})
    assert _shown(partition) == {"Beta": 3}
    assert partition.suppressed_groups == 2


def test_one_large_and_one_small_group_shows_nothing() -> None:
    partition = _partition({"Alpha": 5, "Gamma": 1})
    assert _shown(partition) == {}
    assert partition.suppressed_groups == 2


def test_round_below_the_minimum_suppresses_every_group() -> None:
    partition = _partition({"Alpha": 1, "Beta": 1})
    assert _shown(partition) == {} and partition.other is None
    assert partition.suppressed_groups == 2


def test_minimum_of_one_shows_everything() -> None:
    partition = _partition({"Alpha": 1, "Beta": 2}, min_group_size=1)
    assert _shown(partition) == {"Alpha": 1, "Beta": 2}


def test_missing_attribute_is_its_own_group() -> None:
    partition = _partition({"Alpha": 3, None: 3})
    assert _shown(partition) == {"Alpha": 3, None: 3}
    blank = partition_groups(
        sheets=score_answers(items=INDEX, respondents=[Respondent(id="x", organisation="  ")]),
        attribute="organisation",
        min_group_size=1,
    )
    assert list(blank.shown) == [None]


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        partition_groups(sheets=[], attribute="email", min_group_size=3)
    with pytest.raises(ValueError):
        partition_groups(sheets=[], attribute="level", min_group_size=0)


def test_breakdown_scores_and_no_names_of_hidden_groups() -> None:
    sheets = _sheets({"Alpha": 4, "Beta": 3, "Gamma": 1, "Delta": 2, None: 3})
    breakdown = score_breakdowns(items=INDEX, sheets=sheets, min_group_size=3)["organisation"]
    assert set(breakdown.groups) == {"Alpha", "Beta"}
    assert breakdown.groups["Alpha"].n == 4
    assert breakdown.groups["Alpha"].areas["K"].presence == 100.0
    assert breakdown.groups["Beta"].areas["K"].presence == 0.0
    assert breakdown.unspecified is not None and breakdown.unspecified.n == 3
    assert breakdown.other is not None and breakdown.other.n == 3
    text = json.dumps(breakdown.to_dict())
    assert "Gamma" not in text and "Delta" not in text

    hidden = score_breakdowns(items=INDEX, sheets=_sheets({"Alpha": 4, "Beta": 3, "Gamma": 1}), min_group_size=3)[
        "organisation"
    ].to_dict()
    assert set(hidden["groups"]) == {"Alpha"}
    assert hidden["suppressed_groups"] == 2
    assert "Beta" not in json.dumps(hidden) and "Gamma" not in json.dumps(hidden)


def test_breakdown_by_level_includes_phases_and_challenges() -> None:
    people = [
        Respondent(id=f"s{i}", level="strategisch", answers={"MK.1.1": 3, "KO.1": 3, "SF.K1.presence": 5})
        for i in range(3)
    ] + [
        Respondent(id=f"o{i}", level="operationeel", answers={"MK.1.1": 0, "KO.1": 1, "SF.K1.presence": 1})
        for i in range(3)
    ]
    sheets = score_answers(items=INDEX, respondents=people)
    breakdowns = score_breakdowns(items=INDEX, sheets=sheets)
    level = breakdowns["level"]
    assert level.groups["strategisch"].minkman_phases[1] == 100.0
    assert level.groups["operationeel"].minkman_phases[1] == 0.0
    assert level.groups["strategisch"].challenges["KO.1"] == 100.0
    assert level.groups["operationeel"].challenges["KO.1"] == 0.0
    assert level.groups["strategisch"].overall.presence == 100.0
    # role was never given: the six form one "unspecified" group
    assert breakdowns["role"].unspecified is not None and breakdowns["role"].unspecified.n == 6
