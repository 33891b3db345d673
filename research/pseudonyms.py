"""Pseudonymous ids for research exports: stable across exports, not reversible without the server's key.

An id is ``<prefix>_`` + the first 16 hex digits of HMAC-SHA256(key, "<kind>:<primary key>"). Without the
key, even someone who knows every primary key cannot link an id to a row; with the key the platform can
recompute (never invert) it, which is all a re-contact or a withdrawal check needs. See docs/research.md.
"""

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

PREFIXES = {"network": "N", "round": "R", "respondent": "P"}
DIGEST_CHARS = 16
# Keeps the derived key apart from every other use of SECRET_KEY (sessions, tokens, signing).
_DERIVATION_SALT = b"ketenregie.research.pseudonym.v1"


@lru_cache(maxsize=4)
def _key(configured: str, secret_key: str) -> bytes:
    if configured:
        return configured.encode()
    return hmac.new(secret_key.encode(), _DERIVATION_SALT, hashlib.sha256).digest()


def pseudonym_key() -> bytes:
    return _key(getattr(settings, "KETENREGIE_PSEUDONYM_KEY", "") or "", settings.SECRET_KEY)


class Pseudonymiser:
    """Computes ids with one key lookup; exports call it millions of times, so it keeps no per-row state."""

    def __init__(self, *, key: bytes | None = None) -> None:
        self._key = key if key is not None else pseudonym_key()

    def __call__(self, kind: str, pk: int) -> str:
        digest = hmac.new(self._key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
        return f"{PREFIXES[kind]}_{digest[:DIGEST_CHARS]}"

    def network(self, pk: int) -> str:
        return self("network", pk)

    def round(self, pk: int) -> str:
        return self("round", pk)

    def respondent(self, pk: int) -> str:
        return self("respondent", pk)


def pseudonym(*, kind: str, pk: int) -> str:
    return Pseudonymiser()(kind, pk)
