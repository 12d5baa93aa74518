"""Optimistic locking, shared by the apps' services (docs/architecture.md, "Writes").

An editable record carries a `version` integer. A service locks the row, checks that the
version is still the one the user loaded, writes, and adds one; a mismatch raises
`ConflictError` with what is saved now, and the view shows it beside what the user typed.
Every service takes the loaded version as `version=`.
"""

from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone saved the record since the user loaded it; nothing was written.

    `current` is the record as saved now (None when it was deleted meanwhile).
    """

    def __init__(self, current, message=None):
        super().__init__(message or _("Someone else saved this record while you were editing it."))
        self.current = current


def check_version(instance, version: int | None):
    """`instance` (as saved now) if its version is still `version`, the one the user loaded
    (None: any version will do); ConflictError otherwise."""
    if version is not None and instance.version != version:
        raise ConflictError(instance)
    return instance


def lock_version(model, pk, version: int | None):
    """The row `pk` of `model`, locked until the transaction ends and checked by
    `check_version`; ConflictError when it was deleted meanwhile."""
    current = model.objects.select_for_update().filter(pk=pk).first()
    if current is None:
        raise ConflictError(None)
    return check_version(current, version)
