"""Version 2: "weet niet" and "n.v.t." apart on every closed item, and the fidelity fixes; version 1 unchanged."""

import hashlib

import pytest

from assessments.loader import INSTRUMENTS_DIR
from assessments.models import Instrument
from assessments.schema import instrument_file_parse
from rounds.models import Response, Round
from rounds.questionnaire import questionnaire_for_round
from tests.assessments.instrument_testkit import SHIPPED_V1

pytestmark = pytest.mark.django_db

SHIPPED_V2 = INSTRUMENTS_DIR / "ketenregie-v2.yaml"


@pytest.fixture
def v2(db) -> Instrument:
    return Instrument.objects.get(slug="ketenregie", version=2)


def test_the_migration_loaded_v2_as_the_newest_published_version(v2):
    assert Instrument.objects.latest_published() == v2
    assert v2.offers_not_applicable is True
    assert v2.checksum == hashlib.sha256(SHIPPED_V2.read_bytes()).hexdigest()


def test_v1_stays_as_it_was_with_one_combined_answer(shipped):
    assert shipped.offers_not_applicable is False
    assert shipped.checksum == hashlib.sha256(SHIPPED_V1.read_bytes()).hexdigest()
    bb6 = shipped.items.get(code="BB.6")
    assert bb6.is_reverse and shipped.modules.get(code="KW").title_nl == "Klantwaarde"


def test_every_closed_item_of_v2_offers_weet_niet_and_nvt(v2, network):
    round = Round.objects.create(network=network, name="v2", slug="v2", instrument=v2)
    round.optional_modules.set(v2.modules.filter(optional=True))
    questionnaire = questionnaire_for_round(round=round)
    assert questionnaire.offers_not_applicable
    items = [item for page in questionnaire.pages for item in page.items]
    assert len(items) == v2.items.count()
    for item in items:
        assert item.offers_not_applicable and item.accepts("na") and item.accepts(None)
        assert item.option_label("na") == "Niet van toepassing" and item.option_label(None) == "Weet niet"
    Response.objects.create(round=round)


def test_v1_items_offer_only_the_combined_answer(shipped, network):
    round = Round.objects.create(network=network, name="v1", slug="v1", instrument=shipped)
    item = questionnaire_for_round(round=round).pages[0].items[0]
    assert not item.accepts("na")
    assert item.option_label(None) == "Weet niet / n.v.t."


def test_v2_keeps_the_codes_of_v1_except_the_recoded_bb6():
    v1 = instrument_file_parse(path=SHIPPED_V1)
    v2 = instrument_file_parse(path=SHIPPED_V2)
    assert set(v1.items) - set(v2.items) == {"BB.6"}
    assert set(v2.items) - set(v1.items) == {"BB.7"}
    assert "reverse" not in v2.items["BB.7"]["flags"]
    assert v2.items["BB.7"]["source"]["lines"] == "108-118"


def test_sf_c1_presence_and_importance_ask_about_the_same_thing():
    items = instrument_file_parse(path=SHIPPED_V2).items
    presence, importance = items["SF.C1.presence"], items["SF.C1.importance"]
    for lang in ("nl", "en"):
        assert "regelruimte" not in presence[f"text_{lang}"] and "manoeuvre" not in importance["text_en"]
    assert "indicatiestelling of verwijzing" in presence["text_nl"]
    assert "indicatiestelling of verwijzing" in importance["text_nl"]


def test_precondition_help_says_could_lead_to_dissatisfaction_as_the_thesis():
    items = instrument_file_parse(path=SHIPPED_V2).items
    texts = " ".join(item["help_nl"] for item in items.values())
    assert "leidt dat tot ontevredenheid" not in texts
    assert texts.count("zou kunnen leiden tot ontevredenheid") >= 2


def test_kw_cannot_be_taken_for_the_client_value_area_and_cx_states_its_direction():
    modules = instrument_file_parse(path=SHIPPED_V2).modules
    assert modules["KW"]["fields"]["title_nl"] != modules["SF"]["dimensions"]["K"]["title_nl"]
    assert "Klantwaarde" not in modules["KW"]["fields"]["title_nl"]
    assert modules["CX"]["fields"]["higher_means_nl"] == "hoger = complexer"
    assert modules["CX"]["fields"]["higher_means_en"] == "higher = more complex"


def test_each_phase_has_one_english_name_in_scale_and_dimension_titles():
    spec = instrument_file_parse(path=SHIPPED_V2)
    labels = {value: option["label_en"] for value, option in spec.scales["phase4"]["options"].items()}
    for phase, name in labels.items():
        title = spec.modules["MK"]["dimensions"][str(phase)]["title_en"]
        assert title == f"Phase {phase}: {name[0].lower()}{name[1:]}"


def test_wording_follows_the_sources_everywhere():
    """'kritische' (not 'kritieke') success factor; 'probleemhebber' is an affected party; one English name
    per Minkman phase (Minkman's own)."""
    from pathlib import Path

    from django.utils import translation

    from networks.models import ChainRole, ClaimedPhase

    root = Path(__file__).resolve().parents[2]
    offenders = [str(path.relative_to(root)) for folder in ("templates", "reports", "results", "charts", "scoring")
                 for path in (root / folder).rglob("*") if path.suffix in {".py", ".html"}
                 and "kritieke" in path.read_text(encoding="utf-8").lower()]
    assert offenders == []
    with translation.override("en"):
        assert str(ChainRole.PROBLEM_OWNER.label) == "Affected party"
        assert str(ClaimedPhase.EXPERIMENT.label) == "2. Experimental and execution phase"
    advice = (root / "reports" / "advice" / "advice-v2.yaml").read_text(encoding="utf-8")
    assert "experiment and implementation" not in advice
