from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("codebook/", views.codebook_latest, name="codebook_latest"),
]
