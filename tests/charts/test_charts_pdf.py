"""The charts render in WeasyPrint (the PDF report pipeline) and their labels end up in the PDF."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from charts.preview import main, render_html, sample_charts  # noqa: E402


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_all_charts_render_inside_an_html_page_with_weasyprint():
    from weasyprint import HTML

    charts = sample_charts()
    assert {heading for heading, _ in charts} >= {"Radar", "Heatmap", "Trend", "Fasen", "Prioriteitenmatrix"}
    pdf = HTML(string=render_html(charts)).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000
    text = _pdf_text(pdf)
    # Labels from several charts, including escaped hostile text, come out as real text.
    assert "Netwerkgemiddelde" in text  # radar legend
    assert "Onderbelicht" in text  # matrix quadrant name
    assert "Te weinig respondenten" in text  # heatmap legend
    assert "Zorggroep <De Linde>" in text  # escaped in SVG, literal in the PDF
    assert "Ingediend: 42" in text  # stacked bar legend


def test_preview_script_writes_html_and_pdf(tmp_path):
    assert main([str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "charts.html").read_text(encoding="utf-8")
    assert html.count('role="img"') == len(sample_charts())
    assert (tmp_path / "out" / "charts.pdf").read_bytes().startswith(b"%PDF")


def test_preview_script_needs_an_output_directory(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
