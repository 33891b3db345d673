"""Dates as Dutch readers expect them, the same on every page: "1 oktober 2025", "1 oktober 2025, 14:05".

Templates use ``|date`` (DATE_FORMAT) and ``|date:"DATETIME_FORMAT"``; no page spells out its own format, so
no abbreviated month ("1 Okt") or time without its date ("2 Dec 07:03") can appear.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
