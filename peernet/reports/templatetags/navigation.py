"""{% service_navigation %}: the GOV.UK service navigation for the signed-in person."""

from django import template

from peernet.reports.navigation import items_for

register = template.Library()


@register.inclusion_tag("reports/includes/service_navigation.html", takes_context=True)
def service_navigation(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"items": []}
    match = request.resolver_match
    return {"items": items_for(user, view_name=match.view_name if match else "", path=request.path)}
