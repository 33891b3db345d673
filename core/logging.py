"""Logging helpers: a JSON-lines formatter, the request id on every record, and masking of secret links."""

import json
import logging
from datetime import UTC, datetime

from .request_context import current_request_id, redact_secrets

# Attributes every LogRecord has; whatever else a record carries came from ``extra=`` and is worth keeping.
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}
# Django's request logger passes the request object itself; its repr holds the (secret) path.
_DROPPED_EXTRAS = {"request", "server_time"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id() or "-"
        return True


class RedactSecretsFilter(logging.Filter):
    """Masks questionnaire token links and password-reset links in the message (e.g. "Not Found: /r/<token>/")."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call must not break the request
            return True
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def _request_id(record: logging.LogRecord) -> str | None:
    value = getattr(record, "request_id", None)
    if value and value != "-":
        return value
    return current_request_id() or None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": _request_id(record),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRS and name not in _DROPPED_EXTRAS and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
