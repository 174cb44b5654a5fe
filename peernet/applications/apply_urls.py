"""The public application form, under /apply/. /apply/<round>/ works while a round slug is unambiguous."""

from django.urls import path

from peernet.applications import apply_views

app_name = "apply"
urlpatterns = [
    path("<slug:round_slug>/", apply_views.start, name="start"),
    path("<slug:hub_slug>/<slug:round_slug>/", apply_views.start, name="start_in_hub"),
    path("<slug:hub_slug>/<slug:round_slug>/check/", apply_views.check, name="check"),
    path("<slug:hub_slug>/<slug:round_slug>/confirmation/", apply_views.confirmation, name="confirmation"),
    path("<slug:hub_slug>/<slug:round_slug>/<slug:step>/", apply_views.step, name="step"),
]
