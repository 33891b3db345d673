from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def num(value, digits: int = 1):
    """A score with ``digits`` decimals in the active language; "no data" reads as a dash with a spoken label."""
    if value is None:
        return format_html('<span class="text-body-secondary">—<span class="visually-hidden"> {}</span></span>',
                           _("geen gegevens"))
    return floatformat(value, digits)


@register.filter
def signed(value, digits: int = 1):
    """A difference with its sign (+4,2 / −1,0), or a dash when either side had no data."""
    if value is None:
        return num(None)
    text = floatformat(abs(value), digits)
    if round(value, digits) == 0:
        return text
    return ("+" if value > 0 else "−") + text
