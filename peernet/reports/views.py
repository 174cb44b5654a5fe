"""Each role's home page: the figures and records that role works from."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from peernet.reports.home import HOME_PAGES


@login_required
def home(request):
    build = HOME_PAGES.get(request.user.role)
    if build is None:
        raise PermissionDenied("This account has no role; ask your hub administrator to give it one")
    template, context = build(request.user)
    return render(request, template, context)
