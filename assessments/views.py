from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.i18n import language_code

from .codebook import codebook_csv, codebook_json
from .models import Instrument
from .selectors import (
    DEFAULT_SLUG,
    codebook_get,
    instrument_get_for_user,
    instrument_latest_published,
    instrument_versions,
)
from .sources import bibliography

# ``?weergave=review`` shows the line numbers in the source texts, for reviewers who check an item against
# its source; the default page cites by author, year and section only.
REVIEW_PARAMETER, REVIEW_VALUE = "weergave", "review"


def _render_codebook(request: HttpRequest, instrument: Instrument) -> HttpResponse:
    context = {
        "reviewer": request.GET.get(REVIEW_PARAMETER) == REVIEW_VALUE,
        "bibliography": bibliography(language=language_code()),
        "instrument": instrument,
        "codebook": codebook_get(instrument=instrument),
        "versions": instrument_versions(user=request.user, slug=instrument.slug),
    }
    return render(request, "assessments/codebook.html", context)


@login_required
@require_GET
def codebook_latest(request: HttpRequest) -> HttpResponse:
    instrument = instrument_latest_published(slug=DEFAULT_SLUG)
    if instrument is None:
        return render(request, "assessments/codebook_empty.html", status=404)
    return _render_codebook(request, instrument)


@login_required
@require_GET
def codebook_detail(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    return _render_codebook(request, instrument_get_for_user(user=request.user, slug=slug, version=version))


def _download(content: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def codebook_download_csv(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    instrument = instrument_get_for_user(user=request.user, slug=slug, version=version)
    return _download(codebook_csv(codebook=codebook_get(instrument=instrument)),
                     content_type="text/csv; charset=utf-8", filename=f"codebook-{slug}-v{version}.csv")


@login_required
@require_GET
def codebook_download_json(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    instrument = instrument_get_for_user(user=request.user, slug=slug, version=version)
    return _download(codebook_json(codebook=codebook_get(instrument=instrument)),
                     content_type="application/json; charset=utf-8", filename=f"codebook-{slug}-v{version}.json")
