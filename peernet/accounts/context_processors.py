"""Values every page's layout needs: the service name and the signed-in person's hub."""

SERVICE_NAME = "Peer Networks"


def service(request) -> dict:
    user = getattr(request, "user", None)
    hub = user.hub if user is not None and user.is_authenticated else None
    return {"service_name": SERVICE_NAME, "current_hub": hub}
