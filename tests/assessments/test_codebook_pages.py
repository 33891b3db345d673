"""Codebook pages and downloads: for every signed-in user, grouped, with anchors, sources and versions."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.loader import instrument_file_load
from assessments.models import Instrument, InstrumentStatus
from assessments.sources import citation
from tests.must import present

pytestmark = pytest.mark.django_db


def _urls(instrument) -> list[str]:
    kwargs = {"slug": instrument.slug, "version": instrument.version}
    return [reverse("assessments:codebook_latest"), reverse("assessments:codebook", kwargs=kwargs),
            reverse("assessments:codebook_csv", kwargs=kwargs), reverse("assessments:codebook_json", kwargs=kwargs)]


def test_the_url_names_resolve_to_the_documented_paths(shipped):
    assert _urls(shipped) == ["/codebook/", "/codebook/ketenregie/v1/", "/codebook/ketenregie/v1.csv",
                              "/codebook/ketenregie/v1.json"]


def test_anonymous_visitors_are_sent_to_login(client, shipped):
    for url in _urls(shipped):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


@pytest.mark.parametrize("who", ["member", "coordinator", "outsider", "superuser"])
def test_every_signed_in_user_may_read_the_codebook(request, client_for, shipped, who):
    client = client_for(request.getfixturevalue(who))
    for url in _urls(shipped):
        assert client.get(url).status_code == 200, url


def test_the_page_shows_every_item_with_anchor_texts_and_source(client_for, member, shipped):
    latest = present(Instrument.objects.latest_published())
    content = client_for(member).get(reverse("assessments:codebook_latest")).content.decode()
    for item in latest.items.all():
        assert f'id="{item.code}"' in content
        assert f'href="#{item.code}"' in content
        assert escape(citation(source=item.source, language="nl")) in content
    item = latest.items.get(code="KO.1")
    assert item.label_nl in content and item.label_en in content
    assert 'id="module-MK"' in content and 'id="dimension-MK-4"' in content
    assert "-9 = " in content


def test_the_page_groups_items_by_module_and_dimension(client_for, member, shipped):
    content = client_for(member).get(reverse("assessments:codebook_latest")).content.decode()
    positions = [content.index(marker) for marker in (
        'id="module-SF"', 'id="dimension-SF-K"', 'id="SF.K1.presence"', 'id="dimension-SF-P"', 'id="module-MK"',
        'id="dimension-MK-1"', 'id="MK.1.1"', 'id="MK.phase"', 'id="module-KO"', 'id="KO.9"')]
    assert positions == sorted(positions)


def test_the_version_switcher_lists_both_versions_and_each_stays_readable(client_for, member, shipped, v2_path):
    instrument_file_load(path=v2_path)
    client = client_for(member)
    latest = client.get(reverse("assessments:codebook_latest")).content.decode()
    assert "Zelfevaluatie ketensamenwerking (versie 9)" in latest
    assert 'href="/codebook/ketenregie/v1/"' in latest and 'aria-current="page"' in latest
    v1 = client.get("/codebook/ketenregie/v1/").content.decode()
    assert 'id="MK.4.10"' in v1 and 'href="/codebook/ketenregie/v9/"' in v1
    rows = list(csv.DictReader(io.StringIO(client.get("/codebook/ketenregie/v9.csv").content.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == ["SF.K1.presence"]


def test_the_csv_download_is_utf8_with_bom_and_reads_back(client_for, member, shipped):
    response = client_for(member).get("/codebook/ketenregie/v1.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="codebook-ketenregie-v1.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["code"] for r in rows} == set(shipped.items.values_list("code", flat=True))
    assert any("cliënt" in r["text_nl"] for r in rows)


def test_the_json_download_holds_every_item(client_for, member, shipped):
    response = client_for(member).get("/codebook/ketenregie/v1.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert len(data["items"]) == shipped.items.count()


def test_a_draft_version_is_only_visible_to_staff(client_for, member, superuser, proef):
    Instrument.objects.filter(pk=proef.pk).update(status=InstrumentStatus.DRAFT)
    for url in _urls(proef)[1:]:
        assert client_for(member).get(url).status_code == 404, url
    for url in _urls(proef)[1:]:
        assert client_for(superuser).get(url).status_code == 200, url


def test_an_unknown_version_is_404(client_for, member, shipped):
    client = client_for(member)
    assert client.get("/codebook/ketenregie/v99/").status_code == 404
    assert client.get("/codebook/bestaat-niet/v1.csv").status_code == 404


def test_without_a_published_version_the_latest_page_says_so(client_for, member, shipped):
    Instrument.objects.update(status=InstrumentStatus.DRAFT)
    response = client_for(member).get("/codebook/")
    assert response.status_code == 404
    assert "nog geen gepubliceerde versie" in response.content.decode()


def test_post_is_not_allowed(client_for, member, shipped):
    assert client_for(member).post("/codebook/").status_code == 405


def test_the_public_page_cites_by_author_and_year_without_file_numbers_lines_or_paths(client_for, member, shipped):
    content = client_for(member).get(reverse("assessments:codebook_latest")).content.decode()
    for absent in ("seed", "r. 1", " lines ", "regels ", ".yaml", "instruments/"):
        assert absent not in content, absent
    assert "De Bruin &amp; Gelderloos (2010), § 4.6" in content
    assert "Kaats, E. &amp; Opheij, W. (2012)" in content  # the bibliography at the foot of the page
    assert "?weergave=review" in content


def test_the_reviewer_view_adds_the_line_numbers_in_the_source_text_and_explains_them(client_for, member, shipped):
    content = client_for(member).get(reverse("assessments:codebook_latest") + "?weergave=review").content.decode()
    assert "regelnummers in de brontekst" in content
    item = shipped.items.get(code="SF.K1.presence")
    assert escape(citation(source=item.source, language="nl", lines=True)) in content
    assert f"(regels {item.source['lines']})" in content
