from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import csrf
from django.views.decorators.http import require_GET

from .landing import landing_url


def wants_json(request: HttpRequest) -> bool:
    """A background request (questionnaire autosave) that reads the answer as JSON, also when refused early."""
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.path.endswith("/autosave/")


def json_refusal(*, error: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "error": error, "message": message}, status=status)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(landing_url(user=request.user))
    return render(request, "core/home.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if wants_json(request):
        if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)):
            return json_refusal(error="too_large", status=400, message=_(
                "Deze pagina is te groot om op te slaan (te veel tekst of te veel velden). Maak de toelichting "
                "korter; uw invoer staat nog op het scherm."))
        return json_refusal(error="bad_request", status=400, message=_(
            "Het verzoek kon niet worden gelezen. Herlaad de pagina; uw invoer staat nog op het scherm."))
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if wants_json(request):
        return json_refusal(error="forbidden", status=403, message=_(
            "U hebt geen toegang tot deze pagina. Open de vragenlijst opnieuw via uw persoonlijke link."))
    return render(request, "errors/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: JSON for a background save, Django's own page otherwise."""
    if wants_json(request):
        return json_refusal(error="csrf", status=403, message=_(
            "Uw antwoorden konden niet worden opgeslagen: de beveiligingscode van deze pagina is verlopen of "
            "ontbreekt. Herlaad de pagina; wat u hebt ingevuld, wordt in deze browser bewaard."))
    return csrf.csrf_failure(request, reason=reason)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if wants_json(request):
        return json_refusal(error="server_error", status=500, message=_(
            "Er ging iets mis bij het opslaan. Uw invoer staat nog op het scherm en wordt opnieuw verstuurd."))
    return render(request, "errors/500.html", status=500)
