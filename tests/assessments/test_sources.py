"""Citations and the bibliography: author, year and section for readers; line numbers only on request."""

import re

import pytest

from assessments.loader import shipped_instrument_paths
from assessments.sources import BY_KEY, bibliography, citation
from reports.advice import load_advice


def test_the_thesis_is_cited_by_its_authors_year_and_section():
    source = {"file": "004", "section": "6.5 aanbeveling 1 (persoonlijke contacten); 5.4", "lines": "2808-2810"}
    assert citation(source=source, language="nl") == (
        "De Bruin & Gelderloos (2010), § 6.5 aanbeveling 1 (persoonlijke contacten); § 5.4")


def test_line_numbers_appear_only_in_the_reviewer_form_and_in_the_reader_s_language():
    source = {"file": "004", "section": "4.6", "lines": "1621-1729"}
    assert "1621" not in citation(source=source, language="nl")
    assert citation(source=source, language="nl", lines=True).endswith("(regels 1621-1729)")
    assert citation(source=source, language="en", lines=True).endswith("(lines 1621-1729)")


def test_check_2_names_kaats_and_opheij_and_checks_1_and_3_are_the_authors_own():
    check_2 = citation(source={"file": "002", "section": "Check 2 (schijnsamenwerking)"}, language="nl")
    assert check_2 == "Bijdrage SWVG-symposium (2020), Check 2 (schijnsamenwerking), naar Kaats & Opheij (2012)"
    for check in ("Check 1", "Check 3 (als deelnemer)"):
        assert "Kaats" not in citation(source={"file": "002", "section": check}, language="nl")


def test_minkman_s_phases_name_minkman_beside_the_thesis():
    text = citation(source={"file": "004", "section": "Bijlage 1"}, language="en")
    assert text == "De Bruin & Gelderloos (2010), Bijlage 1, after Minkman et al. (2009)"
    assert "Minkman" not in citation(source={"file": "004", "section": "4.3 (kader klantwaarde)"}, language="nl")


def test_a_source_without_a_known_year_says_so_instead_of_guessing():
    assert citation(source={"file": "003", "section": "4.1 Context verkennen"}, language="nl") == (
        "Beemer e.a. (z.j.), § 4.1 Context verkennen")
    assert citation(source={"file": "000", "section": "Aanbeveling 1"}, language="en").startswith(
        "Keten- en netwerkmanagement (n.d.)")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_bibliography_entry_has_a_year_mark_and_no_file_numbers(language):
    entries = bibliography(language=language)
    assert len(entries) == len(BY_KEY)
    for entry in entries:
        assert re.search(r"\((\d{4}|z\.j\.|n\.d\.)\)|\d{4}\.", entry), entry
        assert "seed" not in entry and not re.search(r"\b00\d\b", entry), entry


def test_every_source_the_instruments_and_the_advice_cite_is_in_the_bibliography():
    files = {str(r.source.get("file")) for r in load_advice().recommendations}
    for path in shipped_instrument_paths():
        files |= set(re.findall(r'file: "(\d{3})"', path.read_text(encoding="utf-8")))
    assert files and files <= set(BY_KEY)
