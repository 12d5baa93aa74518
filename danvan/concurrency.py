"""Optimistic locking, shared by the apps' services (docs/architecture.md, "Writes").

An editable record carries a `version` integer. A service locks the row, checks that the
version is still the one the user loaded, writes, and adds one; a mismatch raises
`ConflictError` with what is saved now, and the view shows it beside what the user typed.
"""

from django.utils.translation import gettext_lazy as _


class ConflictError(Exception):
    """Someone saved the record since the user loaded it; nothing was written.

    `current` is the record as saved now (None when it was deleted meanwhile).
    """

    def __init__(self, current, message=None):
        super().__init__(message or _("Someone else saved this record while you were editing it."))
        self.current = current


def lock_version(model, pk, version: int | None):
    """The row `pk` of `model`, locked until the transaction ends; ConflictError when its
    version is no longer `version` (None: any version will do)."""
    current = model.objects.select_for_update().filter(pk=pk).first()
    if current is None or (version is not None and current.version != version):
        raise ConflictError(current)
    return current
