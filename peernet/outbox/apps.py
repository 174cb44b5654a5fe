from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "peernet.outbox"
    verbose_name = "Outbox"
