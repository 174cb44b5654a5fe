"""The Django admin is the platform operator's tool: it sees every hub, so only superusers may use it.

Hub administrators work through the service's own pages, which are scoped to their hub.
"""

from django.contrib import admin


def operator_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


def restrict_admin_to_operators() -> None:
    admin.site.has_permission = operator_only
    admin.site.site_header = "Peer Networks operations"
    admin.site.site_title = "Peer Networks operations"
