"""Apps import only the apps below them, also inside functions (where an import would hide a cycle)."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

# (app, apps it must never import): the audit app records what core notices (core.signals); the rounds app
# builds on the instrument, not the reverse.
FORBIDDEN = [
    ("core", {"audit"}),
    ("assessments", {"rounds"}),
]


def _imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(("app", "forbidden"), FORBIDDEN, ids=[app for app, _ in FORBIDDEN])
def test_an_app_does_not_import_the_apps_that_build_on_it(app, forbidden):
    offenders = {str(path.relative_to(PROJECT)): sorted(_imported_apps(path) & forbidden)
                 for path in (PROJECT / app).rglob("*.py") if "migrations" not in path.parts}
    assert {path: apps for path, apps in offenders.items() if apps} == {}
