"""British formats for templates: money from whole pence as £15,000, dates as 22 November 2026."""

from decimal import Decimal

from django import template
from django.utils import timezone

from peernet import formats

register = template.Library()


@register.filter
def money(pence: int | None) -> str:
    """£432,000 from 43200000 pence; pence are shown only when there are some."""
    return formats.money(pence)


@register.filter
def british_date(value) -> str:
    return formats.long_date(value)


@register.filter
def british_time(value) -> str:
    """2pm, 9:30am, in Europe/London."""
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def hours(minutes: int | None) -> str:
    """Minutes as hours: 150 → 2.5."""
    if minutes is None:
        return ""
    value = Decimal(minutes) / 60
    return f"{value.quantize(Decimal('0.1')).normalize():f}"


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)}%"
