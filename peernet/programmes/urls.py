"""Hub staff's pages for setting up a programme."""

from django.urls import path

from peernet.programmes import views

app_name = "programmes"
urlpatterns = [
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:round_id>/open/", views.round_open, name="round_open"),
    path("partners/", views.partners, name="partners"),
    path("partners/<int:partner_id>/", views.partner_detail, name="partner"),
    path("themes/", views.themes, name="themes"),
    path("hub/contact/", views.hub_contact, name="hub_contact"),
]
