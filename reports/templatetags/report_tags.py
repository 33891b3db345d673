"""Number formatting for reports: one decimal in the viewer's locale, a dash for "no data"."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

NO_DATA = "–"


def _half_up(value, decimals: int) -> Decimal:
    """Half away from zero, like the scoring engine and the charts, so 62.5 prints as 63 everywhere."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@register.filter
def num(value, decimals: int = 1) -> str:
    """62.25 → "62,3" in Dutch, "62.3" in English; None → "–" (never 0: no data is not a low score)."""
    if value is None or value == "":
        return NO_DATA
    return number_format(_half_up(value, int(decimals)), decimal_pos=int(decimals))


@register.filter
def signed(value, decimals: int = 1) -> str:
    """A difference with its sign: "+4,2", "−1,0", "0,0"."""
    if value is None or value == "":
        return NO_DATA
    number = _half_up(value, int(decimals))
    text = number_format(abs(number), decimal_pos=int(decimals))
    if number > 0:
        return f"+{text}"
    if number < 0:
        return f"\u2212{text}"
    return text


@register.filter
def percent(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return NO_DATA
    return f"{num(value, decimals)}%"
