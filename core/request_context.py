"""The request being handled by this thread and its id, plus masking of secret links.

Kept free of Django imports: the logging configuration loads it before the apps are ready.
"""

import re
from contextvars import ContextVar

_current_request: ContextVar = ContextVar("ketenregie_request", default=None)
_current_request_id: ContextVar[str] = ContextVar("ketenregie_request_id", default="")

# Token links and password-reset links are credentials: they must not end up in log files.
_SECRET_PATHS = [
    (re.compile(r"/r/[^/?#\s\"']+"), "/r/[token]"),
    (re.compile(r"/accounts/reset/[^/?#\s\"']+/[^/?#\s\"']+"), "/accounts/reset/[uid]/[token]"),
]


def redact_secrets(text: str) -> str:
    for pattern, replacement in _SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


def current_request():
    """The request being handled by this thread, for code (signal receivers) that is not handed one."""
    return _current_request.get()


def current_request_id() -> str:
    return _current_request_id.get()
