from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "peernet.reports"
