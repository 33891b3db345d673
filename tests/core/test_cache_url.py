"""CACHE_URL: one cache for every app server (Redis), a host's file cache, or a process's memory."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ketenregie.settings.env import cache_from_url, session_engine_for

REDIS = "django.core.cache.backends.redis.RedisCache"
CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize("url", ["redis://cache.internal:6379/0", "rediss://:secret@cache.internal:6380/1",
                                 "unix:///run/redis/redis.sock"])
def test_redis_urls_give_djangos_redis_cache(url):
    cache = cache_from_url(url)
    assert cache["BACKEND"] == REDIS
    assert cache["LOCATION"] == url
    assert session_engine_for(cache) == CACHED_DB


@pytest.mark.parametrize("url", ["", "  ", "locmem://"])
def test_no_url_or_locmem_gives_memory_of_one_process_and_database_sessions(url):
    cache = cache_from_url(url)
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert session_engine_for(cache) == "django.contrib.sessions.backends.db"


def test_file_url_gives_a_file_cache_in_that_directory():
    cache = cache_from_url("file:///var/cache/ketenregie")
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == "/var/cache/ketenregie"
    assert session_engine_for(cache) == CACHED_DB


def test_dummy_url_caches_nothing():
    assert cache_from_url("dummy://")["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


@pytest.mark.parametrize(("url", "words"), [
    ("memcached://localhost:11211", "unknown kind"),
    ("localhost:6379", "not a URL"),
    ("file://var/cache", "absolute path"),
])
def test_a_wrong_url_stops_the_start_with_a_clear_message(url, words):
    with pytest.raises(ImproperlyConfigured, match=words):
        cache_from_url(url)


def test_what_one_app_server_caches_another_reads_from_the_same_redis(redis_url):
    from django.core.cache.backends.redis import RedisCache

    config = cache_from_url(redis_url)
    first, second = (RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]}) for _ in range(2))
    first.set("scores:round:1", {"overall": 3.2}, 30)
    assert second.get("scores:round:1") == {"overall": 3.2}
    second.delete("scores:round:1")
    assert first.get("scores:round:1") is None
