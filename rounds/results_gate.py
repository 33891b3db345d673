"""The page that says why a round's results cannot be read yet (a draft round, or an open one for members)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import RoundResultsNotReadable


def results_not_readable(request: HttpRequest, *, error: RoundResultsNotReadable, what: str) -> HttpResponse:
    """403 with the reason in words; ``what`` is "results" or "report" so the page names what was asked for."""
    round = error.round
    return render(request, "rounds/results_not_readable.html",
                  {"round": round, "network": round.network, "reason": error.reason, "what": what}, status=403)
