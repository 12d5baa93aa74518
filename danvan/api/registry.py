"""The endpoints the apps contribute: each `<app>/api.py` registers a `ninja.Router`.

# library/api.py
router = Router(tags=["library"])
registry.register("library", router)   # its paths under /api/v1/
"""

import functools

from django.utils.module_loading import autodiscover_modules

_routers: dict[str, object] = {}


def register(app: str, router) -> None:
    _routers[app] = router


@functools.cache
def routers() -> dict[str, object]:
    autodiscover_modules("api")
    return dict(sorted(_routers.items()))
