"""The advice files (reports/advice/advice-v<N>.yaml) and their loader (reports/advice.py).

Plain pytest, no database and no Django: ``.venv/bin/pytest tests/reports -q`` (or, without the
project's Django conftest, ``.venv/bin/pytest tests/reports -q -p no:django --noconftest``).
"""

import re
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:  # without pytest-django (-p no:django) nothing puts the project on sys.path
    sys.path.insert(0, str(PROJECT))

from reports.advice import (  # noqa: E402
    CURRENT_VERSION,
    AdviceFileError,
    AdviceSet,
    Recommendation,
    ReportedRecommendation,
    advice_path,
    load_advice,
)

FACTOR_CODES = (
    [f"SF.K{i}" for i in range(1, 4)]
    + [f"SF.P{i}" for i in range(1, 4)]
    + [f"SF.N{i}" for i in range(1, 6)]
    + [f"SF.O{i}" for i in range(1, 7)]
    + [f"SF.C{i}" for i in range(1, 4)]
    + ["SF.X1"]
)
CHALLENGE_CODES = [f"KO.{i}" for i in range(1, 10)]
PHASE_CODES = [f"MK.{i}" for i in range(1, 5)]
# Advice targets beyond the instrument's codes (version 2): the backlog of an earlier phase, too few
# answers to place the network, and the chain complexity module.
BACKLOG_CODES = [f"MK.{i}.open" for i in range(1, 4)]
SITUATION_CODES = BACKLOG_CODES + ["MK.data", "CX.simple", "CX.mixed", "CX.complex"]
SEEDS = PROJECT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def advice() -> AdviceSet:
    return load_advice()


# --- the shipped file ------------------------------------------------------------------------------


def test_the_current_file_loads(advice):
    assert advice.version == CURRENT_VERSION == 2
    assert advice.instrument == "ketenregie"
    assert advice.path == advice_path(2)
    assert len(advice) >= 30
    assert all(isinstance(r, Recommendation) for r in advice)


def test_version_can_be_chosen_explicitly(advice):
    assert load_advice(version=2) == advice
    assert load_advice(path=advice_path(2)) == advice


def test_version_1_stays_loadable_for_old_reports():
    old = load_advice(version=1)
    assert old.version == 1 and len(old) == 51
    assert all(r.kind == "source" for r in old)
    assert old.covered_codes() == set(FACTOR_CODES + CHALLENGE_CODES + PHASE_CODES)


def test_a_changed_recommendation_got_a_new_code_and_no_code_is_reused(advice):
    # "keep v1 for old reports, new codes for changed meaning": every v1 code is either kept in v2 or
    # replaced by its successor <code>.v2; a retired code never comes back with another text.
    old = load_advice(version=1)
    current = {r.code for r in advice}
    for recommendation in old:
        kept = recommendation.code in current
        successor = f"{recommendation.code}.v2" in current
        assert kept != successor, recommendation.code


@pytest.mark.parametrize(
    ("retired", "claim"),
    [
        ("REC.004.6", "schaal en de samenstelling"),  # aanbeveling 6 says nothing about scale or make-up
        ("REC.000.10", "Herhaal de zelfevaluatie"),  # aanbeveling 10 does not ask to repeat it
        ("REC.002.KO8", "vanuit welke rol"),  # Check 2/3 do not say "say which role you speak from"
    ],
)
def test_known_overreaching_texts_are_retired(advice, retired, claim):
    assert advice.get(retired) is None
    assert advice.get(f"{retired}.v2") is not None
    assert all(claim not in r.text["nl"] for r in advice)
    earlier = load_advice(version=1).get(retired)
    assert earlier is not None and claim in earlier.text["nl"]


def test_practice_advice_is_marked_and_the_rest_is_source(advice):
    kinds = {r.code: r.kind for r in advice}
    assert set(kinds.values()) == {"source", "practice"}
    assert kinds["REC.004.MKdata"] == "practice"
    assert advice.get("REC.004.MKdata").practice
    assert not advice.get("REC.004.3").practice


