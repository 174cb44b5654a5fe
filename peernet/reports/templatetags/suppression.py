"""Filters for figures shown to the board or across hubs: no cell of fewer than 5 people."""

from django import template

from peernet.reports.figures import is_small, suppress
from peernet.templatetags.british import percent

register = template.Library()


@register.filter(name="suppress")
def suppress_filter(n: int | None) -> str:
    return suppress(n)


@register.filter
def suppressed_percent(share: float | None, base: int | None) -> str:
    """A share whose base is fewer than 5 people would point at someone, so it is not shown."""
    if is_small(base):
        return "–"
    return percent(share)
