"""Typed access to environment variables, so every setting has one documented source."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


_REDIS_SCHEMES = ("redis", "rediss", "unix")


def cache_from_url(url: str, *, timeout: int = 60 * 60 * 24 * 7) -> dict:
    """One Django cache from a URL, so every app server can point at the same Redis.

    ``redis://host:6379/0`` (also ``rediss://``, ``unix://``): Django's own RedisCache, shared by all app servers
    and workers. ``file:///path``: a directory shared by the gunicorn workers of one host. ``locmem://`` or empty:
    memory of one process (development, tests). ``dummy://``: no caching at all.
    """
    url = url.strip()
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if not url or scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "ketenregie",
                "TIMEOUT": timeout}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if not rest:
        raise ImproperlyConfigured(f"CACHE_URL {url!r} is not a URL such as redis://localhost:6379/0.")
    if scheme in _REDIS_SCHEMES:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "TIMEOUT": timeout,
                "KEY_PREFIX": "ketenregie"}
    if scheme == "file":
        if not rest.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL {url!r} needs an absolute path: file:///var/cache/ketenregie.")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest,
                "TIMEOUT": timeout, "OPTIONS": {"MAX_ENTRIES": 5000}}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r}: unknown kind {scheme!r}; use redis://, rediss://, unix://, file://, locmem:// or dummy://.")


def session_engine_for(cache: dict) -> str:
    """Sessions read from the cache and written through to the database when every process sees that cache.

    A cache of one process would keep serving a session that another process logged out: then the database alone.
    """
    shared = cache["BACKEND"].rsplit(".", 1)[-1] in ("RedisCache", "FileBasedCache")
    return "django.contrib.sessions.backends.cached_db" if shared else "django.contrib.sessions.backends.db"
