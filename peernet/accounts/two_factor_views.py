"""Pages for two-factor sign-in, the account page and signing out other devices."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from peernet import ratelimit
from peernet.accounts import permissions as can
from peernet.accounts import sign_in_limits, two_factor
from peernet.accounts.forms import CodeForm, SetUpAppForm
from peernet.accounts.models import User


def _next_page(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() reads a bare word ("people") as the name of a view.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def code(request):
    """The second step of signing in, for someone who has two-factor sign-in on."""
    if not request.session.get(two_factor.PENDING):
        return redirect(_next_page(request))
    user = request.user
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ip = ratelimit.client_ip(request)
        if sign_in_limits.is_held(email=user.email, ip=ip):
            form.add_error("code", sign_in_limits.held_message())
        else:
            device = two_factor.verify(user, form.cleaned_data["code"])
            if device is None:
                # A wrong code counts like a wrong password: the password alone must not give endless guesses.
                sign_in_limits.record_failure(email=user.email, ip=ip)
                form.add_error("code", "Enter the code your authenticator app shows now, or a recovery code")
            else:
                otp_login(request, device)
                del request.session[two_factor.PENDING]
                return redirect(_next_page(request))
    return render(request, "accounts/two_factor_code.html", {"form": form, "next": _next_page(request)})


@login_required
def set_up(request):
    """Turn on two-factor sign-in: scan the QR code (or type the secret), enter the first code, keep the
    recovery codes, which are shown this once."""
    user = request.user
    if two_factor.is_on(user):
        return render(request, "accounts/two_factor_on.html", {"required": two_factor.is_required(user)})
    device = two_factor.start(user)
    form = SetUpAppForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error("code", "Enter the 6 numbers your authenticator app shows now")
    context = {
        "form": form,
        "qr_code": two_factor.qr_code(device),
        "secret": two_factor.secret_text(device),
        "required": two_factor.is_required(user),
    }
    return render(request, "accounts/two_factor_set_up.html", context)


@login_required
@require_POST
def new_recovery_codes(request):
    """Replace the recovery codes (all used, or seen by someone else); the old ones stop working."""
    user = request.user
    if not two_factor.is_on(user) or not user.is_verified():
        raise PermissionDenied
    codes = two_factor.renew_recovery_codes(user=user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "renewed": True})


@login_required
def account(request):
    return render(request, "accounts/account.html", {"two_factor_on": two_factor.is_on(request.user)})


@login_required
@require_POST
def sign_out_other_devices(request):
    """End every other session of this person; this one goes on."""
    user = request.user
    User.objects.filter(pk=user.pk).update(sessions_generation=F("sessions_generation") + 1)
    user.refresh_from_db(fields=["sessions_generation"])
    update_session_auth_hash(request, user)
    messages.success(request, "You have been signed out of every other device")
    return redirect("accounts:account")


@login_required
def reset_person_two_factor(request, user_id: int):
    """A hub admin turns off two-factor sign-in for someone in their hub who has lost their phone."""
    if not can.is_hub_admin(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id, hub_id=request.user.hub_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        two_factor.reset_two_factor(user=person, by=request.user)
        messages.success(
            request, f"Two-factor sign-in reset for {person}. They set it up again when they sign in"
        )
        return redirect("people:person", user_id=person.pk)
    return render(
        request,
        "accounts/reset_two_factor.html",
        {"person": person, "two_factor_on": two_factor.is_on(person)},
    )
