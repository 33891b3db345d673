from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("codebook/", views.codebook_latest, name="codebook_latest"),
    path("codebook/<slug:slug>/v<int:version>/", views.codebook_detail, name="codebook"),
    path("codebook/<slug:slug>/v<int:version>.csv", views.codebook_download_csv, name="codebook_csv"),
    path("codebook/<slug:slug>/v<int:version>.json", views.codebook_download_json, name="codebook_json"),
]
