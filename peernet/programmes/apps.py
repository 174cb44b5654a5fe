from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "peernet.programmes"
