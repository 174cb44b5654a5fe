from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "peernet.programmes"

    def ready(self) -> None:
        from peernet.accounts import signals
        from peernet.programmes import receivers

        signals.invitation_accepted.connect(
            receivers.link_facilitator, dispatch_uid="programmes.link_facilitator"
        )
        signals.role_changed.connect(
            receivers.link_new_facilitator, dispatch_uid="programmes.link_new_facilitator"
        )
