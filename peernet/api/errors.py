"""The one shape of every API error, and the answers each operation documents beside its success."""

from ninja import Field, Schema


class Error(Schema):
    field: str | None = Field(
        description="The parameter, header or field at fault; null when it is the request as a whole"
    )
    message: str = Field(description="What is wrong and what to do")


class Errors(Schema):
    errors: list[Error]


def answers(ok, *refusals: int) -> dict:
    """An operation's responses: `ok` for 200, and Errors for a bad address (400), a missing or wrong token
    (401) and each of the operation's own `refusals` (403 a role that may not, 404, 422 a bad parameter)."""
    return {200: ok, frozenset({400, 401, *refusals}): Errors}
