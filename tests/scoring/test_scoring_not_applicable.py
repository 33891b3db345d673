""""Weet niet" is a knowledge gap; "n.v.t." (instrument version 2) leaves the item out of that respondent's
denominator; version-1 answers (None = the combined "weet niet / n.v.t.") are read as before."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import score_round
from scoring.answers import dont_know_count, not_applicable_count, score_answers
from scoring.items import score_items
from scoring.types import ItemSpec, Respondent

PRESENCE = ItemSpec(code="SF.K1.presence", module="SF", dimension="K", factor="SF.K1", aspect="presence")
IMPORTANCE = ItemSpec(code="SF.K1.importance", module="SF", dimension="K", factor="SF.K1", aspect="importance")
CHALLENGE = ItemSpec(code="KO.1", module="KO", dimension="ko", scale_min=0, scale_max=3)
ITEMS = (PRESENCE, IMPORTANCE, CHALLENGE)


def test_nvt_is_neither_a_value_nor_a_knowledge_gap() -> None:
    people = [
        Respondent(id="a", answers={"SF.K1.presence": 5}),
        Respondent(id="b", answers={"SF.K1.presence": None}),
        Respondent(id="c", answers={}, not_applicable=frozenset({"SF.K1.presence"})),
        Respondent(id="d", answers={}),
    ]
    sheets = score_answers(items=ITEMS, respondents=people)
    assert sheets[2].values == {} and sheets[2].dont_know == frozenset()
    assert sheets[2].not_applicable == {"SF.K1.presence"}
    assert dont_know_count(sheets=sheets, code="SF.K1.presence") == 1
    assert not_applicable_count(sheets=sheets, code="SF.K1.presence") == 1
    stats = score_items(items={s.code: s for s in ITEMS}, sheets=sheets)["SF.K1.presence"]
    assert (stats.n, stats.n_dont_know, stats.n_not_applicable, stats.n_missing) == (1, 1, 1, 1)
    # The knowledge-gap share counts "weet niet" among those for whom the item applies: 1 of 2, not 1 of 3.
    assert stats.dont_know_share == 50.0
    assert stats.to_dict()["n_not_applicable"] == 1


def test_nvt_leaves_the_mean_and_the_challenge_share_unchanged() -> None:
    base = [Respondent(id="a", answers={"SF.K1.presence": 5, "KO.1": 3}),
            Respondent(id="b", answers={"SF.K1.presence": 1, "KO.1": 0})]
    with_nvt = [*base, Respondent(id="c", not_applicable=frozenset({"SF.K1.presence", "KO.1"}))]
    with_dk = [*base, Respondent(id="c", answers={"SF.K1.presence": None, "KO.1": None})]
    plain, nvt, dk = (score_round(items=ITEMS, respondents=p, min_group_size=1) for p in (base, with_nvt, with_dk))
    assert nvt.items["SF.K1.presence"].mean == plain.items["SF.K1.presence"].mean == 3.0
    assert nvt.challenges["KO.1"].recognised_share == plain.challenges["KO.1"].recognised_share == 50.0
    assert nvt.challenges["KO.1"].n_not_applicable == 1 and nvt.challenges["KO.1"].n_dont_know == 0
    assert dk.challenges["KO.1"].n_dont_know == 1 and dk.challenges["KO.1"].n_not_applicable == 0
    assert nvt.items["SF.K1.presence"].dont_know_share == 0.0
    assert dk.items["SF.K1.presence"].dont_know_share == pytest.approx(100 / 3)


def test_a_version_1_answer_none_still_reads_as_weet_niet() -> None:
    (sheet,) = score_answers(items=ITEMS, respondents=[Respondent(id="a", answers={"SF.K1.presence": None})])
    assert sheet.dont_know == {"SF.K1.presence"} and sheet.not_applicable == frozenset()


def test_a_code_cannot_be_both_answered_and_nvt() -> None:
    with pytest.raises(ValueError, match="both"):
        Respondent(id="a", answers={"KO.1": 2}, not_applicable=frozenset({"KO.1"}))


def test_nvt_for_unknown_codes_is_ignored() -> None:
    (sheet,) = score_answers(items=ITEMS, respondents=[Respondent(id="a", not_applicable=frozenset({"FREE.1"}))])
    assert sheet.not_applicable == frozenset()


ANSWER = st.one_of(st.integers(min_value=1, max_value=5), st.none(), st.just("na"), st.just("skip"))


def _respondents(answers: list[str | int | None]) -> list[Respondent]:
    people = []
    for n, answer in enumerate(answers):
        if answer == "na":
            people.append(Respondent(id=str(n), not_applicable=frozenset({"SF.K1.presence"})))
        elif answer == "skip":
            people.append(Respondent(id=str(n)))
        elif not isinstance(answer, str):
            people.append(Respondent(id=str(n), answers={"SF.K1.presence": answer}))
    return people


@given(st.lists(ANSWER, max_size=12))
def test_every_respondent_is_counted_once_and_nvt_changes_no_statistic(answers) -> None:
    items = {PRESENCE.code: PRESENCE}
    stats = score_items(items=items, sheets=score_answers(items=items, respondents=_respondents(answers)))
    counts = stats["SF.K1.presence"]
    assert counts.n + counts.n_dont_know + counts.n_not_applicable + counts.n_missing == len(answers)
    assert counts.n_not_applicable == answers.count("na")
    # Dropping the n.v.t. respondents altogether gives the same numbers: they are out of every denominator.
    without = [a for a in answers if a != "na"]
    other = score_items(items=items, sheets=score_answers(items=items, respondents=_respondents(without)))
    other_counts = other["SF.K1.presence"]
    for name in ("n", "n_dont_know", "dont_know_share", "mean", "median", "sd", "distribution"):
        assert getattr(counts, name) == getattr(other_counts, name)
