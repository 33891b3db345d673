"""Dates read the same everywhere: "1 oktober 2025", and times always with their full date."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(("language", "date", "stamp"), [
    ("nl", "1 oktober 2025", "1 oktober 2025, 14:05"),
    ("en", "1 October 2025", "1 October 2025, 14:05"),
])
def test_dates_and_times_use_the_full_month_and_times_carry_their_date(language, date, stamp):
    template = Template('{{ day|date }}|{{ moment|date:"DATETIME_FORMAT" }}|{{ moment }}')
    with translation.override(language):
        rendered = template.render(Context({"day": datetime.date(2025, 10, 1),
                                            "moment": datetime.datetime(2025, 10, 1, 14, 5)}))
    assert rendered == f"{date}|{stamp}|{stamp}"


def test_no_template_spells_out_its_own_date_format():
    """A page-specific format is how "1 Okt 2025" and "2 Dec 07:03" crept in beside "1 oktober 2025"."""
    own_formats = []
    for path in TEMPLATES.rglob("*"):
        if path.suffix in (".html", ".txt"):
            for found in re.findall(r'\|date:"([^"]+)"', path.read_text()):
                if found not in ("DATE_FORMAT", "DATETIME_FORMAT"):
                    own_formats.append(f"{path.relative_to(TEMPLATES)}: {found}")
    assert own_formats == []
