"""The method appendix is the scoring documentation in the viewer's language, without the developer sections."""

from django.utils import translation

from reports.content import method_html


def test_dutch_viewers_read_the_dutch_method():
    with translation.override("nl"):
        html = str(method_html())
    assert "Prioriteitenmatrix" in html and "Priority matrix" not in html
    assert "Publieke API" not in html and "JSON-formaat" not in html


def test_english_viewers_read_the_english_method():
    with translation.override("en"):
        html = str(method_html())
    assert "Priority matrix" in html and "Prioriteitenmatrix" not in html
    assert "Public API" not in html and "JSON format of network_scores" not in html


def test_both_versions_cover_the_same_sections():
    with translation.override("nl"):
        dutch = str(method_html())
    with translation.override("en"):
        english = str(method_html())
    assert dutch.count("<h3") == english.count("<h3") > 8
    assert dutch.count("<table") == english.count("<table")
