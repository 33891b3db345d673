"""The executive summary's sentences follow the scores, with the right grammar and number in both languages."""

import dataclasses

import pytest
from django.utils import translation

from reports.narrative import Facts, Topic, count_word, executive_summary, priority_points

pytestmark = pytest.mark.filterwarnings("error")


def _facts(**changes) -> Facts:
    base = Facts(
        overall_presence=72.6, overall_importance=88.0,
        calculated_phase=2, calculated_label="Fase 2: experiment en uitvoering",
        claimed_phase=3, claimed_label="Fase 3: uitbouw en monitoring",
        network_claimed_phase=None, network_claimed_label="onbekend",
        strengths=[Topic("Gedeelde visie", 82.6, 90.6), Topic("Projectleider", 83.3, 93.5),
                   Topic("Persoonlijke contacten", 82.6, 85.2), Topic("Vierde sterkte", 80.0, 80.0)],
        priorities=[Topic("Financieringsstromen gecombineerd", 22.8, 84.8), Topic("Regie", 40.0, 80.0),
                    Topic("Overleg", 45.0, 70.0)],
        blind_spots=[Topic("Doelen vanuit de cliënt", 19.6, 27.5)],
        disputed=[Topic("Vraaggerichtheid", context="Ketencomplexiteit"), Topic("Machtsspel"), Topic("Petten"),
                  Topic("Vierde vraag")],
        disputed_total=8,
        challenges=[Topic("Sluimerend machtsspel", share=88.0), Topic("Personele instabiliteit", share=62.5)],
        invited=28, submitted=24, respondents=24, answered_share=96.0, dont_know_share=4.0, small_n=10,
        questions=120,
    )
    return dataclasses.replace(base, **changes)


def _nl(facts: Facts):
    with translation.override("nl"):
        return executive_summary(facts=facts)


def _en(facts: Facts):
    with translation.override("en"):
        return executive_summary(facts=facts)


def test_a_score_of_72_6_is_interpreted_and_the_gap_to_importance_named():
    summary = _nl(_facts())
    text = summary.standing[0]
    assert "gedeeltelijk tot grotendeels aanwezig (aanwezigheid 72,6 van 100)" in text
    assert "zeer belangrijk gevonden (belang 88,0 van 100)" in text
    assert "Het belang ligt 15,4 punten boven de aanwezigheid" in text
    assert "50 'gedeeltelijk'" in text


@pytest.mark.parametrize("presence, phrase", [(10.0, "grotendeels afwezig"), (49.9, "hooguit gedeeltelijk aanwezig"),
                                              (50.0, "gedeeltelijk tot grotendeels aanwezig"),
                                              (75.0, "grotendeels tot volledig aanwezig")])
def test_the_presence_wording_follows_the_band_of_the_score(presence, phrase):
    assert phrase in _nl(_facts(overall_presence=presence, overall_importance=presence)).standing[0]


def test_presence_above_importance_is_named_as_such():
    text = _nl(_facts(overall_presence=80.0, overall_importance=60.0)).standing[0]
    assert "meer aanwezig dan ze belangrijk worden gevonden" in text


def test_without_scores_the_summary_says_so_instead_of_printing_dashes():
    summary = _nl(_facts(overall_presence=None, overall_importance=None, calculated_phase=None))
    assert summary.standing == ["Er zijn te weinig antwoorden op de succesfactoren om een totaalscore te berekenen."]
    assert "geen ontwikkelingsfase vastgesteld" in summary.phase[0]


def test_the_phase_sentence_names_the_difference_with_the_respondents_own_view_and_its_caveat():
    text = _nl(_facts()).phase[0]
    assert text.startswith("Op grond van de fasekenmerken staat het netwerk in fase 2: experiment en uitvoering.")
    assert "zelf in fase 3" in text and "spiegel, niet als oordeel" in text
    same = _nl(_facts(claimed_phase=2)).phase[0]
    assert "komt overeen met de eigen inschatting" in same and "zelf in fase" not in same


def test_three_strengths_are_kept_and_counted_in_words():
    summary = _nl(_facts())
    assert summary.strengths_intro.startswith("Deze drie factoren zijn belangrijk")
    assert [p.text for p in summary.strengths][0] == "Gedeelde visie (aanwezig 82,6, belang 90,6)"
    assert len(summary.strengths) == 3


def test_one_strength_reads_in_the_singular_in_both_languages():
    facts = _facts(strengths=[Topic("Gedeelde visie", 82.6, 90.6)])
    assert _nl(facts).strengths_intro == "Deze factor is belangrijk en al goed aanwezig. Vasthouden:"
    assert _en(facts).strengths_intro == "This factor is important and already well present. Keep it:"


def test_no_strengths_gives_a_sentence_not_an_empty_list():
    summary = _nl(_facts(strengths=[]))
    assert summary.strengths == [] and "Geen enkele factor" in summary.strengths_intro


