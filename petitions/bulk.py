"""Bulk writes of a letters import: rows, their history rows and their case events.

On PostgreSQL the ids are drawn from the sequences and each table gets one
`INSERT … SELECT * FROM unnest(arrays)`; elsewhere bulk_create and simple_history's helper.
tests/petitions/test_import_bulk.py compares both, field by field, with `letter_register`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

from petitions.models import CaseEvent

if TYPE_CHECKING:
    from petitions.import_rows import _ImportRow


def _create_events(built: list[_ImportRow], actor) -> None:
    """The event rows of each row in order: "opened" for a new case, then "letter_added"."""
    case_ids, actions, to_states, data = [], [], [], []
    for item in built:
        if item.opens_case:
            case_ids.append(item.case.pk)
            actions.append("opened")
            to_states.append(item.case.state)
            data.append({})
        case_ids.append(item.case.pk)
        actions.append("letter_added")
        to_states.append("")
        data.append({"letter": item.letter.receipt})
    count = len(case_ids)
    columns = {
        "case_id": case_ids,
        "actor_id": [actor.pk] * count,
        "at": [timezone.now()] * count,
        "action": actions,
        "from_state": [""] * count,
        "to_state": to_states,
        "reason": [""] * count,
        "data": data,
    }
    if _fast_inserts():
        _insert(CaseEvent, columns)
    else:
        CaseEvent.objects.bulk_create(
            CaseEvent(**dict(zip(columns, values, strict=True)))
            for values in zip(*columns.values(), strict=True)
        )


def _fast_inserts() -> bool:
    """On PostgreSQL the import draws its ids from the sequences and inserts column arrays
    (`_insert`); elsewhere it uses bulk_create and simple_history's bulk helpers."""
    return connection.vendor == "postgresql"


def _draw_ids(model, objs) -> None:
    """Give `objs` their ids from the table's sequence, in order (one query)."""
    if not objs:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk


def _insert(model, columns: dict[str, list]) -> None:
    """`INSERT … SELECT * FROM unnest(arrays)`, one array per column: the statement
    bulk_create sends on PostgreSQL, without preparing each value on its own (the values are
    the model's Python values, checked by `_clean`; JSON goes through its field)."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    names, arrays, values = [], [], []
    for attname, column in columns.items():
        field = fields[attname]
        if isinstance(field, JSONField):
            column = [field.get_db_prep_save(value, connection) for value in column]
        names.append(connection.ops.quote_name(field.column))
        arrays.append(f"%s::{field.db_type(connection).split('(')[0]}[]")
        values.append(column)
    if not values or not values[0]:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(names)}) "
            f"SELECT * FROM unnest({', '.join(arrays)})",
            values,
        )


def _columns(objs, fields) -> dict[str, list]:
    return {field.attname: [getattr(obj, field.attname) for obj in objs] for field in fields}


def _create(model, objs) -> None:
    """bulk_create, by `_insert` on PostgreSQL (the rows get no ids back: none is needed)."""
    if not _fast_inserts():
        model.objects.bulk_create(objs)
        return
    _insert(model, _columns(objs, [f for f in model._meta.concrete_fields if not f.primary_key]))


def _insert_with_history(model, objs, actor, history_blank=()) -> None:
    """The rows (ids drawn) and their "+" history rows under `actor`, what `save()` writes
    with `_history_user` set; `history_blank`: fields the history row holds empty."""
    _insert(model, _columns(objs, model._meta.concrete_fields))
    for obj in objs:  # saved, as bulk_create leaves them
        obj._state.adding, obj._state.db = False, connection.alias
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not objs:
        return
    history = model.history.model
    columns = _columns(objs, history.tracked_fields)
    count, now = len(objs), timezone.now()
    columns.update({name: [""] * count for name in history_blank})
    columns.update(
        history_date=[now] * count,
        history_change_reason=[None] * count,
        history_type=["+"] * count,
        history_user_id=[actor.pk] * count,
    )
    _insert(history, columns)
