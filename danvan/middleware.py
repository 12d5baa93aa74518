"""Hostile parameters answer the portal's 400 page before any view or context processor reads
them: more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS (Django raises on first access, and in
development mode its debug page read them again and answered 500), and NUL characters, which
no text of the portal holds and PostgreSQL refuses in a query."""

import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

from danvan.views import bad_request

logger = logging.getLogger("django.security.RequestLimits")


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            hostile = _has_nul(request.GET) or (
                request.method == "POST"
                and request.content_type == "application/x-www-form-urlencoded"
                and _has_nul(request.POST)
            )
        except (TooManyFieldsSent, RequestDataTooBig) as error:
            logger.warning("%s: %s", request.path, error)
            return bad_request(request, error)
        if hostile:
            logger.warning("%s: a NUL character in the parameters", request.path)
            return bad_request(request)
        return self.get_response(request)
