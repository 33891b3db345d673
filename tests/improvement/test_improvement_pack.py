"""The printable workshop pack: a real A4 PDF with the agenda in order, one page per topic."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from improvement import services

pytestmark = pytest.mark.django_db


def test_pack_is_an_a4_pdf_with_the_agenda_in_order(client_for, member, coordinator, closed_round):
    workshop = services.workshop_prepare(round=closed_round, user=coordinator)
    topics = list(workshop.topics.order_by("position"))
    services.workshop_agenda_set(workshop=workshop, topic_ids=[t.pk for t in reversed(topics)], user=coordinator)
    response = client_for(member).get(reverse("improvement:pack", args=[closed_round.network.slug,
                                                                        closed_round.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1 + len(topics)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    second = reader.pages[1].extract_text()
    assert "Punt 1 van 2" in second and "Geen overeenstemming" in second
    # The coordinator's order: the priority now comes first, the disputed question second.
    assert "Prioriteit" in second


def test_pack_without_a_workshop_is_404_and_outsiders_get_404(client_for, member, outsider, closed_round):
    url = reverse("improvement:pack", args=[closed_round.network.slug, closed_round.slug])
    assert client_for(member).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