def test_priorities_keep_the_first_blind_spot_among_the_three():
    chosen = priority_points(_facts())
    assert [(topic.label, blind) for topic, blind in chosen] == [
        ("Financieringsstromen gecombineerd", False), ("Regie", False), ("Doelen vanuit de cliënt", True)]
    summary = _nl(_facts())
    assert summary.priorities[2].blind_spot and "blinde vlek" in summary.priorities[2].text


def test_without_blind_spots_the_three_widest_gaps_are_the_priorities():
    chosen = priority_points(_facts(blind_spots=[]))
    assert [topic.label for topic, _ in chosen] == ["Financieringsstromen gecombineerd", "Regie", "Overleg"]


def test_blind_spots_fill_up_when_there_are_few_priorities():
    facts = _facts(priorities=[], blind_spots=[Topic("A", 10.0, 20.0), Topic("B", 15.0, 25.0)])
    summary = _nl(facts)
    assert summary.priorities_intro == "Deze twee punten vragen als eerste aandacht:"
    assert all(point.blind_spot for point in summary.priorities)


def test_disputed_topics_are_counted_and_the_first_three_named():
    summary = _nl(_facts())
    assert summary.discuss_intro.startswith("Bij acht vragen lopen de meningen sterk uiteen.")
    assert [p.text for p in summary.discuss] == ["Vraaggerichtheid (Ketencomplexiteit)", "Machtsspel", "Petten"]
    single = _nl(_facts(disputed=[Topic("Machtsspel")], disputed_total=1))
    assert single.discuss_intro.startswith("Bij één vraag lopen de meningen sterk uiteen. Bespreek die eerst")
    assert _en(_facts(disputed=[Topic("Machtsspel")], disputed_total=1)).discuss_intro.startswith(
        "On one question opinions differ widely.")


def test_challenges_in_singular_and_plural():
    assert _nl(_facts()).challenges == ("De meest herkende samenwerkingsuitdagingen: sluimerend machtsspel (88% "
                                        "herkent dit); personele instabiliteit (63% herkent dit).")
    one = _nl(_facts(challenges=[Topic("Sluimerend machtsspel", share=88.0)]))
    assert one.challenges.startswith("De meest herkende samenwerkingsuitdaging: ")


def test_a_good_response_and_coverage_make_a_firm_outcome():
    summary = _nl(_facts())
    assert summary.certainty_verdict == "De uitkomst is stevig genoeg om op te sturen."
    assert summary.certainty[0] == "24 van de 28 uitgenodigden vulden de vragenlijst in (respons 86%)."
    assert summary.certainty[1] == "Op 96% van de vragen kwam een inhoudelijk antwoord; 4% was 'weet niet'."
    assert summary.certainty[2].startswith("Bij 8 van de 120 vragen lopen de antwoorden ver uiteen")


def test_few_respondents_make_a_cautious_indication_with_the_reason():
    summary = _nl(_facts(invited=6, submitted=4, respondents=4))
    assert summary.certainty_verdict == "De uitkomst is een voorzichtige indicatie."
    assert "Met 4 respondenten kan één antwoord meer of minder" in " ".join(summary.certainty)
    one = _nl(_facts(invited=5, submitted=1, respondents=1))
    assert one.certainty[0] == "1 van de 5 uitgenodigden vulde de vragenlijst in (respons 20%)."


def test_a_middling_response_gives_a_fair_picture_and_an_open_round_says_it_may_change():
    summary = _en(_facts(invited=40, submitted=16, respondents=16, interim=True))
    assert summary.certainty_verdict == "The outcome gives a fair picture, with the caveats below."
    assert summary.certainty[0] == "16 of the 40 people invited filled in the questionnaire (response 40%)."
    assert summary.certainty[-1] == "The round is still open: the results may still change."


def test_the_english_summary_is_english_throughout():
    summary = _en(_facts(calculated_label="Phase 2: experiment and implementation"))
    text = " ".join([*summary.standing, *summary.phase, summary.strengths_intro, summary.priorities_intro,
                     summary.discuss_intro, summary.certainty_verdict, *summary.certainty])
    assert "presence 72.6 out of 100" in text and "the network is in phase 2: experiment" in text
    for dutch in (" het ", " de ", "aanwezig", "vragen", "respons "):
        assert dutch not in text, dutch


def test_small_counts_are_words_and_large_ones_digits():
    with translation.override("nl"):
        assert [count_word(n) for n in (1, 3, 10, 11)] == ["één", "drie", "tien", "11"]
    with translation.override("en"):
        assert count_word(2) == "two"


def test_a_phase_backlog_is_named_beside_the_position():
    one = _nl(_facts(calculated_phase=4, calculated_label="Fase 4: verduurzaming", backlog=(2,))).phase[0]
    assert "Eerdere fase 2 is nog niet bereikt" in one
    two = _en(_facts(calculated_phase=4, calculated_label="Phase 4: consolidation", backlog=(2, 3))).phase[0]
    assert "Earlier phases 2 and 3 are not reached yet" in two


def test_insufficient_phase_data_is_reported_as_a_finding_not_a_guess():
    text = _nl(_facts(calculated_phase=None)).phase[0]
    assert text.startswith("Er is geen ontwikkelingsfase vastgesteld") and "fase 1" not in text
