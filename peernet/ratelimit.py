"""Counters on Django's cache for limiting what anyone can post: fixed windows, and the client's address."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The address of the client, as our own proxies saw it.

    X-Forwarded-For is written by whoever sends the request, so it is read only when the request came from
    one of settings.TRUSTED_PROXIES, and then from the right: each trusted proxy appends the address it
    was connected from, so the right-most address that is not one of ours is the client's.
    """
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    address = remote
    for hop in reversed([part for part in forwarded if part]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # Not an address: something before our proxies wrote it, so the last trusted hop is all we know.
            return address
        address = hop
        if not _is_trusted(hop, networks):
            return hop
    return address


def _key(key: str) -> str:
    return f"ratelimit:{key}"


def hit(key: str, *, window: int) -> int:
    """Count one hit against `key` and return the hits in the current `window` seconds, this one included."""
    cache_key = _key(key)
    if cache.add(cache_key, 1, timeout=window):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this hit starts a new one.
        cache.add(cache_key, 1, timeout=window)
        return 1


def hits(key: str) -> int:
    """The hits counted against `key` in its current window, without counting one."""
    return cache.get(_key(key)) or 0


def clear(key: str) -> None:
    cache.delete(_key(key))


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one hit against `key`; False once more than `limit` hits fall in the current `window` seconds."""
    return hit(key, window=window) <= limit
