"""Absolute links for mails and copy buttons: from the request being served, else from ``SITE_URL``.

Inside a request the link follows the address the person actually used (``request.build_absolute_uri``;
the host is checked against ``ALLOWED_HOSTS`` and, behind a proxy, the scheme comes from
``SECURE_PROXY_SSL_HEADER``). Outside a request (a management command, a mail worker) there is no such
address, so ``SITE_URL`` is used; ``scripts/start.sh`` derives it from ``KETENREGIE_ADDR``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .request_context import current_request


def site_base_url(*, request: HttpRequest | None = None) -> str:
    """``scheme://host[:port]`` without a trailing slash."""
    request = request if request is not None else current_request()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """The full address of a site path such as ``/r/<token>/``."""
    return site_base_url(request=request) + path
