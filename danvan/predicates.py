"""A `Q` checked against one loaded object, in Python, as the database would filter it.

A rule such as "overdue on a day" is written once, as a `Q` on the model's QuerySet: lists,
figures and reminders filter with it, and a page that already holds the object asks
`matches(obj, q)` instead of keeping a second, hand-written copy of the rule in Python.

Only what such rules need: the object's own fields (no `a__b` across relations) and the
lookups below, with SQL's NULLs (a comparison with NULL is never true; negation follows
Django's, which adds `IS NOT NULL`, so `~Q(day__lt=x)` holds for an empty day). Anything
else raises ValueError rather than answer differently from the database.
"""

import operator

from django.db.models import Q

COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "in": lambda value, choices: value in choices,
}


def _lookup(obj, key: str, wanted) -> bool:
    name, _sep, lookup = key.partition("__")
    lookup = lookup or "exact"
    if "__" in lookup or (lookup not in COMPARISONS and lookup != "isnull"):
        raise ValueError(f"matches(): unsupported lookup {key!r}")
    field = type(obj)._meta.get_field(name)
    value = getattr(obj, field.attname)
    if lookup == "isnull":
        return (value is None) == bool(wanted)
    if value is None or wanted is None:
        return False
    return COMPARISONS[lookup](value, wanted)


def matches(obj, q: Q) -> bool:
    """Whether the database would return `obj` for `filter(q)`, from its loaded fields."""
    if q.connector not in (Q.AND, Q.OR):
        raise ValueError(f"matches(): unsupported connector {q.connector}")
    results = (
        matches(obj, child) if isinstance(child, Q) else _lookup(obj, *child)
        for child in q.children
    )
    found = all(results) if q.connector == Q.AND else any(results)
    return not found if q.negated else found
