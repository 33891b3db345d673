from django.urls import path

from . import views

app_name = "research"

# Included at the site root: the research area lives under /research/, the benchmark beside a round's pages.
urlpatterns = [
    path("research/", views.research_index, name="index"),
    path("research/download/", views.research_download, name="download"),
    path("networks/<slug:slug>/research-consent/history/", views.consent_history_page, name="consent_history"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/benchmark/", views.benchmark, name="benchmark"),
]
