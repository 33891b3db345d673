"""The lock files in requirements/ match pyproject.toml: every declared dependency is locked, at a version its
range admits, with hashes, so the README commands install what the ranges promise (scripts/lock.sh rewrites them).
"""

import platform
import re
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import NamedTuple

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = {"runtime": [], "test": ["test"], "bench": ["test", "bench"]}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)(?P<marker>\s*;[^\\]*)?\s*\\?$")


class Pin(NamedTuple):
    version: str
    marker: str
    hashes: int


def locked(lock: str) -> dict[str, list[Pin]]:
    """name -> its pins (a universal lock may pin two versions under markers), each with its number of hashes."""
    pins: dict[str, list[Pin]] = {}
    name = None
    for line in (ROOT / "requirements" / f"{lock}.lock").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match["name"])
            pins.setdefault(name, []).append(Pin(match["version"], (match["marker"] or "").strip(" ;"), 0))
        elif name is not None and line.strip().startswith("--hash=sha256:"):
            pins[name][-1] = pins[name][-1]._replace(hashes=pins[name][-1].hashes + 1)
    return pins


def declared(extras: list[str]) -> list[Requirement]:
    project = PYPROJECT["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_declared_dependency_is_locked_within_its_range(lock):
    pins = locked(lock)
    for requirement in declared(LOCKS[lock]):
        versions = [pin.version for pin in pins.get(canonicalize_name(requirement.name), [])]
        assert versions, f"{requirement.name} is declared in pyproject.toml but missing from {lock}.lock"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock}.lock pins {requirement.name}=={version}, outside {requirement.specifier}: run scripts/lock.sh")


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_locked_file_carries_a_hash(lock):
    pins = locked(lock)
    assert pins
    assert [name for name, entries in pins.items() if any(pin.hashes == 0 for pin in entries)] == []


def test_the_test_lock_extends_the_runtime_lock_with_the_same_versions():
    runtime, test = locked("runtime"), locked("test")
    assert {name: [pin.version for pin in pins] for name, pins in runtime.items()} == {
        name: [pin.version for pin in test[name]] for name in runtime}


def test_the_installed_packages_are_the_locked_versions():
    pins = locked("test")
    for name in ("django", "weasyprint", "psycopg", "ruff", "pytest", "numpy"):
        candidates = [pin.version for pin in pins[name] if not pin.marker or Marker(pin.marker).evaluate()]
        assert installed_version(name) in candidates, (
            f"{name} {installed_version(name)} is installed on Python {platform.python_version()}, "
            f"the lock says {candidates}")
