"""The dashboard and the personal comparison speak in words: item texts and answer labels, not codes and numbers."""

import random
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from assessments.models import Item
from tests.results.results_testkit import add_response, make_round

pytestmark = pytest.mark.django_db

# An item code as the instrument writes it ("SF.K2.importance", "KO.3", "MK.2.4"), anywhere in running text.
ITEM_CODE = re.compile(r"\b[A-Z]{2}\.[A-Za-z0-9]+(\.[A-Za-z0-9]+)*\b")
# A distribution written as bare scale values ("0: 3 · 1: 3").
BARE_DISTRIBUTION = re.compile(r"(^|[·\s])\d\s*:\s*\d+\s*(·|$)")


class _VisibleText(HTMLParser):
    """The text a reader sees (no attributes, no scripts, no styles, no SVG charts: those have table twins)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def _answer_everything(round, *, users, seed=7):
    """Spread answers over every scale value, so that many questions are disputed."""
    rng = random.Random(seed)
    items = list(Item.objects.filter(instrument=round.instrument).prefetch_related("scale__options")
                 .select_related("dimension__module"))
    modules = {"SF", "MK", "KO"} | set(round.optional_modules.values_list("code", flat=True))
    for user in users:
        answers = {}
        for item in items:
            if item.dimension.module.code not in modules:
                continue
            values = [option.value for option in item.scale.options.all()]
            if values:
                answers[item.code] = rng.choice(values)
        add_response(round=round, answers=answers, user=user)


@pytest.fixture
def answered_round(network, member, instrument):
    round = make_round(network=network, slug="in-woorden", optional=("BB", "CX", "KW"))
    _answer_everything(round, users=[member] + [None] * 11)
    return round


def _problems(texts: list[str]) -> list[str]:
    return [text for text in texts if ITEM_CODE.search(text) or BARE_DISTRIBUTION.search(text)]


def test_dashboard_shows_item_texts_and_answer_labels(client_for, network, coordinator, answered_round):
    html = client_for(coordinator).get(
        reverse("results:dashboard", args=[network.slug, answered_round.slug])).content.decode()
    assert 'id="table-disputed"' in html
    texts = visible_text(html)
    assert _problems(texts) == []
    disputed = html[html.index('id="table-disputed"'):]
    disputed = disputed[:disputed.index("</table>")]
    assert "aanwezig: " in disputed.lower() or "eens: " in disputed.lower()  # labelled counts
    # a success factor's two questions say which is which
    assert "(aanwezigheid)" in disputed or "(belang)" in disputed or "SF." not in disputed


def test_dashboard_shows_complexity_on_its_own_scale_and_no_second_klantwaarde(
        client_for, network, coordinator, answered_round):
    html = client_for(coordinator).get(
        reverse("results:dashboard", args=[network.slug, answered_round.slug])).content.decode()
    section = html[html.index('id="dimensions-heading"'):]
    section = section[:section.index("</section>")]
    assert 'data-scale="hoger = complexer"' in section
    better = section[section.index('data-scale="better"'):section.index('data-scale="hoger = complexer"')]
    assert "Klantwaarde</td>" not in better  # the module is renamed so it is not the success-factor area
    assert "Klantwaarde van de dienstverlening" in better


def test_personal_comparison_shows_answers_not_numbers(client_for, network, member, answered_round):
    html = client_for(member).get(reverse("results:mine", args=[network.slug, answered_round.slug])).content.decode()
    assert _problems(visible_text(html)) == []
    for table in ("table-own-factors", "table-own-items"):
        body = html[html.index(f'id="{table}"'):]
        body = body[body.index("<tbody>"):body.index("</tbody>")]
        cells = re.findall(r"<td>([^<]*)</td>", body)
        assert cells, table
        # every own or network answer is an answer label, never a bare scale value
        assert not [cell for cell in cells if re.fullmatch(r"\s*[\d,.]+\s*", cell)], table
