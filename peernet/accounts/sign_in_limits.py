"""Failed sign-ins, counted on the shared cache: an account is held after repeated failures, and an address
after many more (an office of fifty signing in is never refused). A successful sign-in counts nothing.

The owner of a held account gets in through a password reset, which clears the hold.
"""

import hashlib

from django.conf import settings

from peernet import ratelimit


def _account_key(email: str) -> str:
    # Hashed: an address can be longer than a cache key may be, and holds no one's address in the cache.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"sign-in:failed:email:{digest}"


def _address_key(ip: str) -> str:
    return f"sign-in:failed:ip:{ip}"


def window_seconds() -> int:
    return settings.SIGN_IN_HOLD_MINUTES * 60


def held_message() -> str:
    """What a held person is told, on the sign-in form and the two-factor code page alike."""
    minutes = settings.SIGN_IN_HOLD_MINUTES
    return f"You have tried to sign in too many times. Wait {minutes} minutes, then try again"


def is_held(*, email: str, ip: str) -> bool:
    """True while this account, or this address, has failed too often in the current window."""
    return (
        ratelimit.hits(_account_key(email)) >= settings.SIGN_IN_ACCOUNT_FAILURES
        or ratelimit.hits(_address_key(ip)) >= settings.SIGN_IN_ADDRESS_FAILURES
    )


def record_failure(*, email: str, ip: str) -> None:
    ratelimit.hit(_account_key(email), window=window_seconds())
    ratelimit.hit(_address_key(ip), window=window_seconds())


def release_account(email: str) -> None:
    """Lift the hold on one account: its owner has just proved who they are by resetting the password."""
    ratelimit.clear(_account_key(email))
