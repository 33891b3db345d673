"""The method appendix is written for the report's readers, in the report's language, without developer terms."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from reports.content.network import method_template
from reports.content.summary import SMALL_N

# Words a board member should never meet: code packages, class and variable names, file paths, line refs.
DEVELOPER_TERMS = ("scoring/", "RoundScores", "to_dict", "network_scores", "n_dont_know", "presence_mean",
                   "importance_mean", "dont_know_share", "recognised_share", "seed", ".yaml", ".md", "`",
                   "Public API", "Publieke API", "JSON")


class _Report:
    threshold = 60.0
    min_group_size = 3
    small_n = SMALL_N


def _appendix(language: str) -> str:
    with translation.override(language):
        return render_to_string(method_template(), {"report": _Report()})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_method_appendix_has_no_developer_terms(language):
    text = _appendix(language)
    for term in DEVELOPER_TERMS:
        assert term not in text, (language, term)


def test_dutch_readers_read_dutch_and_english_readers_english():
    dutch, english = _appendix("nl"), _appendix("en")
    assert "Hoe een score ontstaat" in dutch and "How a score is made" not in dutch
    assert "How a score is made" in english and "Hoe een score ontstaat" not in english
    assert "rekenregels zijn" not in dutch and "in het Engels" not in dutch


def test_both_languages_explain_the_same_topics():
    dutch, english = _appendix("nl"), _appendix("en")
    assert dutch.count("<h3") == english.count("<h3") >= 6
    assert dutch.count("<li>") == english.count("<li>")


def test_the_appendix_uses_the_round_s_own_threshold_and_group_size():
    class Strict(_Report):
        threshold = 70.0
        min_group_size = 5

    with translation.override("nl"):
        text = render_to_string(method_template(), {"report": Strict()})
    assert "vanaf 70% gerealiseerd" in text
    assert "minstens 5 respondenten" in text


def test_both_languages_say_which_advice_the_report_gives():
    dutch, english = _appendix("nl"), _appendix("en")
    assert "Welk advies het rapport geeft" in dutch and "Which advice the report gives" in english
    assert "ook als niemand ze belangrijk noemt" in dutch and "even when nobody calls them important" in english
    assert "Praktijkadvies van Ketenregie" in dutch and "Ketenregie practice advice" in english
    assert "minstens een derde" in dutch and "at least a third" in english
