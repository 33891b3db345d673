"""The one place that says which language is active and how it writes decimals."""

import pytest
from django.utils import translation

from core.i18n import decimal_separator, language_code


@pytest.mark.parametrize(("active", "code", "separator"), [("nl", "nl", ","), ("en", "en", "."), ("en-gb", "en", ".")])
def test_language_code_and_decimal_separator_follow_the_active_language(active, code, separator):
    with translation.override(active):
        assert language_code() == code
        assert decimal_separator() == separator


def test_without_an_active_language_dutch_is_assumed():
    with translation.override(None):
        assert language_code() == "nl"
        assert decimal_separator() == ","
