"""The lifecycle of a model: which action moves it from which states to which, and who may.

registered → implementing → evaluated → recognised → typical → proposed → commended, or
not recognised / discontinued. Going backwards needs a reason.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES
from models_catalog.models import Status

ACTIVE = frozenset(
    {Status.REGISTERED, Status.IMPLEMENTING, Status.EVALUATED, Status.RECOGNISED, Status.TYPICAL}
)
# Where "step back" returns to.
PREVIOUS = {
    Status.RECOGNISED: Status.EVALUATED,
    Status.NOT_RECOGNISED: Status.EVALUATED,
    Status.TYPICAL: Status.RECOGNISED,
    Status.PROPOSED: Status.TYPICAL,
    Status.COMMENDED: Status.PROPOSED,
    Status.DISCONTINUED: Status.IMPLEMENTING,
}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: Status | None  # None: PREVIOUS[current state]
    roles: frozenset
    needs_reason: bool = False
    style: str = "primary"

    def target_from(self, state: str) -> Status:
        return self.target or PREVIOUS[Status(state)]


TRANSITIONS = {
    t.action: t
    for t in [
        Transition(
            "start",
            _("Start implementing"),
            frozenset({Status.REGISTERED}),
            Status.IMPLEMENTING,
            EDIT_ROLES,
        ),
        Transition(
            "evaluate",
            _("Evaluate"),
            frozenset({Status.REGISTERED, Status.IMPLEMENTING, Status.EVALUATED}),
            Status.EVALUATED,
            REVIEW_ROLES,
        ),
        Transition(
            "recognise",
            _("Recognise"),
            frozenset({Status.EVALUATED}),
            Status.RECOGNISED,
            REVIEW_ROLES,
            style="success",
        ),
        Transition(
            "reject",
            _("Do not recognise"),
            frozenset({Status.EVALUATED}),
            Status.NOT_RECOGNISED,
            REVIEW_ROLES,
            needs_reason=True,
            style="outline-danger",
        ),
        Transition(
            "mark_typical",
            _("Mark as typical"),
            frozenset({Status.RECOGNISED}),
            Status.TYPICAL,
            REVIEW_ROLES,
            style="success",
        ),
        Transition(
            "propose",
            _("Propose for commendation"),
            frozenset({Status.TYPICAL}),
            Status.PROPOSED,
            REVIEW_ROLES,
        ),
        Transition(
            "commend",
            _("Record the commendation"),
            frozenset({Status.PROPOSED}),
            Status.COMMENDED,
            REVIEW_ROLES,
            style="success",
        ),
        Transition(
            "discontinue",
            _("Discontinue"),
            ACTIVE,
            Status.DISCONTINUED,
            EDIT_ROLES | REVIEW_ROLES,
            needs_reason=True,
            style="outline-danger",
        ),
        Transition(
            "step_back",
            _("Step back"),
            frozenset(PREVIOUS) - {Status.DISCONTINUED},
            None,
            REVIEW_ROLES,
            needs_reason=True,
            style="outline-secondary",
        ),
        Transition(
            "resume",
            _("Resume"),
            frozenset({Status.DISCONTINUED}),
            Status.IMPLEMENTING,
            EDIT_ROLES | REVIEW_ROLES,
            needs_reason=True,
            style="outline-secondary",
        ),
    ]
}

# Words for the history list, for actions that are not transitions.
OTHER_ACTIONS = {
    "register": _("Registered"),
    "import": _("Imported from Excel"),
    "update": _("Details changed"),
    "attach": _("Evidence added"),
    "seed": _("Loaded as demo data"),
}


def action_label(action: str) -> str:
    if action in TRANSITIONS:
        return TRANSITIONS[action].label
    return OTHER_ACTIONS.get(action, action)


def state_label(state: str) -> str:
    return Status(state).label if state in Status.values else state
