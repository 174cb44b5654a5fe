"""Sign-in, sign-out, each role's home page, and the health check."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from peernet.accounts.forms import SignInForm
from peernet.accounts.home import HOME_PAGES

sign_in = auth_views.LoginView.as_view(
    template_name="accounts/sign_in.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
)
sign_out = auth_views.LogoutView.as_view()


@login_required
def home(request):
    build = HOME_PAGES.get(request.user.role)
    if build is None:
        raise PermissionDenied("This account has no role; ask your hub administrator to give it one")
    template, context = build(request.user)
    return render(request, template, context)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
