"""Middleware for signed-in people: the two-factor step and set-up, and sessions that end when left unused."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse

from peernet.accounts import two_factor

# A session's expiry moves on with use, but it is written at most this often, not on every page.
TOUCH_EVERY_SECONDS = 5 * 60
SEEN = "seen_at"


def touch(session) -> None:
    """Restart the session's idle clock (SESSION_COOKIE_AGE from now)."""
    session[SEEN] = int(time.time())


class TwoFactorMiddleware:
    """Before any other page: the code for someone who has two-factor on, set-up for a role that needs it.

    Runs after django-otp's OTPMiddleware, which tells whether this session entered a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY not in request.session:
            return self.get_response(request)
        path = request.path_info
        if path.startswith(settings.STATIC_URL) or path == reverse("accounts:sign_out"):
            return self.get_response(request)
        user = request.user
        code_page = reverse("accounts:two_factor_code")
        if request.session.get(two_factor.PENDING):
            if path != code_page:
                return redirect(f"{code_page}?{urlencode({'next': request.get_full_path()})}")
        elif (
            two_factor.is_required(user)
            and not user.is_verified()
            and path not in {reverse("accounts:two_factor_setup"), code_page}
        ):
            return redirect("accounts:two_factor_setup")
        if time.time() - request.session.get(SEEN, 0) > TOUCH_EVERY_SECONDS:
            touch(request.session)
        return self.get_response(request)


def on_sign_in(sender, request, user, **kwargs) -> None:
    """After the password: ask for the code if the person has two-factor on, and start the idle clock."""
    if request is None or not hasattr(request, "session"):
        return
    if two_factor.is_on(user):
        request.session[two_factor.PENDING] = True
    touch(request.session)
