"""British formats for money and dates, for pages, emails and the reasons the service gives in words."""

import datetime as dt

from django.utils import timezone


def money(pence: int | None) -> str:
    """£432,000 from 43200000 pence; pence are shown only when there are some."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pounds, remainder = divmod(abs(int(pence)), 100)
    if remainder:
        return f"{sign}£{pounds:,}.{remainder:02d}"
    return f"{sign}£{pounds:,}"


def long_date(value: dt.date | dt.datetime | None) -> str:
    """22 November 2026; a datetime is read in Europe/London first."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}"
