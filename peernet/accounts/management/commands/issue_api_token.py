"""Issue an API token for a user; the token is printed once and only its hash is kept."""

from django.core.management.base import BaseCommand, CommandError

from peernet.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue an API bearer token for the user with this email address"

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--name", default="API token", help="What the token is for, e.g. 'evaluator extract'"
        )

    def handle(self, *args, email: str, name: str, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user has the email address {email}")
        _, token = ApiToken.issue(user=user, name=name)
        self.stdout.write(token)
