"""A fixed-window rate limit on Django's cache, for public endpoints that anyone can post to."""

from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one hit against `key`; False once more than `limit` hits fall in the current `window` seconds."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:
        # The window expired between add() and incr(): this hit starts a new one.
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
