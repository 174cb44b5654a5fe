"""The footer's public pages: privacy notice, accessibility statement, cookies and the hub's contact."""

from django.conf import settings
from django.shortcuts import render

from peernet.accounts.models import Hub


def privacy(request):
    return render(request, "pages/privacy.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def cookies(request):
    return render(
        request,
        "pages/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "session_weeks": settings.SESSION_COOKIE_AGE // (7 * 24 * 3600) or 1,
        },
    )


def contact(request):
    """The signed-in person's hub; for a visitor, every hub this deployment serves."""
    user = request.user
    hubs = [user.hub] if user.is_authenticated and user.hub_id is not None else list(Hub.objects.all())
    return render(request, "pages/contact.html", {"hubs": hubs})
