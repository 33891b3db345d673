"""Bilingual content fields: the platform stores Dutch and English side by side in `<name>_nl` / `<name>_en`."""

from django.utils import translation


def localized(obj: object, field: str, *, language: str | None = None) -> str:
    """Return ``obj.<field>_<lang>`` for the active language, falling back to Dutch (the default)."""
    lang = (language or translation.get_language() or "nl")[:2]
    value = getattr(obj, f"{field}_{lang}", "") or ""
    return value or getattr(obj, f"{field}_nl", "") or ""


class LocalizedMixin:
    def tr(self, field: str) -> str:
        return localized(self, field)
