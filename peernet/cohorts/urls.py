from django.urls import path

from peernet.cohorts import views

app_name = "cohorts"
urlpatterns = [
    path("<str:code>/", views.cohort_detail, name="detail"),
]
