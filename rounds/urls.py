from django.urls import path

from . import views_manage, views_respond

app_name = "rounds"

# Coordinator side: rounds of a network, invitations and the completion monitor.
manage_patterns = [
    path("networks/<slug:network_slug>/rounds/new/", views_manage.round_create, name="create"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/", views_manage.round_detail, name="detail"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/edit/", views_manage.round_edit, name="edit"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/open/", views_manage.round_open, name="open"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/close/", views_manage.round_close, name="close"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/invitations/", views_manage.invitation_list,
         name="invitations"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/invitations/remind/",
         views_manage.invitation_remind, name="invitation_remind"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/invitations/<int:pk>/revoke/",
         views_manage.invitation_revoke, name="invitation_revoke"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/invitations/<int:pk>/reissue/",
         views_manage.invitation_reissue, name="invitation_reissue"),
    path("networks/<slug:network_slug>/rounds/<slug:round_slug>/monitor/", views_manage.round_monitor,
         name="monitor"),
]

# Respondent side: the personal token link, page by page, autosave, submit, personal overview; a started
# questionnaire opens only in its own browser, elsewhere through a mailed resume link.
respond_patterns = [
    path("my/responses/", views_respond.my_responses, name="my_responses"),
    path("r/<str:token>/", views_respond.respond_start, name="respond"),
    path("r/<str:token>/profile/", views_respond.respond_profile, name="respond_profile"),
    path("r/<str:token>/page/<str:page>/", views_respond.respond_page, name="respond_page"),
    path("r/<str:token>/page/<str:page>/autosave/", views_respond.respond_autosave, name="respond_autosave"),
    path("r/<str:token>/review/", views_respond.respond_review, name="respond_review"),
    path("r/<str:token>/submit/", views_respond.respond_submit, name="respond_submit"),
    path("r/<str:token>/reopen/", views_respond.respond_reopen, name="respond_reopen"),
    path("r/<str:token>/overview/", views_respond.respond_overview, name="respond_overview"),
    path("r/<str:token>/resume/", views_respond.respond_resume_request, name="respond_resume_request"),
    path("r/<str:token>/resume/<str:signature>/", views_respond.respond_resume, name="respond_resume"),
]

urlpatterns = manage_patterns + respond_patterns
