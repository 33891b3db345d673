from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("my/responses/", views.my_responses, name="my_responses"),
]
