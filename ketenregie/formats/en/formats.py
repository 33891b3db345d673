"""English dates in the same shape as the Dutch ones (ketenregie/formats/nl): "1 October 2025, 14:05"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
