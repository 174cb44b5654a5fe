"""A cohort's page for everyone who may see it; the round's forming pages for its hub's staff."""

from django.urls import path

from peernet.cohorts import forming_views, views

app_name = "cohorts"
round_prefix = "rounds/<int:round_id>/cohorts/"
urlpatterns = [
    path("cohorts/", views.rounds, name="rounds"),
    path("cohorts/<str:code>/", views.cohort_detail, name="detail"),
    path(round_prefix, forming_views.proposal_page, name="proposal"),
    path(round_prefix + "suggest/", forming_views.suggest, name="suggest"),
    path(round_prefix + "runs/<int:run_id>/", forming_views.run_progress, name="run"),
    path(round_prefix + "move/", forming_views.move, name="move"),
    path(round_prefix + "new/", forming_views.new_cohort, name="new"),
    path(round_prefix + "new-partner-led/", forming_views.new_partner_cohort, name="new_partner"),
    path(round_prefix + "<str:code>/lock/", forming_views.lock, name="lock"),
    path(round_prefix + "<str:code>/confirm/", forming_views.confirm_page, name="confirm"),
    path(round_prefix + "<str:code>/pin/<str:reference>/", forming_views.pin, name="pin"),
]
