from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "peernet.accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from peernet import checks as settings_checks
        from peernet.accounts.admin_site import restrict_admin_to_operators
        from peernet.accounts.middleware import on_sign_in

        restrict_admin_to_operators()
        user_logged_in.connect(on_sign_in, dispatch_uid="peernet.accounts.on_sign_in")
        # The project's own checks live at the bottom layer; this app, the first of ours, registers them.
        checks.register(settings_checks.check_site_url, "peernet", deploy=True)
        checks.register(settings_checks.check_email_backend, "peernet", deploy=True)
        checks.register(settings_checks.check_sign_in_protection, "peernet", deploy=True)
