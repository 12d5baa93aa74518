"""Bearer authentication by personal access token, its per-token rate limit and call log."""

import logging

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from danvan.api.models import ApiToken, digest

logger = logging.getLogger("danvan.api")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer dvk_…`. A revoked or expired token is refused at once (401):
    the token row is read on every call, nothing is cached."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.live()
            .select_related("user")
            .filter(key_digest=digest(token), user__is_active=True)
            .first()
        )
        if found is None:
            logger.info("api refused path=%s", request.path)
            return None
        # The token acts as its user: the same visible_to() scoping as the pages.
        request.user = found.user
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        logger.info("api call token=%s user=%s path=%s", found.pk, found.user_id, request.path)
        return found


class TokenRateThrottle(SimpleRateThrottle):
    """`API_RATE_LIMIT` calls per token (e.g. "600/min"), counted in the default cache."""

    scope = "token"

    def __init__(self):
        super().__init__(settings.API_RATE_LIMIT)

    def get_cache_key(self, request):
        auth = getattr(request, "auth", None)
        ident = f"t{auth.pk}" if isinstance(auth, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
