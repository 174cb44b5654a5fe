from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "peernet.cohorts"

    def ready(self) -> None:
        from peernet.applications import signals
        from peernet.cohorts import receivers

        signals.application_left_pool.connect(
            receivers.leave_proposed_cohort, dispatch_uid="cohorts.leave_proposed_cohort"
        )
        signals.application_withdrawn.connect(receivers.end_membership, dispatch_uid="cohorts.end_membership")
