from django.urls import path

from . import views

app_name = "reports"

_round = "networks/<slug:network_slug>/rounds/<slug:round_slug>"

urlpatterns = [
    path(f"{_round}/report/", views.report_html, name="html"),
    path(f"{_round}/report.pdf", views.report_pdf, name="pdf"),
    path(f"{_round}/report/personal/", views.personal_html, name="personal_html"),
    path(f"{_round}/report/personal.pdf", views.personal_pdf, name="personal_pdf"),
]
