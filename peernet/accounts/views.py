"""Sign-in, sign-out and the health check."""

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from peernet.accounts.forms import SignInForm

sign_in = auth_views.LoginView.as_view(
    template_name="accounts/sign_in.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
)
sign_out = auth_views.LogoutView.as_view()


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
