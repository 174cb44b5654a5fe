"""Background work for accounts, through Django's Tasks API."""

from django_tasks import task

from peernet.accounts import passwords


@task()
def send_password_reset(email: str) -> int:
    return passwords.send_reset_link(email=email)
