"""Middleware for every request: addresses with control characters refused, personal pages never kept."""

import re
from urllib.parse import parse_qsl, unquote

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

# C0 control characters and DEL. None means anything in a path or a query string, and PostgreSQL refuses a
# NUL in any text, so each would otherwise reach a query and fail there.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
REFUSED = "The address contains characters that are not allowed"


def refused_part(request) -> tuple[bool, str | None]:
    """(True, the query parameter's name, or None for the path) when the address holds a control character."""
    if CONTROL.search(request.path_info):
        return True, None
    query = request.META.get("QUERY_STRING", "")
    if not CONTROL.search(unquote(query)):
        return False, None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if CONTROL.search(value) and not CONTROL.search(name):
            return True, name
    return True, None


class RefuseControlCharactersMiddleware:
    """Answer 400 before any view, form or query reads the address: a plain page, or JSON under /api/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused, field = refused_part(request)
        if not refused:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"errors": [{"field": field, "message": REFUSED}]}, status=400)
        return HttpResponse(loader.render_to_string("400.html", {"reason": REFUSED}), status=400)


class NoStoreMiddleware:
    """What a signed-in person sees, and every download, is personal: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read after the view: the API signs its token's user in only while it answers.
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.has_header("Content-Disposition"):
            add_never_cache_headers(response)
        return response
