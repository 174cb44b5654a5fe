from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "peernet.applications"

    def ready(self) -> None:
        from peernet.accounts import signals
        from peernet.applications import receivers

        signals.invitation_accepted.connect(receivers.link_leader, dispatch_uid="applications.link_leader")
