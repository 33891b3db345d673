"""The layout holds, read from the PDF itself: no text over text, no header running into its neighbour, no
heading beside other text, no page less than a third full unless it ends its section.

The checks (tests/reports/report_layout.py) first prove on small WeasyPrint documents that they catch each
glitch, then run on the demo network's report in both languages and on a member's personal report.
"""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from networks.models import Membership, PlatformRole
from reports.content import personal_report_get
from reports.pdf import render_pdf
from rounds.models import Round, RoundStatus
from tests.must import present
from tests.reports.report_layout import crowded_headings, overlaps, pages, problems, run_ins, sparse_pages
from tests.reports.report_testkit import load_demo

DEMO = "ketenconvenant-oost-gelderland"
PAGE_CSS = "@page { size: A4; margin: 20mm 16mm 18mm 16mm; } body { font-family: 'DejaVu Sans'; font-size: 9pt; }"


def _pdf(body: str, css: str = "") -> bytes:
    return render_pdf(html=f"<html><head><style>{PAGE_CSS}{css}</style></head><body>{body}</body></html>",
                      timeout=120).pdf


# --- the checks catch what they are for -------------------------------------------------------------------


def test_the_overlap_check_catches_text_printed_over_text():
    pdf = _pdf('<p style="position:absolute; top:40mm">Spreidingsindex</p>'
               '<p style="position:absolute; top:40mm; left:14mm">Verdeling</p>')
    assert overlaps(pages(pdf)[0])
    assert not overlaps(pages(_pdf("<p>Spreidingsindex</p><p>Verdeling van de antwoorden</p>"))[0])


def test_the_run_in_check_catches_a_header_running_into_the_next_cell():
    table = ('<table style="table-layout:fixed; width:60mm; border-collapse:collapse"><tr>'
             '<th style="width:12mm; padding:0; overflow-wrap:normal">Spreidingsindex</th>'
             '<th style="width:48mm; padding:0; text-align:left">Verdeling</th></tr></table>')
    assert run_ins(pages(_pdf(table))[0]) or overlaps(pages(_pdf(table))[0])


def test_the_heading_check_catches_a_heading_floating_beside_a_float():
    body = ('<dl><dt style="float:left; width:30mm">Gemaakt op</dt></dl>'
            '<h2 style="font-size:15pt; font-weight:bold; margin:0">Deelgebieden</h2>')
    assert crowded_headings(pages(_pdf(body))[0])


def test_the_fill_check_allows_a_short_last_page_of_a_section_but_not_a_short_middle_page():
    heading = '<h2 style="font-size:15pt; font-weight:bold; break-before:page">Sectie</h2>'
    short_middle = heading + '<p>Een regel.</p><p style="break-before:page">Nog een regel.</p>' + heading
    assert sparse_pages(pages(_pdf(short_middle)))
    assert not sparse_pages(pages(_pdf(heading + "<p>Een regel.</p>" + heading + "<p>Nog een.</p>")))


# --- the demo reports ---------------------------------------------------------------------------------------


@pytest.fixture
def demo_round(db):
    load_demo()
    return Round.objects.filter(network__slug=DEMO, status=RoundStatus.CLOSED).order_by("-opens_on").first()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_demo_network_report_layout_holds(client_for, demo_round, language):
    coordinator = present(
        Membership.objects.filter(network=demo_round.network, role=PlatformRole.COORDINATOR).first()).user
    client = client_for(coordinator)
    client.cookies["django_language"] = language
    response = client.get(reverse("reports:pdf", kwargs={"network_slug": DEMO, "round_slug": demo_round.slug}))
    assert response.status_code == 200
    assert problems(response.content) == []


@pytest.mark.sqlite_only
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_demo_personal_report_layout_holds(demo_round, language):
    response = demo_round.responses.filter(submitted_at__isnull=False).order_by("pk").first()
    with translation.override(language):
        report = personal_report_get(round=demo_round, user=response.respondent, interim=False)
        html = render_to_string("reports/personal_pdf.html", {"report": report})
    assert problems(render_pdf(html=html, timeout=300).pdf) == []
