"""Bearer-token authentication: tokens are stored hashed and can be revoked."""

from django.utils import timezone
from ninja.security import HttpBearer

from peernet.accounts.models import ApiToken, hash_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        api_token = (
            ApiToken.objects.select_related("user", "user__hub", "user__delivery_partner")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        # One write a minute at most: the time is for spotting unused tokens, not an access log.
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
