from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "peernet.accounts"

    def ready(self) -> None:
        from peernet.accounts.admin_site import restrict_admin_to_operators

        restrict_admin_to_operators()
