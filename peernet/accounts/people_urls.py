"""The people pages: a hub's users and the invitations it has sent."""

from django.urls import path

from peernet.accounts import people_views as views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("invite/", views.invite, name="invite"),
    path("<int:user_id>/", views.person_detail, name="person"),
    path("<int:user_id>/role/", views.change_role, name="change_role"),
    path("<int:user_id>/deactivate/", views.deactivate, name="deactivate"),
    path("<int:user_id>/reactivate/", views.reactivate, name="reactivate"),
    path("invitations/<int:invitation_id>/resend/", views.resend_invitation, name="resend"),
]
