"""The composed round: JSON shape, rounding, key order, optional modules, purity."""

import json
import pathlib
import subprocess
import sys

import pytest

from scoring import Respondent, score_round
from scoring.standard import standard_item_specs
from scoring.types import ItemSpec

KW = (
    ItemSpec(code="KW.1", module="KW", dimension="betrouwbaarheid"),
    ItemSpec(code="KW.2", module="KW", dimension="betrouwbaarheid", reverse=True),
    ItemSpec(code="KW.3", module="KW", dimension="continuiteit", scale_min=0, scale_max=3),
    ItemSpec(code="KW.4", module="KW", dimension="betrouwbaarheid", scale_max=3, categorical=True),
)
ITEMS = (*standard_item_specs(), *KW)
ROOT = pathlib.Path(__file__).resolve().parents[2]


def _people() -> list[Respondent]:
    return [
        Respondent(
            id="a",
            organisation="Alpha",
            level="strategisch",
            answers={
                "SF.K1.presence": 4,
                "KW.1": 4,
                "KW.2": 2,
                "KW.3": 3,
                "KW.4": 3,
                "MK.1.1": 3,
                "KO.1": 2,
            },
        ),
        Respondent(
            id="b",
            organisation="Alpha",
            level="tactisch",
            answers={"SF.K1.presence": 2, "KW.1": 5, "KW.2": 2, "MK.1.1": 2, "KO.1": 0},
        ),
        Respondent(
            id="c",
            organisation="Alpha",
            level="operationeel",
            answers={"SF.K1.presence": 5, "KW.3": None, "MK.phase": 1, "KO.1": None},
        ),
    ]


def _assert_sorted(data: object) -> None:
    if isinstance(data, dict):
        assert list(data) == sorted(data), list(data)
        for value in data.values():
            _assert_sorted(value)
    elif isinstance(data, list):
        for value in data:
            _assert_sorted(value)


def test_to_dict_shape_and_order() -> None:
    data = score_round(items=ITEMS, respondents=_people(), network_claimed_phase=2).to_dict()
    assert json.loads(json.dumps(data)) == data
    _assert_sorted(data)
    assert json.dumps(data) == json.dumps(data, sort_keys=True)
    for key in (
        "respondents",
        "areas",
        "overall",
        "factors",
        "items",
        "disputed",
        "minkman",
        "challenges",
        "top_challenges",
        "breakdowns",
        "min_group_size",
        "dimensions",
        "reportable",
        "format_version",
        "trend",
    ):
        assert key in data
    assert data["respondents"] == 3 and data["reportable"] is True and data["min_group_size"] == 3
    factor = data["factors"]["SF.K1"]
    assert {
        "presence",
        "importance",
        "sd",
        "n",
        "quadrant",
        "presence_mean",
        "importance_mean",
        "critical",
        "precondition",
    } <= set(factor)
    assert factor["presence_mean"] == 3.7  # 11 / 3
    assert factor["presence"] == 66.7  # (11/3 - 1) / 4 * 100
    assert data["areas"]["K"] == {"factors": 1, "importance": None, "n": 3, "presence": 66.7}
    assert data["minkman"]["phases"]["1"] == 75.0  # "ja" counts 1, "gedeeltelijk" half: 1.5 / 2
    # one of phase 1's ten elements answered: too little to place the network, and it says so
    assert data["minkman"]["calculated_phase"] is None
    assert data["minkman"]["insufficient_data"] is True
    assert data["minkman"]["profile"]["1"]["covered_elements"] == 1
    assert data["minkman"]["claimed_phase"] == 1
    assert data["minkman"]["network_claimed_phase"] == 2
    assert data["minkman"]["mismatch"] is None
    assert data["challenges"]["KO.1"] == {"mean": 1.0, "n": 2, "n_dont_know": 1, "n_not_applicable": 0,
                                              "recognised_share": 50.0}
    assert data["top_challenges"] == ["KO.1"]
    assert set(data["breakdowns"]) == {"organisation", "level", "role"}
    assert set(data["breakdowns"]["organisation"]["groups"]) == {"Alpha"}
    # three levels of one each: pooled they reach 3, so they appear only as "other"
    level = data["breakdowns"]["level"]
    assert (level["groups"], level["merged_groups"], level["suppressed_groups"]) == ({}, 3, 0)
    assert level["other"]["n"] == 3


def test_optional_module_dimensions() -> None:
    data = score_round(items=ITEMS, respondents=_people()).to_dict()
    reliability = data["dimensions"]["KW"]["betrouwbaarheid"]
    # KW.1 mean 4.5 -> 87.5; KW.2 reversed 2 -> 4, mean 4 -> 75; score 81.25 -> 81.3 half up;
    # the categorical KW.4 is left out of the dimension
    assert reliability == {"items": 2, "mean": 4.3, "n": 2, "score": 81.3}
    # KW.3 on 0-3: one answer 3 (one "weet niet") -> 100
    assert data["dimensions"]["KW"]["continuiteit"] == {"items": 1, "mean": 3.0, "n": 1, "score": 100.0}
    assert data["items"]["KW.2"]["mean"] == 4.0
    assert data["items"]["KW.3"]["dont_know_share"] == 50.0
    assert "SF" not in data["dimensions"] and "MK" not in data["dimensions"]


def test_disputed_list_most_disputed_first() -> None:
    people = [
        Respondent(id=str(i), answers={"SF.K1.presence": a, "SF.K2.presence": b, "KO.2": c})
        for i, (a, b, c) in enumerate([(1, 1, 0), (1, 3, 0), (5, 5, 3), (5, 3, 3)])
    ]
    data = score_round(items=ITEMS, respondents=people).to_dict()
    # K1 [1,1,5,5]: dispersion 100; KO.2 [0,0,3,3]: 100; K2 [1,3,3,5]: IQR 1, 2/4 far -> 50
    assert data["disputed"] == ["KO.2", "SF.K1.presence", "SF.K2.presence"]
    assert data["items"]["SF.K2.presence"]["dispersion"] == 50.0


def test_empty_and_small_rounds() -> None:
    empty = score_round(items=ITEMS, respondents=[]).to_dict()
    assert empty["respondents"] == 0 and empty["reportable"] is False
    assert empty["overall"] == {"areas": 0, "importance": None, "presence": None}
    assert empty["minkman"]["calculated_phase"] is None
    single = score_round(items=ITEMS, respondents=_people()[:1]).to_dict()
    assert single["items"]["SF.K1.presence"]["sd"] is None
    assert single["disputed"] == []
    assert single["reportable"] is False
    assert single["breakdowns"]["organisation"]["groups"] == {}


def test_invalid_round_arguments() -> None:
    with pytest.raises(ValueError):
        score_round(items=ITEMS, respondents=[], min_group_size=0)
    with pytest.raises(ValueError):
        score_round(items=(*ITEMS, KW[0]), respondents=[])


def test_deterministic() -> None:
    first = json.dumps(score_round(items=ITEMS, respondents=_people()).to_dict())
    second = json.dumps(score_round(items=ITEMS[::-1], respondents=_people()).to_dict())
    assert first == second


def test_package_is_free_of_django() -> None:
    for path in (ROOT / "scoring").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
    code = "import sys, scoring; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert result.returncode == 0
