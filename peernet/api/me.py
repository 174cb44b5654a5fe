"""Who the token belongs to."""

from ninja import Router, Schema

from peernet.api.errors import answers

router = Router(tags=["me"])


class MeOut(Schema):
    email: str
    full_name: str
    role: str
    hub: str | None


@router.get("", response=answers(MeOut), summary="The signed-in user")
def me(request):
    user = request.auth
    return MeOut(
        email=user.email, full_name=user.full_name, role=user.role, hub=user.hub.slug if user.hub else None
    )
