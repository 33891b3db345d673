"""Pseudonyms are stable across exports, carry the right prefix and reveal no id, name or e-mail."""

import re

import pytest
from django.test import override_settings

from research.pseudonyms import Pseudonymiser, pseudonym
from rounds.models import Response
from tests.research.research_testkit import body, download, read_csv

PID = re.compile(r"^[NRP]_[0-9a-f]{16}$")


@pytest.fixture
def exported(client_for, researcher, consenting, make_round):
    network = consenting(name="Zorgketen Ëlst Noord", slug="zorgketen-elst")
    round_ = make_round(network=network)
    client = client_for(researcher)
    first = body(download(client, layout="long", format="csv"))
    second = body(download(client, layout="long", format="csv"))
    return {"round": round_, "first": first, "second": second}


def test_two_exports_give_identical_pseudonyms(exported):
    assert exported["first"] == exported["second"]


def test_pseudonyms_have_prefix_and_sixteen_hex_digits(exported):
    rows = read_csv(exported["first"])
    for row in rows:
        assert row["network_pid"].startswith("N_") and PID.match(row["network_pid"])
        assert row["round_pid"].startswith("R_") and PID.match(row["round_pid"])
        assert row["respondent_pid"].startswith("P_") and PID.match(row["respondent_pid"])


def test_pseudonyms_reveal_no_primary_key_or_name(exported):
    round_ = exported["round"]
    text = exported["first"].decode()
    rows = read_csv(exported["first"])
    pks = {str(round_.pk), str(round_.network_id), *(str(pk) for pk in Response.objects.values_list("pk", flat=True))}
    for row in rows:
        for column in ("network_pid", "round_pid", "respondent_pid"):
            assert row[column][2:] not in pks
            assert not any(row[column].endswith(f"_{pk}") for pk in pks)
    for secret in ("Zorgketen", "zorgketen-elst", "Organisatie", "@example.org", round_.name, round_.slug):
        assert secret not in text


def test_each_respondent_has_one_distinct_pseudonym(exported):
    rows = read_csv(exported["first"])
    assert len({row["respondent_pid"] for row in rows}) == 3


def test_pseudonym_depends_on_the_key():
    assert Pseudonymiser(key=b"a")("network", 1) != Pseudonymiser(key=b"b")("network", 1)
    assert Pseudonymiser(key=b"a")("network", 1) != Pseudonymiser(key=b"a")("round", 1)


def test_configured_key_is_used_and_default_differs_from_plain_secret_key(settings):
    settings.KETENREGIE_PSEUDONYM_KEY = ""
    derived = pseudonym(kind="network", pk=7)
    with override_settings(KETENREGIE_PSEUDONYM_KEY="another-secret"):
        configured = pseudonym(kind="network", pk=7)
    assert derived != configured
    # The derived key is not SECRET_KEY itself (a distinct salt keeps the uses apart).
    assert Pseudonymiser(key=settings.SECRET_KEY.encode())("network", 7) != derived
