"""Presentation of numbers in the stored JSON (``network_scores``).

The engine computes with full precision; only the dictionaries handed to storage and the
report are rounded. Rounding happens in one place so the report, the trend and the personal
view all show the same digits.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, overload

#: A JSON object as stored in ``network_scores``: its values are whatever JSON holds.
JSONObject = dict[str, Any]

DECIMALS = 1
_QUANTUM = Decimal(1).scaleb(-DECIMALS)


@overload
def round1(*, value: float | Fraction) -> float: ...
@overload
def round1(*, value: float | Fraction | None) -> float | None: ...
def round1(*, value: float | Fraction | None) -> float | None:
    """Round to one decimal, half away from zero, keeping None as "no data".

    Python's round() rounds binary floats half-to-even, so 62.25 would become 62.2 while a
    reader expects 62.3; rounding the shortest decimal representation half-up avoids that
    surprise. Negative zero is normalised so a JSON diff never shows ``-0.0``.
    """
    if value is None:
        return None
    text = repr(float(value))
    rounded = float(Decimal(text).quantize(_QUANTUM, rounding=ROUND_HALF_UP))
    return rounded + 0.0 if rounded != 0 else 0.0


@overload
def sort_keys(*, data: Mapping) -> JSONObject: ...
@overload
def sort_keys(*, data: object) -> object: ...
def sort_keys(*, data: object) -> object:
    """Return a copy of nested dicts with keys sorted (lists keep their meaningful order).

    Stable key order makes the stored JSON diff-friendly and byte-for-byte reproducible.
    Keys are compared as strings, the same order ``json.dumps(sort_keys=True)`` uses.
    """
    if isinstance(data, Mapping):
        return {str(key): sort_keys(data=data[key]) for key in sorted(data, key=str)}
    if isinstance(data, (list, tuple)):
        return [sort_keys(data=item) for item in data]
    return data
