"""Helpers shared by the instrument tests (imported by module name, like the other test kits)."""

from pathlib import Path

from assessments.loader import INSTRUMENTS_DIR

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_V1 = INSTRUMENTS_DIR / "ketenregie-v1.yaml"

WRITE_SQL = ("INSERT", "UPDATE", "DELETE")


def find(data: dict, code: str) -> dict:
    """The item dict with this code inside a parsed instrument file."""
    for module in data["modules"]:
        for dimension in module["dimensions"]:
            for item in dimension["items"]:
                if item["code"] == code:
                    return item
    raise KeyError(code)


def writes(captured) -> list[str]:
    """The writing statements in a CaptureQueriesContext."""
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(WRITE_SQL)]
