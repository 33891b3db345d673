"""HTML to PDF with WeasyPrint, in a child process with a time limit and a URL fetcher that reads only
the app's own static files.

Why a child process: layout of a pathological page can take very long or a lot of memory, and WeasyPrint
cannot be interrupted from inside. ``python -m reports.pdf`` reads a JSON job on stdin and writes the PDF
on stdout; the parent kills it after ``KETENREGIE_REPORT_TIMEOUT`` seconds, so one bad round cannot hang
a web worker, and the memory the layout used goes back to the system when the child ends.

Why a strict fetcher: the report holds text typed by users (names, comments). Django escapes it, but a
second line of defence costs nothing: the fetcher serves ``/static/...`` from the static directories
Django's finders know and refuses every other URL (``file://``, ``http(s)://``, anything outside the
static roots), so no template mistake can make the PDF read server files or call out to the network.
``data:`` URLs are allowed: they carry their content inline.

The worker side imports nothing from Django; the parent resolves the static directories and passes them.
"""

from __future__ import annotations

import json
import mimetypes
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The page's base URL. It never resolves anywhere: it only gives relative and root-relative URLs in the
# template one origin that the fetcher recognises as "ours".
BASE_URL = "https://report.ketenregie.invalid/"
STATIC_PREFIX = "/static/"
# Address space for the child (bytes); a runaway layout fails with MemoryError instead of starving the host.
MEMORY_LIMIT = 2 * 1024**3


class ReportRenderError(RuntimeError):
    """The PDF could not be made (the child failed); the message says why, for the log."""


class ReportTimeout(ReportRenderError):
    """Rendering took longer than the time limit and was stopped."""


# ---------------------------------------------------------------------------
# URL fetcher (used inside the child, and directly by tests)
# ---------------------------------------------------------------------------


class RefusedURL(ValueError):
    """The report asked for a URL outside the static files."""


def resolve_static(*, path: str, locations: list[tuple[str, str]]) -> Path | None:
    """The file a ``/static/<path>`` URL names, or None.

    ``locations`` are ``(prefix, root)`` pairs as Django's FileSystemFinder uses them (prefix "" for
    none). The resolved file must lie inside its root after following symlinks, so ``..`` and symlinks
    cannot escape.
    """
    relative = unquote(path)
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        return None
    if any(part in ("", ".", "..") for part in relative.split("/")):
        return None
    for prefix, root in locations:
        rest = relative
        if prefix:
            if not relative.startswith(prefix.rstrip("/") + "/"):
                continue
            rest = relative[len(prefix.rstrip("/")) + 1:]
        base = Path(root).resolve()
        candidate = (base / rest).resolve()
        if candidate.is_file() and candidate.is_relative_to(base):
            return candidate
    return None


def make_fetcher(*, locations: list[tuple[str, str]]):
    """A WeasyPrint URL fetcher that serves static files and refuses everything else.

    Refused URLs are remembered in ``fetcher.refused`` (tests and the log read them).
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("data",), allow_redirects=False)
            self.refused: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            origin = urlsplit(BASE_URL)
            if (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc) and \
                    parts.path.startswith(STATIC_PREFIX):
                found = resolve_static(path=parts.path[len(STATIC_PREFIX):], locations=locations)
                if found is not None:
                    self.served.append(url)
                    mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": mime})
            self.refused.append(url)
            raise RefusedURL(f"refused to fetch {url!r}: only the app's static files may be used")

    return StaticOnlyFetcher()


def write_pdf(*, html: str, locations: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    """Render in this process (the child calls this; the benchmark uses it to time WeasyPrint alone)."""
    from weasyprint import HTML

    fetcher = make_fetcher(locations=locations)
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    return pdf, fetcher.refused


# ---------------------------------------------------------------------------
# Parent side
# ---------------------------------------------------------------------------


def static_locations() -> list[tuple[str, str]]:
    """Where Django's staticfiles finders look, plus STATIC_ROOT (collected files in production)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.finders import AppDirectoriesFinder, FileSystemFinder

    locations: list[tuple[str, str]] = []
    for finder in finders.get_finders():
        if isinstance(finder, FileSystemFinder):
            locations.extend((prefix or "", str(root)) for prefix, root in finder.locations)
        elif isinstance(finder, AppDirectoriesFinder):
            for storage in finder.storages.values():
                locations.append((getattr(storage, "prefix", None) or "", str(storage.location)))
    if settings.STATIC_ROOT:
        locations.append(("", str(settings.STATIC_ROOT)))
    return locations


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    seconds: float
    refused: list[str]


def render_pdf(*, html: str, timeout: float | None = None) -> RenderResult:
    """Render ``html`` to PDF in a child process; raise ReportTimeout after ``timeout`` seconds."""
    from django.conf import settings

    limit = float(timeout if timeout is not None else settings.KETENREGIE_REPORT_TIMEOUT)
    job = json.dumps({"html": html, "locations": static_locations(), "memory": MEMORY_LIMIT})
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reports.pdf"],
            input=job.encode("utf-8"), capture_output=True, timeout=limit, cwd=str(settings.BASE_DIR),
            env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed the child already
        raise ReportTimeout(f"PDF rendering stopped after {limit:g} s") from exc
    seconds = time.monotonic() - started
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportRenderError(message[-1] if message else f"PDF worker exited with {done.returncode}")
    refused = [line.removeprefix("refused ") for line in done.stderr.decode("utf-8", "replace").splitlines()
               if line.startswith("refused ")]
    return RenderResult(pdf=done.stdout, seconds=seconds, refused=refused)


# ---------------------------------------------------------------------------
# Child side
# ---------------------------------------------------------------------------


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main() -> int:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    _limit_memory(int(job.get("memory") or MEMORY_LIMIT))
    locations = [(prefix, root) for prefix, root in job["locations"]]
    pdf, refused = write_pdf(html=job["html"], locations=locations)
    for url in refused:
        print(f"refused {url}", file=sys.stderr)
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
