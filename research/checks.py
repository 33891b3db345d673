"""System check: production refuses a weak pseudonym key (docs/research.md, "Pseudonyms").

With a guessable key every pseudonym can be recomputed from the primary keys, which are small integers:
the development key reversed all 72 demo respondent ids by trying ids 1-20,000. So, when
``KETENREGIE_PRODUCTION`` is on (settings.prod), an explicit ``KETENREGIE_PSEUDONYM_KEY`` must hold at least
32 random bytes (64 hex digits or 43 base64 characters, e.g. ``secrets.token_hex(32)``) and must not be a
development default. Left empty, the key is derived from SECRET_KEY, which settings.prod already requires to
be 50 random characters.
"""

import base64
import binascii
import re

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_KEY_BYTES = 32
# Keys that appear in this repository (development settings, docs, tests): never a production key.
DEVELOPMENT_KEYS = frozenset({
    "dev-only-insecure-key-change-me", "change-me", "changeme", "secret", "test", "development", "another-secret",
})
_HEX = re.compile(r"[0-9a-fA-F]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


def key_bytes(key: str) -> int:
    """How many bytes of key material a configured key holds: hex and base64 are decoded, other text counted
    as it is. A key with very few distinct characters counts as nothing ("aaaa…" is not random)."""
    if len(set(key)) < 8:
        return 0
    if _HEX.fullmatch(key) and len(key) % 2 == 0:
        return len(binascii.unhexlify(key))
    if _BASE64.fullmatch(key):
        padded = key + "=" * (-len(key) % 4)
        try:
            return len(base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_")))
        except (binascii.Error, ValueError):
            pass
    return len(key.encode("utf-8"))


def pseudonym_key_problems(*, key: str) -> list[Error]:
    if not key:
        return []
    if key in DEVELOPMENT_KEYS or key.startswith("dev-only") or key == settings.SECRET_KEY:
        return [Error("KETENREGIE_PSEUDONYM_KEY is a development default (or equals SECRET_KEY).",
                      hint='Generate one: python3 -c "import secrets; print(secrets.token_hex(32))"',
                      id="research.E001")]
    if key_bytes(key) < MIN_KEY_BYTES:
        return [Error(f"KETENREGIE_PSEUDONYM_KEY holds fewer than {MIN_KEY_BYTES} random bytes: pseudonyms "
                      "could be recomputed from the (small, sequential) primary keys.",
                      hint='Generate one: python3 -c "import secrets; print(secrets.token_hex(32))"',
                      id="research.E002")]
    return []


@register(Tags.security)
def pseudonym_key_check(app_configs=None, **kwargs) -> list[Error]:
    if not getattr(settings, "KETENREGIE_PRODUCTION", False):
        return []
    return pseudonym_key_problems(key=getattr(settings, "KETENREGIE_PSEUDONYM_KEY", "") or "")
