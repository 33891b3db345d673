from django.urls import path

from . import views

app_name = "results"

_round = "networks/<slug:network_slug>/rounds/<slug:round_slug>/"

urlpatterns = [
    path("networks/<slug:network_slug>/results/", views.results_latest, name="latest"),
    path(_round + "results/", views.dashboard, name="dashboard"),
    path(_round + "results/mine/", views.results_mine, name="mine"),
    path(_round + "results.json", views.results_json, name="json"),
    path(_round + "import/", views.responses_upload, name="import"),
    path(_round + "import/<int:job_id>/", views.import_job, name="import_job"),
]
