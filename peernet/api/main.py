"""The API object: authentication, error shapes, and the routers of each area."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from peernet.api import cohorts, me, rounds
from peernet.api.auth import BearerToken

api = NinjaAPI(
    title="Peer Networks API",
    version="1",
    description=(
        "Programme records for Growth Hubs. Authenticate with `Authorization: Bearer <token>`. "
        "Every list is limited to what the token's user may see; errors are JSON with the field at fault."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
)


def field_name(location: tuple | list) -> str:
    """('query', 'round') → 'round'; ('body', 'payload', 'employees') → 'employees'."""
    parts = [str(part) for part in location if part not in ("body", "query", "path", "payload", "header")]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [
        {"field": field_name(error.get("loc", ())), "message": error.get("msg", "")} for error in exc.errors
    ]
    return api.create_response(request, {"errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(
        request,
        {"errors": [{"field": "Authorization", "message": "Send a valid API token as 'Bearer <token>'"}]},
        status=401,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"errors": [{"field": "path", "message": "Not found"}]}, status=404)


@api.exception_handler(HttpError)
def refused(request, exc: HttpError):
    return api.create_response(
        request, {"errors": [{"field": None, "message": exc.message}]}, status=exc.status_code
    )


api.add_router("/me", me.router)
api.add_router("/rounds", rounds.router)
api.add_router("/cohorts", cohorts.router)
