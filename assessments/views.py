from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def codebook_latest(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")
