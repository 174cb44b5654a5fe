"""Two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes, through django-otp.

Required for the roles that see a hub's or the nation's data and for platform operators; offered to everyone
else. TWO_FACTOR_OPTIONAL_FOR_DEMO lifts the requirement (the demo and the test suite), never the code for
someone who has turned it on.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from peernet.accounts import audit
from peernet.accounts.models import Role

REQUIRED_ROLES = frozenset(
    {Role.HUB_ADMIN, Role.PROGRAMME_MANAGER, Role.PARTNER_MANAGER, Role.NATIONAL_VIEWER}
)
RECOVERY_CODES = 10
# The session's mark that the password was right and the code has still to be entered.
PENDING = "two_factor_pending"
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required(user) -> bool:
    if settings.TWO_FACTOR_OPTIONAL_FOR_DEMO:
        return False
    return user.role in REQUIRED_ROLES or user.is_superuser


def is_on(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start(user) -> TOTPDevice:
    """The authenticator app device being set up: one unconfirmed device, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def qr_code(device: TOTPDevice) -> str:
    """The app's set-up link as a QR code, an SVG data URI that an <img> shows under our CSP."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    """The secret for typing into the app by hand, in groups of four letters."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Turn two-factor on once the app's first code is right; the recovery codes, to be shown once."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(code.replace(" ", "")):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = new_recovery_codes(user)
        audit.record(
            actor=user,
            action="user.two_factor_on",
            subject=user,
            summary=f"{user} turned on two-factor sign-in",
        )
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODES new ones, each good for one sign-in."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def renew_recovery_codes(*, user) -> list[str]:
    with transaction.atomic():
        codes = new_recovery_codes(user)
        audit.record(
            actor=user,
            action="user.recovery_codes_renewed",
            subject=user,
            summary=f"{user} made new recovery codes",
        )
    return codes


def verify(user, code: str):
    """The device the code belongs to (the app, or the recovery codes, which each work once), or None."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    if not code:
        return None
    # A code of digits is the app's, anything else a recovery code: each is tried on its own device only,
    # so a recovery code never counts as a failure against the app's throttle.
    kinds = (TOTPDevice,) if code.isdigit() else (StaticDevice,)
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if not isinstance(device, kinds):
                continue
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return device
    return None


def reset_two_factor(*, user, by) -> None:
    """A hub admin turns off a person's two-factor sign-in (a lost phone); they set it up again on sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record(
            actor=by,
            action="user.two_factor_reset",
            subject=user,
            summary=f"Two-factor sign-in reset for {user}",
        )
