"""Structured logging: JSON lines with the request id, and no token links in any log line."""

import json
import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from core.logging import JsonFormatter, RedactSecretsFilter, RequestIdFilter
from core.request_context import redact_secrets


def _record(message: str, *args, **extra) -> logging.LogRecord:
    record = logging.LogRecord("ketenregie.test", logging.WARNING, __file__, 1, message, args, None)
    for name, value in extra.items():
        setattr(record, name, value)
    return record


def test_json_formatter_writes_one_parseable_line_with_extras():
    record = _record("saved %s answers", 12, request_id="abc123", status=200)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "saved 12 answers"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "ketenregie.test"
    assert entry["request_id"] == "abc123"
    assert entry["status"] == 200
    assert entry["time"].endswith("+00:00")


def test_json_formatter_includes_the_exception():
    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: kapot" in entry["exception"]


def test_json_formatter_drops_the_request_object():
    entry = json.loads(JsonFormatter().format(_record("Not Found", request=object(), status_code=404)))
    assert "request" not in entry
    assert entry["status_code"] == 404


@pytest.mark.parametrize("text,expected", [
    ("Not Found: /r/AbC-123_xyz/page/2/", "Not Found: /r/[token]/page/2/"),
    ("GET /r/AbC-123_xyz 404", "GET /r/[token] 404"),
    ("/accounts/reset/MQ/c3k4-abcdef/", "/accounts/reset/[uid]/[token]/"),
    ("/networks/jeugdketen/", "/networks/jeugdketen/"),
])
def test_secret_links_are_masked(text, expected):
    assert redact_secrets(text) == expected


def test_redact_filter_rewrites_the_formatted_message():
    record = _record("Gone: %s", "/r/secret-token-value/")
    RedactSecretsFilter().filter(record)
    assert record.getMessage() == "Gone: /r/[token]/"


def test_request_id_filter_fills_a_placeholder_outside_requests():
    record = _record("background job")
    RequestIdFilter().filter(record)
    assert record.__dict__["request_id"] == "-"


@pytest.mark.django_db
@override_settings(KETENREGIE_LOG_REQUESTS=True)
def test_request_log_line_has_request_id_and_masks_the_token(client, caplog):
    caplog.set_level(logging.INFO, logger="ketenregie.request")
    response = client.get("/r/very-secret-token/", HTTP_X_REQUEST_ID="req-0001-abcdef")
    records = [r for r in caplog.records if r.name == "ketenregie.request"]
    assert len(records) == 1
    record = records[0]
    assert "very-secret-token" not in record.getMessage()
    assert record.path == "/r/[token]/"
    assert record.status == response.status_code
    assert response["X-Request-ID"] == "req-0001-abcdef"


@pytest.mark.django_db
def test_log_records_written_during_a_request_carry_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="ketenregie.audit")
    caplog.handler.addFilter(RequestIdFilter())
    client.post(reverse("login"), {"username": "nobody@example.org", "password": "x" * 12},
                HTTP_X_REQUEST_ID="req-0002-abcdef")
    audit_lines = [r for r in caplog.records if r.name == "ketenregie.audit"]
    assert audit_lines and all(r.request_id == "req-0002-abcdef" for r in audit_lines)


def test_log_format_json_switches_the_console_to_json_lines():
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = ("import django, logging; django.setup(); "
              "logging.getLogger('ketenregie.check').warning('Gone: /r/secret-token/')")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ketenregie.settings.dev", "LOG_FORMAT": "json"}
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2], env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["logger"] == "ketenregie.check"
    assert entry["message"] == "Gone: /r/[token]/"
    assert entry["request_id"] is None
