from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_create, name="create"),
    # Fixed segments before <slug>; each is a reserved slug (networks.models.reserved_network_slugs).
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/accept/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/decline/", views.invitation_decline, name="invitation_decline"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/edit/", views.network_edit, name="edit"),
    path("<slug:slug>/research-consent/", views.research_consent, name="research_consent"),
    path("<slug:slug>/partners/add/", views.partner_add, name="partner_add"),
    path("<slug:slug>/partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("<slug:slug>/partners/<int:pk>/remove/", views.partner_remove, name="partner_remove"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/members/invitations/<int:pk>/withdraw/", views.member_invitation_withdraw,
         name="member_invitation_withdraw"),
]
