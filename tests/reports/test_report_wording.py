"""The demo report as a board reads it: no developer terms, sources cited by author and year (PDF text)."""

import re

import pytest
from django.urls import reverse

from networks.models import Membership, PlatformRole
from rounds.models import Round, RoundStatus
from tests.must import present
from tests.reports.report_testkit import flat, load_demo, pdf_text

DEMO = "ketenconvenant-oost-gelderland"
# Package and class names, variable names, source-file numbers and line references of the source texts.
DEVELOPER_PATTERNS = (
    r"scoring/", r"RoundScores", r"to_dict", r"network_scores", r"\bseed\b", r"\bn_dont_know\b", r"_mean\b",
    r"_share\b", r"\bdont_know\b", r"\.ya?ml\b", r"\.py\b", r"docs/", r"\br\. \d", r"\bregels? \d",
    r"\blines? \d", r"\[00\d\]", r"\bbron 00\d", r"\bSF\.[A-Z]\d", r"\bKO\.\d", r"\bMK\.\d",
)


@pytest.fixture
def demo_round(db):
    load_demo()
    return Round.objects.filter(network__slug=DEMO, status=RoundStatus.CLOSED).order_by("-opens_on").first()


def _coordinator(round):
    return present(Membership.objects.filter(network=round.network, role=PlatformRole.COORDINATOR).first()).user


def _pdf(client_for, round, language: str) -> str:
    client = client_for(_coordinator(round))
    client.cookies["django_language"] = language  # the language switch stores the choice in this cookie
    response = client.get(reverse("reports:pdf", kwargs={"network_slug": round.network.slug,
                                                         "round_slug": round.slug}))
    assert response.status_code == 200
    return flat(pdf_text(response.content))


@pytest.mark.parametrize("language, cited", [("nl", "De Bruin & Gelderloos (2010)"),
                                             ("en", "De Bruin & Gelderloos (2010)")])
def test_the_demo_report_has_no_developer_terms_and_cites_by_author_and_year(client_for, demo_round, language,
                                                                             cited):
    text = _pdf(client_for, demo_round, language)
    for pattern in DEVELOPER_PATTERNS:
        found = re.search(pattern, text)
        assert found is None, (language, pattern, text[max(0, found.start() - 60):found.end() + 60])
    assert f"{'Bron' if language == 'nl' else 'Source'}: {cited}" in text
    assert "Kaats, E. & Opheij, W. (2012). Leren samenwerken tussen organisaties" in text
