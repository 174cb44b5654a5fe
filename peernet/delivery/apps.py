from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "peernet.delivery"
