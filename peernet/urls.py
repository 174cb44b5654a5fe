from django.contrib import admin
from django.urls import include, path

from peernet.accounts import views as account_views
from peernet.api.main import api
from peernet.reports import pages
from peernet.reports import views as report_views

urlpatterns = [
    path("", report_views.home, name="home"),
    path("healthz", account_views.healthz, name="healthz"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("cookies/", pages.cookies, name="cookies"),
    path("contact/", pages.contact, name="contact"),
    path("account/", include("peernet.accounts.urls")),
    path("people/", include("peernet.accounts.people_urls")),
    path("", include("peernet.cohorts.urls")),
    path("", include("peernet.programmes.urls")),
    path("apply/", include("peernet.applications.apply_urls")),
    path("", include("peernet.applications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
