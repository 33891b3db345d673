"""Privacy beyond the attributes: row order, items only a few answered, the pseudonym key in production."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from networks.models import ChainRole, Level
from research.checks import pseudonym_key_check, pseudonym_key_problems
from research.models import ExportLog
from research.pseudonyms import pseudonym
from research.smallcell import sparse_items
from rounds.models import Response
from tests.research.research_testkit import body, download, read_csv

ROOT = Path(__file__).resolve().parents[2]

# RL.6 is answered by the chain director (ketenregisseur) only; the others see it but answer "weet niet" (None).
ROLE_ONLY = {
    "SF.K1.presence": lambda i: 1 + i % 5,
    "RL.6": lambda i: 4 if i == 0 else None,
    "MK.1.1": lambda i: None if i < 4 else 2,  # 2 substantive answers: fewer than m = 3
    "KO.1": lambda i: 3 if i < 3 else None,  # exactly 3 substantive answers: kept
}


@pytest.fixture
def client(client_for, researcher):
    return client_for(researcher)


@pytest.fixture
def round_(consenting, make_round):
    network = consenting()
    org = network.partnerships.first().organisation
    profiles = [(Level.STRATEGIC, ChainRole.CHAIN_DIRECTOR, org),
                *[(Level.OPERATIONAL, ChainRole.PROFESSIONAL, org)] * 5]
    return make_round(network=network, profiles=profiles, answers=ROLE_ONLY)


def test_rows_follow_the_pseudonyms_not_the_order_people_started(client, round_):
    rows = read_csv(body(download(client, layout="wide", format="csv")))
    exported = [row["respondent_pid"] for row in rows]
    by_id = [pseudonym(kind="respondent", pk=pk) for pk in
             Response.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True)]
    assert exported == sorted(by_id)
    assert exported != by_id  # the coordinator, who started first, is not the first row
    long_order = list(dict.fromkeys(r["respondent_pid"] for r in read_csv(body(download(client, layout="long",
                                                                                          format="csv")))))
    assert long_order == exported  # the same order in every layout and every export


def test_an_item_only_the_coordinator_answered_is_suppressed_for_the_round(client, round_):
    wide = read_csv(body(download(client, layout="wide", format="csv")))
    assert all(row["RL.6"] == "" for row in wide)  # no row stands out by RL.6
    assert all(row["MK.1.1"] == "" for row in wide)  # 2 substantive answers < m = 3
    assert sorted(row["KO.1"] for row in wide) == ["-9", "-9", "-9", "3", "3", "3"]  # 3 = m: kept
    long = read_csv(body(download(client, layout="long", format="csv")))
    assert {row["item"] for row in long} == {"SF.K1.presence", "KO.1"}
    logs = list(ExportLog.objects.order_by("pk"))
    assert [log.suppressed_items for log in logs] == [2, 2]  # RL.6 and MK.1.1, in this one round


def test_suppressed_items_are_counted_in_the_json_and_xlsx_metadata(client, round_):
    data = json.loads(body(download(client, layout="wide", format="json")))
    assert data["summary"] == {"rows": 6, "suppressed_items": 2}
    assert all(row["RL.6"] is None for row in data["rows"])
    workbook = load_workbook(io.BytesIO(body(download(client, layout="long", format="xlsx"))), read_only=True)
    meta = dict(workbook["metadata"].iter_rows(min_row=2, values_only=True))
    assert meta["suppressed.items"] == 2


def test_sparse_items_rule():
    answers = [[(1, 4), (2, None), (3, 2)], [(1, 5), (2, None), (3, None)], [(1, 3), (2, None)]]
    assert sparse_items(answers=answers, min_group_size=3) == {2, 3}
    assert sparse_items(answers=answers, min_group_size=1) == {2}
    assert sparse_items(answers=[], min_group_size=3) == set()


# ---- the pseudonym key in production ---------------------------------------------------------------------


@pytest.mark.parametrize("key, problem", [
    ("x", "research.E002"),
    ("0123456789abcdef" * 3, "research.E002"),  # 24 bytes of hex
    ("a" * 80, "research.E002"),  # long, but not random
    ("dev-only-insecure-key-change-me", "research.E001"),
    ("change-me", "research.E001"),
])
def test_production_refuses_a_weak_or_development_pseudonym_key(key, problem):
    assert [error.id for error in pseudonym_key_problems(key=key)] == [problem]
    with override_settings(KETENREGIE_PRODUCTION=True, KETENREGIE_PSEUDONYM_KEY=key):
        assert [error.id for error in pseudonym_key_check()] == [problem]


@pytest.mark.parametrize("key", [
    "",  # derived from SECRET_KEY, which settings.prod checks
    "3a7f0c9e51b2d48a6c0e9f1b7d3a5c2e8f4b6d0a9c1e3f5a7b9d2c4e6f8a0b1c",  # token_hex(32)
    "Zq3_-k8Jw2PxT0aLm5RnVb7Yc1DsEfGhUi4Oo6Wz9QtXyNp",  # token_urlsafe(32)
])
def test_production_accepts_32_random_bytes_or_the_key_derived_from_secret_key(key):
    with override_settings(KETENREGIE_PRODUCTION=True, KETENREGIE_PSEUDONYM_KEY=key):
        assert pseudonym_key_check() == []


def test_outside_production_the_check_is_silent():
    with override_settings(KETENREGIE_PRODUCTION=False, KETENREGIE_PSEUDONYM_KEY="x"):
        assert pseudonym_key_check() == []


def test_manage_check_with_production_settings_fails_on_a_weak_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KETENREGIE_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "ketenregie.settings.prod",
                "DJANGO_SECRET_KEY": "k3Tq9-vZ!pW2#rL8mN4@xB7^cD1&fH6*jY0%sA5+eG3=uK9-Zr7Lq2",
                "DJANGO_ALLOWED_HOSTS": "ketenregie.example.org", "KETENREGIE_PSEUDONYM_KEY": "x"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "research.E002" in result.stderr
