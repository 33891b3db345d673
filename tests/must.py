"""Assertions that also narrow types: what a test expects to exist, it gets as such (or the test fails)."""

from __future__ import annotations

import re
from typing import TypeVar

from django.core.mail import EmailMessage, EmailMultiAlternatives

T = TypeVar("T")


def present(value: T | None) -> T:
    """``value``, which the test expects to exist (a row, a page, a summary)."""
    assert value is not None, "expected a value, got None"
    return value


def found(pattern: str, text: str, flags: int = 0, *, group: int = 0) -> str:
    """The match (or one group of it) of ``pattern`` that ``text`` must contain."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern!r} not found"
    return match.group(group)


def html_part(message: EmailMessage, index: int = 0) -> tuple[str, str]:
    """(content, mimetype) of a mail's alternative part, which must be text."""
    assert isinstance(message, EmailMultiAlternatives), type(message)
    content, mimetype = message.alternatives[index]
    assert isinstance(content, str), type(content)
    return content, mimetype
