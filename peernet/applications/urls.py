"""Hub staff's pages for applications: the review queue, one application, exports, imports, round rules."""

from django.urls import path

from peernet.applications import closing_views, views

app_name = "applications"
urlpatterns = [
    path("applications/", views.rounds, name="rounds"),
    path("rounds/<int:round_id>/applications/", views.queue, name="queue"),
    path("rounds/<int:round_id>/applications/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("rounds/<int:round_id>/applications/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("rounds/<int:round_id>/applications/<str:reference>/", views.detail, name="detail"),
    path("rounds/<int:round_id>/applications/<str:reference>/decide/", views.decide, name="decide"),
    path("rounds/<int:round_id>/applications/<str:reference>/override/", views.override, name="override"),
    path(
        "rounds/<int:round_id>/applications/<str:reference>/accept-details/",
        views.accept,
        name="accept_details",
    ),
    path(
        "rounds/<int:round_id>/applications/<str:reference>/withdraw/",
        views.withdraw_application,
        name="withdraw",
    ),
    path("rounds/<int:round_id>/eligibility/", views.eligibility, name="eligibility"),
    path("rounds/<int:round_id>/close/", closing_views.close_round, name="close_round"),
    path("next-round/<str:token>/", closing_views.carry_over, name="carry_over"),
    path("rounds/<int:round_id>/import/", views.import_upload, name="import"),
    path("rounds/<int:round_id>/import/<int:job_id>/", views.import_job, name="import_job"),
    path("rounds/<int:round_id>/import/<int:job_id>/again/", views.import_again, name="import_again"),
]
