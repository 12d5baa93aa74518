"""The read-only JSON API under /api/v1/ (django-ninja, OpenAPI 3), authenticated by personal
access tokens.

The core holds the token, its authentication and rate limit, the pagination, and the units,
periods and metrics endpoints. Each domain app contributes its own endpoints in `<app>/api.py`
(found like `metrics.py`): a `ninja.Router` registered with `danvan.api.registry.register`.
"""
