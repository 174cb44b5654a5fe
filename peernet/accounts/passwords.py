"""Password reset links, sent by the worker: asking takes the same time whether or not an account exists."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from peernet.accounts.models import User
from peernet.outbox import tasks as outbox


def reset_link(user: User) -> str:
    # Built from SITE_URL, never from the request's Host, which the sender controls.
    return settings.SITE_URL.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def send_reset_link(*, email: str) -> int:
    """Queue a reset email for the active account with this address, if there is one; how many were queued."""
    users = [
        user
        for user in User.objects.filter(email__iexact=email.strip(), is_active=True)
        if user.has_usable_password()
    ]
    with transaction.atomic():
        for user in users:
            outbox.queue(
                to=user.email,
                subject="Reset your Peer Networks password",
                body=render_to_string(
                    "accounts/email/password_reset.txt",
                    {
                        "user": user,
                        "link": reset_link(user),
                        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
                    },
                ),
            )
    return len(users)
