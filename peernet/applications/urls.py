"""Hub staff's pages for applications: the review queue, one application, exports, imports, round rules."""

app_name = "applications"
urlpatterns: list = []
