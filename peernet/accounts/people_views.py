"""The people pages (a hub's users and invitations) and the invitation link's pages.

Hub staff see their hub's people, a partner manager their own partner's; anyone else gets a 403, and a
person outside what one may see a 404. Changes go through peernet.accounts.people and
peernet.accounts.invitations.
"""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peernet import ratelimit
from peernet.accounts import invitations, people
from peernet.accounts import permissions as can
from peernet.accounts.models import Invitation, User
from peernet.accounts.people_forms import AcceptInvitationForm, InviteForm, RoleChoiceForm

# How often one link may ask for a fresh invitation, so the address behind it is not flooded.
RENEWALS_PER_DAY = 3


def _require_people_pages(user) -> None:
    if not can.can_see_people(user):
        raise PermissionDenied


def _person(request, user_id: int, *, manage: bool = False) -> User:
    """The person, if this user may see them (404 otherwise); 403 when they may not change them."""
    _require_people_pages(request.user)
    person = get_object_or_404(
        can.people_visible_to(User.objects.select_related("delivery_partner", "hub"), request.user),
        pk=user_id,
    )
    if manage and not can.can_manage_person(request.user, person):
        raise PermissionDenied
    return person


def _open_invitations(user):
    return (
        Invitation.objects.visible_to(user)
        .filter(accepted_at__isnull=True)
        .select_related("delivery_partner")
        .order_by("email")
    )


def _with_two_factor(queryset) -> tuple:
    """The people with `two_factor` (an authenticator app confirmed), when two-factor sign-in is installed."""
    if not django_apps.is_installed("django_otp.plugins.otp_totp"):
        return queryset, False
    from django_otp.plugins.otp_totp.models import TOTPDevice

    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return queryset.annotate(two_factor=Exists(confirmed)), True


@login_required
def people_list(request):
    _require_people_pages(request.user)
    people_shown, show_two_factor = _with_two_factor(
        can.people_visible_to(User.objects.select_related("delivery_partner"), request.user).order_by(
            "full_name", "email"
        )
    )
    return render(
        request,
        "accounts/people/list.html",
        {
            "people": people_shown,
            "show_two_factor": show_two_factor,
            "invitations": _open_invitations(request.user),
        },
    )


@login_required
def invite(request):
    _require_people_pages(request.user)
    form = InviteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner = data["delivery_partner"]
        if not can.can_invite(
            request.user,
            role=data["role"],
            hub_id=request.user.hub_id,
            delivery_partner_id=partner and partner.pk,
        ):
            raise PermissionDenied
        try:
            invitations.invite(
                email=data["email"],
                role=data["role"],
                hub=request.user.hub,
                delivery_partner=partner,
                full_name=data["full_name"],
                by=request.user,
            )
        except invitations.InvitationRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, f"Invitation sent to {data['email']}")
            return redirect("people:list")
    return render(
        request, "accounts/people/invite.html", {"form": form, "invitation_days": settings.INVITATION_DAYS}
    )


@login_required
def person_detail(request, user_id: int):
    person = _person(request, user_id)
    return render(
        request,
        "accounts/people/person.html",
        {"person": person, "may_manage": can.can_manage_person(request.user, person)},
    )


@login_required
def change_role(request, user_id: int):
    person = _person(request, user_id, manage=True)
    form = RoleChoiceForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"role": person.role, "delivery_partner": person.delivery_partner_id},
    )
    if request.method == "POST" and form.is_valid():
        role, partner = form.cleaned_data["role"], form.cleaned_data["delivery_partner"]
        if not can.can_invite(
            request.user, role=role, hub_id=person.hub_id, delivery_partner_id=partner and partner.pk
        ):
            raise PermissionDenied
        try:
            people.change_role(person=person, role=role, delivery_partner=partner, by=request.user)
        except people.PersonRefused as refused:
            form.add_error("role", str(refused))
        else:
            messages.success(request, f"{person.full_name} is now {person.get_role_display().lower()}")
            return redirect("people:person", user_id=person.pk)
    return render(request, "accounts/people/change_role.html", {"person": person, "form": form})


@login_required
@require_POST
def deactivate(request, user_id: int):
    person = _person(request, user_id, manage=True)
    try:
        people.deactivate(person=person, by=request.user)
    except people.PersonRefused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, f"{person.full_name} is deactivated and signed out everywhere")
    return redirect("people:person", user_id=person.pk)


@login_required
@require_POST
def reactivate(request, user_id: int):
    person = _person(request, user_id, manage=True)
    try:
        people.reactivate(person=person, by=request.user)
    except people.PersonRefused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, f"{person.full_name} can sign in again")
    return redirect("people:person", user_id=person.pk)


@login_required
@require_POST
def resend_invitation(request, invitation_id: int):
    _require_people_pages(request.user)
    invitation = get_object_or_404(_open_invitations(request.user), pk=invitation_id)
    if not can.can_invite(
        request.user,
        role=invitation.role,
        hub_id=invitation.hub_id,
        delivery_partner_id=invitation.delivery_partner_id,
    ):
        raise PermissionDenied
    invitations.resend(invitation=invitation, by=request.user)
    messages.success(
        request, f"A new invitation link was sent to {invitation.email}; the old link no longer works"
    )
    return redirect("people:list")


@never_cache
def accept_invitation(request, token: str):
    """The invitation's link: set a password, and be signed in. A used or expired link says so."""
    invitation = invitations.find(token)
    if invitation is None:
        raise Http404("No invitation has this link")
    if invitation.accepted_at is not None or invitations.is_expired(invitation):
        return render(
            request,
            "accounts/invitation_ended.html",
            {"token": token, "used": invitation.accepted_at is not None},
            status=410,
        )
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None,
        email=invitation.email,
        initial={"full_name": invitation.full_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except invitations.InvitationRefused as refused:
            form.add_error(None, str(refused))
        else:
            # The password just set is the proof; the first backend remembers the session as any sign-in does.
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, "Your account is ready and you are signed in")
            return redirect("home")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


@never_cache
@require_POST
def renew_invitation(request, token: str):
    """A used or expired link asks for a new one: it goes to the invitation's own address, and the page says
    the same whatever happened, so it tells nobody anything about the address."""
    invitation = invitations.find(token)
    if invitation is None:
        raise Http404("No invitation has this link")
    ended = invitation.accepted_at is not None or invitations.is_expired(invitation)
    if ended and ratelimit.allow(
        f"invitation-renew:{invitation.pk}", limit=RENEWALS_PER_DAY, window=24 * 60 * 60
    ):
        invitations.renew_for_holder(invitation=invitation)
    return render(request, "accounts/invitation_renewed.html")
