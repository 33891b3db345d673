"""Bilingual content fields: the platform stores Dutch and English side by side in `<name>_nl` / `<name>_en`."""

from django.utils import translation


def language_code() -> str:
    """The active language as a two-letter code ("nl" or "en"); Dutch when none is active."""
    return (translation.get_language() or "nl")[:2]


def decimal_separator() -> str:
    """Dutch writes 42,3; English 42.3."""
    return "," if language_code() == "nl" else "."


def localized(obj: object, field: str, *, language: str | None = None) -> str:
    """Return ``obj.<field>_<lang>`` for the active language, falling back to Dutch (the default)."""
    lang = (language or language_code())[:2]
    value = getattr(obj, f"{field}_{lang}", "") or ""
    return value or getattr(obj, f"{field}_nl", "") or ""


class LocalizedMixin:
    def tr(self, field: str) -> str:
        return localized(self, field)
