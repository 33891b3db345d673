"""Dutch alphabetical order of people: on the surname without its prefix ("de Groot" under G, "van Dijk" under D).

Dutch lists (telephone books, the Basisregistratie Personen) sort "Jan de Groot" under G and show the prefix
(tussenvoegsel) with the name. Some people type the prefix into the surname field, others into the first-name
field's end; both are handled for the surname. Flemish usage (prefix part of the surname) is not applied:
the platform's default is the Dutch rule.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")

# Longest first, so that "van der" is stripped as a whole and not as "van" leaving "der Berg".
PREFIXES = sorted({
    "van der", "van den", "van de", "van het", "van 't", "van ter", "van ten", "in 't", "in het", "in de",
    "op de", "op den", "op 't", "uit de", "uit het", "aan de", "aan het", "bij de", "de la", "van",
    "de", "der", "den", "het", "'t", "ter", "ten", "te", "von", "vom", "zu", "le", "la", "du", "d'", "l'",
}, key=len, reverse=True)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def surname_without_prefix(surname: str) -> str:
    """``"van der Berg"`` → ``"Berg"``; a surname that is only a prefix word stays as it is."""
    name = " ".join(surname.split())
    lowered = name.lower()
    for prefix in PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix):
            rest = name[len(prefix):]
            if prefix.endswith("'") or rest.startswith(" "):
                return rest.strip()
    return name


def person_sort_key(*, first_name: str, last_name: str, email: str = "") -> tuple[str, str, str]:
    """Sort key: surname without prefix, then first name, then e-mail (people without a name sort by e-mail)."""
    surname = surname_without_prefix(last_name or "")
    return (_fold(surname) or _fold(email), _fold(first_name or ""), _fold(email))


def user_sort_key(user) -> tuple[str, str, str]:
    return person_sort_key(first_name=user.first_name, last_name=user.last_name, email=user.email)


def sorted_people(items: Iterable[T], *, user: Callable[[T], object] = attrgetter("user")) -> list[T]:
    """Items (memberships, invitations, …) in Dutch order of their person; ``user`` picks the person."""
    return sorted(items, key=lambda item: user_sort_key(user(item)))
