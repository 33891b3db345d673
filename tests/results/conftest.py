"""Fixtures for the results tests. The cache is cleared around every test: scores are cached per round."""

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.results.results_testkit import shipped_instrument


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _dutch():
    """Messages are asserted in Dutch; a request in English earlier in the thread must not leak into a test."""
    with translation.override("nl"):
        yield


@pytest.fixture
def instrument(db):
    return shipped_instrument()
