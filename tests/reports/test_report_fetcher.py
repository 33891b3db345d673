"""The PDF renderer reads the app's static files and nothing else."""

import pytest

from reports.pdf import BASE_URL, RefusedURL, make_fetcher, render_pdf, resolve_static, static_locations
from tests.reports.report_testkit import pdf_text

pytest.importorskip("weasyprint")


@pytest.fixture
def locations(settings):
    return static_locations()


def test_static_locations_include_the_project_static_directory(settings, locations):
    assert ("", str(settings.BASE_DIR / "static")) in locations


def test_print_stylesheet_is_served_from_the_static_directory(locations):
    fetcher = make_fetcher(locations=locations)
    response = fetcher.fetch(f"{BASE_URL}static/reports/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/secret.css",
    "https://example.org/tracker.png",
    f"{BASE_URL}static/../../../etc/passwd",
    f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
    f"{BASE_URL}media/reports/other.pdf",
    f"{BASE_URL}static/reports/does-not-exist.css",
    "https://evil.example/static/reports/print.css",
    "ftp://example.org/x",
])
def test_everything_outside_the_static_files_is_refused(locations, url):
    fetcher = make_fetcher(locations=locations)
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_data_urls_are_allowed(locations):
    fetcher = make_fetcher(locations=locations)
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../x", "reports/../../x", "a//b", "a\\..\\b", "x\x00"])
def test_resolve_static_rejects_paths_that_could_escape(tmp_path, path):
    (tmp_path / "x").write_text("x")
    assert resolve_static(path=path, locations=[("", str(tmp_path / "root"))]) is None


def test_resolve_static_does_not_follow_symlinks_out_of_the_root(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_static(path="link.txt", locations=[("", str(root))]) is None


def test_resolve_static_honours_finder_prefixes(tmp_path):
    (tmp_path / "a.css").write_text("a")
    assert resolve_static(path="vendor/a.css", locations=[("vendor", str(tmp_path))]) == (tmp_path / "a.css")
    assert resolve_static(path="a.css", locations=[("vendor", str(tmp_path))]) is None


HOSTILE = """<!doctype html><html><head>
<link rel="stylesheet" href="/static/reports/print.css">
<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">
<style>@import url("file:///etc/hostname"); body { background: url("https://example.org/bg.png"); }</style>
</head><body>
<h1 class="report-network">Netwerk</h1>
<img src="file:///etc/passwd" alt="wachtwoorden">
<object data="file:///etc/passwd"></object>
<iframe src="file:///etc/passwd"></iframe>
<p>Zichtbare tekst</p>
</body></html>"""


def test_a_template_referencing_external_urls_or_server_files_fetches_none_of_them(db):
    result = render_pdf(html=HOSTILE)
    text = pdf_text(result.pdf)
    assert "Zichtbare tekst" in text
    assert "root:" not in text
    refused = set(result.refused)
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/evil.css" in refused
    assert "https://example.org/bg.png" in refused
    assert not any("print.css" in url for url in refused)  # the app's own stylesheet was served
