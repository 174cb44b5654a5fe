"""The Django admin is the platform operator's tool: it sees every hub, so only operators may use it.

Operators are superusers in no hub, made by `manage.py create_operator`. Hub administrators work through the
service's own pages, which are scoped to their hub. The admin's sign-in is the service's, with its limits.
"""

from django.contrib import admin

from peernet.accounts import permissions as can
from peernet.accounts.forms import OperatorSignInForm


def operator_only(request) -> bool:
    return can.is_operator(request.user)


def restrict_admin_to_operators() -> None:
    admin.site.has_permission = operator_only
    admin.site.login_form = OperatorSignInForm
    admin.site.site_header = "Peer Networks operations"
    admin.site.site_title = "Peer Networks operations"
