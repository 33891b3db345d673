"""Reading an import file with limits: nesting depth, number size, valid strings, no NUL.

``json.loads`` alone lets a hostile file crash the request: 200,000 nested ``[`` raise RecursionError, a
5,000-digit integer raises ValueError, a lone surrogate (``"\\ud800"``) breaks at the database write or when the
page is rendered, and ``\\u0000`` is refused by PostgreSQL. Here each of those is a problem in the same list as
the validation's (``ImportRejected``), found before the data reaches validation or the database.
"""

from __future__ import annotations

import json
import re

from django.utils.translation import gettext as _

# The format needs four levels ({responses: [{answers: {}}]}); a little room for future keys.
MAX_DEPTH = 8
# Digits of an integer literal (external ids, scale values); a float literal's length.
MAX_INT_DIGITS = 18
MAX_FLOAT_CHARS = 32
# A broken file can have a bad string in every field: show this many, then a count.
MAX_STRING_PROBLEMS = 50

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")


class ParseProblem(Exception):
    """One problem that stops reading the file (the document cannot be built)."""


def _depth_check(text: str) -> None:
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ParseProblem(_("Het bestand is te diep genest (meer dan %(max)d niveaus lijsten en objecten "
                                     "in elkaar); zo ziet een importbestand er niet uit.") % {"max": MAX_DEPTH})
        elif token in "]}":
            depth -= 1


def _shown(literal: str) -> str:
    return literal if len(literal) <= 24 else f"{literal[:20]}… ({len(literal)} tekens)"


def _parse_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise ParseProblem(_("Het getal %(number)s is te groot (hoogstens %(max)d cijfers).")
                           % {"number": _shown(literal), "max": MAX_INT_DIGITS})
    return int(literal)


def _parse_float(literal: str) -> float:
    value = float(literal) if len(literal) <= MAX_FLOAT_CHARS else float("inf")
    if value in (float("inf"), float("-inf")):
        raise ParseProblem(_("Het getal %(number)s is te groot.") % {"number": _shown(literal)})
    return value


def _parse_constant(name: str):
    raise ParseProblem(_("%(name)s is geen geldige JSON-waarde; gebruik null voor “weet niet”.") % {"name": name})


def _path(parts: tuple) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif _SIMPLE_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part)}]"  # ASCII-escaped: the key itself may be the bad string
    return out or _("het bestand")


def _string_problem(value: str) -> str | None:
    if "\x00" in value:
        return _("de tekst bevat een NUL-teken (\\u0000); dat is niet toegestaan.")
    if _SURROGATE.search(value):
        return _("de tekst bevat een ongeldig teken (een losse surrogaat zoals \\ud800); sla het bestand op als "
                 "geldige UTF-8.")
    return None


def string_problems(data: object) -> list[str]:
    """Every string (value or key) that cannot be stored or shown, with where it is, e.g. responses[3].respondent."""
    found: list[tuple[tuple, str]] = []  # (where, problem)
    stack: list[tuple[object, tuple]] = [(data, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            problem = _string_problem(value)
            if problem:
                found.append((where, problem))
        elif isinstance(value, dict):
            for key, child in reversed(list(value.items())):
                problem = _string_problem(key)
                if problem:
                    found.append(((*where, key), _("de naam van het veld: %(problem)s") % {"problem": problem}))
                stack.append((child, (*where, key)))
        elif isinstance(value, list):
            stack.extend((child, (*where, index)) for index, child in reversed(list(enumerate(value))))
    messages = [f"{_path(where)}: {problem}" for where, problem in found[:MAX_STRING_PROBLEMS]]
    if len(found) > MAX_STRING_PROBLEMS:
        messages.append(_("… en nog %(count)d teksten met een ongeldig teken.")
                        % {"count": len(found) - MAX_STRING_PROBLEMS})
    return messages


def json_parse_limited(text: str) -> object:
    """The JSON document, or ParseProblem; strings are checked afterwards with ``string_problems``."""
    _depth_check(text)
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except RecursionError:  # pragma: no cover - the depth check comes first; kept as a second line
        raise ParseProblem(_("Het bestand is te diep genest.")) from None
