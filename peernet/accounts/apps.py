from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "peernet.accounts"

    def ready(self) -> None:
        from peernet import checks as settings_checks
        from peernet.accounts.admin_site import restrict_admin_to_operators

        restrict_admin_to_operators()
        # The project's own checks live at the bottom layer; this app, the first of ours, registers them.
        checks.register(settings_checks.check_site_url, "peernet", deploy=True)
        checks.register(settings_checks.check_email_backend, "peernet", deploy=True)
