"""A workshop's agreed scores are the group's judgement, not answers: research exports never contain them."""

import json

import pytest

from improvement import services
from improvement.models import Topic, TopicKind
from tests.research.research_testkit import body, download

pytestmark = pytest.mark.django_db

RATIONALE = "Afgesproken-in-de-bijeenkomst-7f3a"
LAYOUTS = [("long", "csv"), ("wide", "csv"), ("scores", "csv")]


def test_agreed_scores_never_enter_research_exports(client_for, researcher, consenting, make_round, make_user):
    round_ = make_round(network=consenting(), respondents=4)
    client = client_for(researcher)
    before = {layout: body(download(client, layout=layout, format=fmt)) for layout, fmt in LAYOUTS}
    assert all(content.count(b"\n") > 1 for content in before.values())  # the round is in every export

    coordinator = make_user()
    workshop = services.workshop_prepare(round=round_, user=coordinator)
    for code, value in (("SF.K1.presence", 1), ("KO.1", 1)):  # values nobody answered (2-5 and 3)
        topic, _created = Topic.objects.get_or_create(
            workshop=workshop, code=code, defaults={"kind": TopicKind.DISPUTED, "position": 90})
        services.topic_decide(topic=topic, agreed_value=value, no_agreement=False, rationale=RATIONALE,
                              user=coordinator)

    after = {layout: body(download(client, layout=layout, format=fmt)) for layout, fmt in LAYOUTS}
    assert after == before
    exported = json.loads(body(download(client, layout="long", format="json")))
    text = json.dumps(exported, ensure_ascii=False)
    assert RATIONALE not in text
    assert "agreed" not in text