def test_there_are_21_factor_codes():
    assert len(FACTOR_CODES) == 21


@pytest.mark.parametrize("code", FACTOR_CODES + CHALLENGE_CODES + PHASE_CODES + SITUATION_CODES)
def test_every_code_has_advice_but_not_too_much(advice, code):
    recommendations = advice.for_code(code)
    assert 1 <= len(recommendations) <= 4, [r.code for r in recommendations]


def test_no_advice_for_codes_outside_the_instrument(advice):
    assert advice.covered_codes() == set(FACTOR_CODES + CHALLENGE_CODES + PHASE_CODES + SITUATION_CODES)


def test_both_languages_and_a_reasonable_length(advice):
    for recommendation in advice:
        for language in ("nl", "en"):
            title = recommendation.title[language]
            text = recommendation.text[language]
            assert title.strip() and text.strip(), (recommendation.code, language)
            sentences = len(re.findall(r"[.!?](?:\s|$)", text))
            assert 2 <= sentences <= 4, (recommendation.code, language, sentences)
            assert "  " not in text and "\n" not in text


def test_the_dutch_and_english_texts_differ(advice):
    # A copy-paste slip (the same language twice) would show up as identical texts.
    for recommendation in advice:
        assert recommendation.text["nl"] != recommendation.text["en"], recommendation.code


def test_codes_name_their_source_file(advice):
    for recommendation in advice:
        seed = recommendation.code.split(".")[1]
        assert recommendation.source["file"] == seed, recommendation.code
        assert recommendation.source.get("section"), recommendation.code


def test_sources_from_all_four_advice_documents(advice):
    assert {r.source["file"] for r in advice} == {"000", "002", "003", "004"}
    # the thesis's eight recommendations to boards and the Flemish study's ten are all used
    sections = " ".join(r.source["section"] for r in advice if r.source["file"] == "004")
    for n in range(1, 9):
        assert f"aanbeveling {n}" in sections
    flemish = " ".join(r.source["section"] for r in advice if r.source["file"] == "000")
    for n in range(1, 11):
        assert f"Aanbeveling {n}:" in flemish
    # each Kaats & Opheij challenge has a recommendation of its own (KO3, KO8, KO9 in their v2 wording)
    for n in range(1, 10):
        own = advice.get(f"REC.002.KO{n}") or advice.get(f"REC.002.KO{n}.v2")
        assert own.applies_to[0] == f"KO.{n}"


