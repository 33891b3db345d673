"""Citations of the source texts in templates, in the viewer's language (see assessments.sources)."""

from django import template

from assessments.sources import citation
from core.i18n import language_code

register = template.Library()


@register.simple_tag
def cite(source, lines: bool = False) -> str:
    """``{% cite item.source %}`` → "De Bruin & Gelderloos (2010), § 4.6"; ``lines=True`` adds line numbers."""
    if not source or not source.get("file"):
        return ""
    return citation(source=source, language=language_code(), lines=bool(lines))
