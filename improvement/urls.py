from django.urls import path

from . import views

app_name = "improvement"

_round = "networks/<slug:network_slug>/rounds/<slug:round_slug>/"

urlpatterns = [
    path(_round + "workshop/", views.workshop, name="workshop"),
    path(_round + "workshop/topics/<int:pk>/move/", views.topic_move, name="topic_move"),
    path(_round + "workshop/topics/<int:pk>/remove/", views.topic_remove, name="topic_remove"),
    path(_round + "workshop/present/<int:number>/", views.presenter, name="presenter"),
    path(_round + "workshop/werkmap.pdf", views.workshop_pack, name="pack"),
    path(_round + "actions/new/", views.action_create, name="action_create"),
    path(_round + "next-measurement/", views.next_measurement, name="next_measurement"),
    path(_round + "copy/", views.round_copy, name="round_copy"),
    path("networks/<slug:network_slug>/actions/", views.action_list, name="actions"),
    path("networks/<slug:network_slug>/actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("networks/<slug:network_slug>/actions/actieplan.<str:format>", views.action_export, name="action_export"),
]
