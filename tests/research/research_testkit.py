"""Helpers shared by the research tests (imported by module name, like the other test kits)."""

import csv
import io

from django.urls import reverse


def read_csv(content: bytes, *, delimiter: str = ",") -> list[dict[str, str]]:
    text = content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def download(client, **params):
    params.setdefault("instrument", "ketenregie:1")
    return client.get(reverse("research:download"), params)
