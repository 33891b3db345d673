"""URL names made from names people type."""

from django.utils.html import strip_tags
from django.utils.text import slugify


def name_to_slug(name: str, *, max_length: int = 80) -> str:
    """Markup is dropped before slugifying, so "<i>test</i>" gives "test", not "itesti"."""
    return slugify(strip_tags(name))[:max_length].strip("-")