def test_each_phase_has_its_own_phase_recommendation_first(advice):
    for n in range(1, 5):
        assert advice.for_code(f"MK.{n}")[0].code == f"REC.004.MK{n}"
    for n in range(1, 4):
        assert [r.code for r in advice.for_code(f"MK.{n}.open")] == [f"REC.004.MK{n}.open"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not available")
def test_line_ranges_exist_in_the_source_documents(advice):
    lengths = {}
    for seed in SEEDS.glob("*.txt"):
        lengths[seed.name[:3]] = len(seed.read_text(encoding="utf-8").splitlines())
    for recommendation in advice:
        total = lengths[recommendation.source["file"]]
        for part in recommendation.source["lines"].split(","):
            start, _, end = part.strip().partition("-")
            assert 1 <= int(start) <= int(end or start) <= total, (recommendation.code, part)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not available")
def test_main_passages_start_where_the_source_says(advice):
    # Spot checks: the first range of these recommendations starts on the recommendation itself.
    expected = {
        "REC.004.3": "AANBEVELING 3",
        "REC.004.4": "AANBEVELING 4",
        "REC.004.5.v2": "AANBEVELING 5",
        "REC.004.6.v2": "AANBEVELING 6",
        "REC.004.7": "AANBEVELING 7",
        "REC.004.8": "AANBEVELING 8",
        "REC.000.1": "Aanbeveling 1:",
        "REC.000.10.v2": "Aanbeveling 10:",
        "REC.004.MK1": "Initiatief- en ontwerpfase",
        "REC.004.MK2.open": "Experiment-  en uitvoeringsfase",
        "REC.004.MK3.open": "Uitbouw- en monitoringfase",
        "REC.003.cx.simple": "De combinaties van dimensies",
        "REC.003.cx.complex": "Complexe ketens",
    }
    seeds = {p.name[:3]: p.read_text(encoding="utf-8").splitlines() for p in SEEDS.glob("*.txt")}
    for code, needle in expected.items():
        recommendation = advice.get(code)
        first = recommendation.source["lines"].split(",")[0]
        start = int(first.split("-")[0])
        assert needle in seeds[recommendation.source["file"]][start - 1], code


def test_language_fallback(advice):
    recommendation = advice.get("REC.004.1a")
    assert recommendation.title_in("en") == recommendation.title["en"]
    assert recommendation.text_in("fr") == recommendation.text["nl"]


# --- refusing bad files ----------------------------------------------------------------------------

GOOD = {
    "code": "REC.004.1a",
    "title": {"nl": "Titel", "en": "Title"},
    "text": {"nl": "Eerste zin. Tweede zin.", "en": "First sentence. Second sentence."},
    "source": {"file": "004", "section": "6.5 aanbeveling 1", "lines": "2808-2810"},
    "applies_to": ["SF.P3"],
}


def write(tmp_path: Path, recommendations, *, name="advice-v1.yaml", **top) -> Path:
    data = {"version": 1, "instrument": "ketenregie", "recommendations": recommendations, **top}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def variant(**changes):
    item = {key: (dict(value) if isinstance(value, dict) else value) for key, value in GOOD.items()}
    for key, value in changes.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    return item


def refused(path: Path) -> AdviceFileError:
    with pytest.raises(AdviceFileError) as info:
        load_advice(path=path)
    message = str(info.value)
    assert str(path) in message
    return info.value


def test_a_minimal_good_file_loads(tmp_path):
    advice = load_advice(path=write(tmp_path, [GOOD]))
    (recommendation,) = advice
    assert recommendation.applies_to == ("SF.P3",)
    assert recommendation.source == {"file": "004", "section": "6.5 aanbeveling 1", "lines": "2808-2810"}


def test_duplicate_code_is_refused(tmp_path):
    error = refused(write(tmp_path, [GOOD, variant(applies_to=["SF.P1"])]))
    assert error.code == "REC.004.1a"
    assert "REC.004.1a" in str(error) and "duplicate" in str(error)


def test_missing_english_text_is_refused(tmp_path):
    error = refused(write(tmp_path, [variant(text={"nl": "Alleen Nederlands. Echt."})]))
    assert "REC.004.1a" in str(error)
    assert "'text' has no en text" in str(error)


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_dutch_title_is_refused(tmp_path, empty):
    error = refused(write(tmp_path, [variant(title={"nl": empty, "en": "Title"})]))
    assert "'title' has no nl text" in str(error)


@pytest.mark.parametrize("bad", ["SF.K0X", "SF.Z1", "KO.0", "KO.10", "MK.5", "MK.0", "sf.k1", "REC.004.1a", 4,
                                 "MK.5.open", "MK.2.3", "MK.none", "CX.1", "CX.hard"])
def test_unknown_code_pattern_is_refused(tmp_path, bad):
    error = refused(write(tmp_path, [variant(applies_to=["SF.P3", bad])]))
    assert "REC.004.1a" in str(error)
    assert "unknown code" in str(error) and repr(bad) in str(error)


def test_empty_applies_to_is_refused(tmp_path):
    assert "'applies_to'" in str(refused(write(tmp_path, [variant(applies_to=[])])))


def test_a_kind_other_than_source_or_practice_is_refused(tmp_path):
    error = refused(write(tmp_path, [variant(kind="opinion")]))
    assert "'kind' must be one of source, practice" in str(error)


def test_kind_defaults_to_source(tmp_path):
    (recommendation,) = load_advice(path=write(tmp_path, [GOOD]))
    assert recommendation.kind == "source" and not recommendation.practice
    (practice,) = load_advice(path=write(tmp_path, [variant(kind="practice")]))
    assert practice.practice


def test_missing_source_lines_is_refused(tmp_path):
    error = refused(write(tmp_path, [variant(source={"file": "004", "section": "6.5"})]))
    assert "REC.004.1a" in str(error) and "'source' has no lines" in str(error)


@pytest.mark.parametrize("lines", ["2808 to 2810", "2810-2808", "abc", "2808-"])
def test_malformed_source_lines_are_refused(tmp_path, lines):
    error = refused(write(tmp_path, [variant(source={"file": "004", "lines": lines})]))
    assert "lines" in error.problem or "line range" in error.problem


def test_missing_source_file_is_refused(tmp_path):
    error = refused(write(tmp_path, [variant(source={"lines": "1-2"})]))
    assert "'source' has no file" in str(error)


def test_unquoted_source_file_gets_a_hint(tmp_path):
    path = tmp_path / "advice-v1.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            version: 1
            instrument: ketenregie
            recommendations:
              - code: REC.004.1a
                title: {nl: Titel, en: Title}
                text: {nl: "Een. Twee.", en: "One. Two."}
                source: {file: 004, lines: "1-2"}
                applies_to: [SF.P3]
            """
        ),
        encoding="utf-8",
    )
    assert "quote it" in str(refused(path))


def test_bad_recommendation_code_is_refused(tmp_path):
    error = refused(write(tmp_path, [variant(code="advice one")]))
    assert "REC.<3-digit seed>" in str(error)


def test_unknown_keys_are_refused(tmp_path):
    assert "unknown keys: txet" in str(refused(write(tmp_path, [variant(txet={"nl": "x"})])))
    assert "unknown top-level keys" in str(refused(write(tmp_path, [GOOD], extra=1)))


def test_version_must_match_file_name(tmp_path):
    error = refused(write(tmp_path, [GOOD], name="advice-v2.yaml"))
    assert "does not match the file name" in str(error)


def test_broken_yaml_and_missing_file_are_refused(tmp_path):
    path = tmp_path / "advice-v1.yaml"
    path.write_text("recommendations: [unclosed", encoding="utf-8")
    assert "not valid YAML" in str(refused(path))
    assert "cannot be read" in str(refused(tmp_path / "nope.yaml"))


def test_empty_recommendation_list_is_refused(tmp_path):
    assert "non-empty list" in str(refused(write(tmp_path, [])))


# --- choosing the advice for one report -----------------------------------------------------------


def rec(code, *applies_to):
    return variant(code=code, applies_to=list(applies_to))


@pytest.fixture
def small(tmp_path) -> AdviceSet:
    return load_advice(
        path=write(
            tmp_path,
            [
                rec("REC.004.a", "SF.O5", "KO.1"),  # factor first, also answers a challenge
                rec("REC.004.b", "SF.N4"),
                rec("REC.002.c", "KO.1", "KO.2"),
                rec("REC.004.d", "KO.3", "SF.O5"),  # main code KO.3, also applies to SF.O5
                rec("REC.004.e", "MK.2", "KO.3"),
                rec("REC.004.f", "MK.2"),
            ],
        )
    )


def codes(sections):
    return [(code, [r.code for r in recommendations]) for code, recommendations in sections]


def test_for_code_lists_main_code_first_then_file_order(small):
    assert [r.code for r in small.for_code("SF.O5")] == ["REC.004.a", "REC.004.d"]
    assert [r.code for r in small.for_code("KO.3")] == ["REC.004.d", "REC.004.e"]
    assert [r.code for r in small.for_code("KO.1")] == ["REC.002.c", "REC.004.a"]
    assert small.for_code("SF.K1") == []


def test_for_report_orders_factors_then_challenges_then_phase(small):
    sections = small.for_report(priority_factors=["SF.N4", "SF.O5"], top_challenges=["KO.1"], calculated_phase=2)
    assert [code for code, _ in sections] == ["SF.N4", "SF.O5", "KO.1", "MK.2"]


def test_for_report_shows_each_recommendation_once_under_its_first_mention(small):
    sections = small.for_report(
        priority_factors=["SF.O5"], top_challenges=["KO.1", "KO.3"], calculated_phase=2
    )
    assert codes(sections) == [
        ("SF.O5", ["REC.004.a", "REC.004.d"]),
        ("KO.1", ["REC.002.c"]),  # REC.004.a already shown under SF.O5
        ("KO.3", ["REC.004.e"]),  # REC.004.d already shown under SF.O5
        ("MK.2", ["REC.004.f"]),  # REC.004.e already shown under KO.3
    ]
    shown = [r.code for _, recommendations in sections for r in recommendations]
    assert len(shown) == len(set(shown))


def test_for_report_lists_which_codes_a_recommendation_answers(small):
    sections = dict(
        small.for_report(priority_factors=["SF.O5"], top_challenges=["KO.3", "KO.1"], calculated_phase=2)
    )
    by_code = {r.code: r for recommendations in sections.values() for r in recommendations}
    assert all(isinstance(r, ReportedRecommendation) for r in by_code.values())
    assert by_code["REC.004.a"].answers == ("SF.O5", "KO.1")
    assert by_code["REC.004.d"].answers == ("SF.O5", "KO.3")
    assert by_code["REC.004.e"].answers == ("KO.3", "MK.2")
    assert by_code["REC.004.f"].answers == ("MK.2",)
    # the reported copy keeps everything of the original
    assert by_code["REC.004.a"].applies_to == small.get("REC.004.a").applies_to


def test_for_report_keeps_a_code_whose_advice_was_all_shown_earlier(small):
    sections = small.for_report(priority_factors=[], top_challenges=["KO.1", "KO.2"], calculated_phase=None)
    assert codes(sections) == [("KO.1", ["REC.002.c", "REC.004.a"]), ("KO.2", [])]
    (reported,) = sections[0][1][:1]
    assert reported.answers == ("KO.1", "KO.2")  # so the report can point KO.2 to the advice above


def test_for_report_ignores_repeated_codes(small):
    sections = small.for_report(priority_factors=["SF.O5", "SF.O5"], top_challenges=[], calculated_phase=None)
    assert codes(sections) == [("SF.O5", ["REC.004.a", "REC.004.d"])]


def test_for_report_with_nothing_requested(small):
    assert small.for_report(priority_factors=[], top_challenges=[], calculated_phase=None) == []


def test_for_report_can_cap_the_number_per_code(small):
    sections = small.for_report(
        priority_factors=["SF.O5"], top_challenges=["KO.3"], calculated_phase=None, max_per_code=1
    )
    # REC.004.d did not fit under SF.O5, so it is still offered under KO.3
    assert codes(sections) == [("SF.O5", ["REC.004.a"]), ("KO.3", ["REC.004.d"])]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"priority_factors": ["KO.1"]},
        {"top_challenges": ["SF.O5"]},
        {"top_challenges": "KO.1"},
        {"priority_factors": ["SF.Q1"]},
        {"calculated_phase": 0},
        {"calculated_phase": 5},
        {"calculated_phase": True},
        {"calculated_phase": 2, "max_per_code": 0},
    ],
)
def test_for_report_refuses_wrong_input(small, kwargs):
    with pytest.raises(ValueError):
        small.for_report(**kwargs)


def test_for_report_on_the_real_file(advice):
    sections = advice.for_report(
        priority_factors=["SF.O5", "SF.K2"], top_challenges=["KO.1", "KO.5"], calculated_phase=1
    )
    assert [code for code, _ in sections] == ["SF.O5", "SF.K2", "KO.1", "KO.5", "MK.1"]
    shown = [r.code for _, recommendations in sections for r in recommendations]
    assert len(shown) == len(set(shown))
    assert all(recommendations for _, recommendations in sections)
    assert sections[-1][1][0].code == "REC.004.MK1"
