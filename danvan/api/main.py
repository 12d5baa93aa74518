"""The API object: core endpoints, the apps' routers, token auth and rate limit for all."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from danvan.api import core, registry
from danvan.api.auth import TokenAuth, TokenRateThrottle


def build() -> NinjaAPI:
    api = NinjaAPI(
        title="Dân vận API",
        version="1",
        description=_(
            "Read-only access to the portal's data, scoped to the token's user. "
            "Authenticate with `Authorization: Bearer <token>` (created on your API tokens page)."
        ),
        auth=TokenAuth(),
        throttle=[TokenRateThrottle()],
        urls_namespace="api",
        docs_url="/docs/",
    )
    api.add_router("", core.router)
    for router in registry.routers().values():  # keyed by app, all at the root
        api.add_router("", router)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, exc):
        return api.create_response(
            request, {"detail": _("Missing, revoked or expired API token.")}, status=401
        )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return api.create_response(
            request, {"detail": _("Invalid parameters."), "errors": exc.errors}, status=422
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    return api


api = build()


def urls():
    """The API's URL patterns, exempt from the portal's login redirect: a token, not a
    session, is what an API call must show (401 otherwise)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
