"""Make a platform operator: a superuser in no hub and with no hub role, the only person the admin lets in."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from peernet.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create a platform operator, who runs the Django admin at /admin/ for every hub. Asks for the "
        "password; with --no-input it reads OPERATOR_PASSWORD from the environment."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--full-name", default="", help="Their name, shown in the admin")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Read OPERATOR_PASSWORD, ask nothing"
        )

    def handle(self, *args, email: str, full_name: str, interactive: bool, **options):
        email = User.objects.normalize_email(email).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"{email} already has an account; an operator needs an address of their own")
        password = self.ask_password() if interactive else os.environ.get("OPERATOR_PASSWORD", "")
        if not password:
            raise CommandError("Set OPERATOR_PASSWORD to the operator's password, or run without --no-input")
        candidate = User(email=email, full_name=full_name, is_superuser=True)
        try:
            validate_password(password, candidate)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        with transaction.atomic():
            User.objects.create_superuser(email, password, full_name=full_name)
        self.stdout.write(f"Created platform operator {email}; they sign in at /admin/")

    def ask_password(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords are not the same; run the command again")
        return password
