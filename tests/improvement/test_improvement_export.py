"""The action plan as CSV and XLSX: same rows, own network only, every download in the audit log."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditAction, AuditEvent
from improvement import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(closed_round, coordinator):
    partner = closed_round.network.partnerships.first().organisation
    services.action_create(round=closed_round, user=coordinator, what='Rollen vastleggen; "wie doet wat"',
                           target_code="SF.P2", owner_organisation=partner, due_on=dt.date(2027, 3, 1),
                           notes="=SOM(A1)")
    return partner


def test_csv_opens_in_dutch_excel_with_every_action(client_for, member, closed_round, planned):
    response = client_for(member).get(reverse("improvement:action_export", args=[closed_round.network.slug, "csv"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows[0][0] == "Wat"
    assert rows[1][:5] == ['Rollen vastleggen; "wie doet wat"', "SF.P2", planned.name, "2027-03-01", "Gepland"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, details__format="csv").exists()


def test_xlsx_holds_the_same_rows_and_no_formulas(client_for, member, closed_round, planned):
    response = client_for(member).get(reverse("improvement:action_export", args=[closed_round.network.slug, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][0] == 'Rollen vastleggen; "wie doet wat"'
    assert values[1][6] == "=SOM(A1)"  # written as text, not as a formula
    assert sheet.cell(row=2, column=7).data_type == "s"


def test_export_of_another_network_is_404(client_for, outsider, closed_round, planned):
    for fmt in ("csv", "xlsx"):
        url = reverse("improvement:action_export", args=[closed_round.network.slug, fmt])
        assert client_for(outsider).get(url).status_code == 404


def test_unknown_export_format_is_404(client_for, member, closed_round):
    url = reverse("improvement:action_export", args=[closed_round.network.slug, "pdf"])
    assert client_for(member).get(url).status_code == 404
