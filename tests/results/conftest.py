"""Fixtures for the results tests. The cache is cleared around every test: scores are cached per round."""

import pytest
from django.core.cache import cache
from results_testkit import shipped_instrument


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def instrument(db):
    return shipped_instrument()
