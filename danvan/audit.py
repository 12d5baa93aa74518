"""Who did what, for every app's services: the history row's user and the workflow events.

`audited(instance, actor).save()` puts `actor` on the simple-history row the save writes.
`record_event(subject, actor, action, …)` adds a row to the subject's event log (a
`danvan.models.WorkflowEvent` subclass whose foreign key to the subject is named `events`
on the subject's side).
"""


def audited(instance, actor):
    """`instance`, whose next save records `actor` as the one who changed it."""
    instance._history_user = actor
    return instance


def record_event(subject, actor, action, from_state="", to_state="", reason="", **data):
    """One event about `subject` (a report, a case, a conference…): who moved it from which
    state to which, why, and any details (`data`, stored as JSON)."""
    relation = type(subject)._meta.get_field("events")
    return relation.related_model.objects.create(
        **{relation.field.name: subject},
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
    )
