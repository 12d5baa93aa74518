"""The rows of a letters import, built and checked as `letter_register` would save them.

`services.letters_import` builds every row here (no query per row), numbers the receipts,
then writes them with `petitions.bulk`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from danvan.workdays import WorkCalendar, calendar_for
from petitions import deadlines
from petitions.models import Case, Letter, SubjectArea

if TYPE_CHECKING:
    from petitions.services import Sender


@dataclass
class _ImportRow:
    row: int
    case: Case
    letter: Letter
    sender: Sender
    opens_case: bool


def _holidays_by_year(days) -> WorkCalendar:
    """The work calendar around every day of `days`, from one query."""
    return calendar_for(days)


def _import_build(actor, unit, row: dict, holidays, checked) -> tuple[Case, Letter, Sender, bool]:
    """What `letter_register` would save for one imported row, unsaved and checked.

    Its checks, minus the queries: the foreign keys are the unit and user already checked,
    the subject areas are checked together (`_missing_subject_areas`), and receipt numbers
    are unique by allocation (`_number_receipts`).
    """
    from petitions.services import Sender, _check_day  # here: services imports this module

    fields = {key: value for key, value in row.items() if not key.startswith("_")}
    sender = Sender(fields.pop("sender_name", "") or "", fields.pop("sender_contact", "") or "")
    case = fields.pop("case", None)
    second_complaint = fields.pop("second_complaint", False)
    received_on = fields["received_on"]
    _check_day(received_on, "received_on")
    errors = {}
    opens_case = case is None
    if opens_case:
        case = Case(
            unit=unit,
            kind=fields["kind"],
            receiving_body=fields["receiving_body"],
            summary=fields["summary"],
            received_on=received_on,
            acceptance_due=deadlines.acceptance_due(fields["kind"], received_on, holidays),
            second_complaint=second_complaint,
        )
        errors = _clean(case, ["search_text", "unit"], checked)
    elif case.unit_id != unit.pk:
        raise ValidationError({"case": _("The case belongs to another unit.")})
    letter = Letter(unit=unit, case=case, created_by=actor, receipt_year=received_on.year, **fields)
    letter.handling_due = deadlines.letter_handling_due(received_on, holidays)
    if not letter.is_secret:
        letter.sender_name, letter.sender_contact = sender.name, sender.contact
    letter.receipt_number = 1  # allocated with the others once every row is checked
    exclude = ["case", "search_text", "unit", "created_by", "subject_area"]
    for name, messages in _clean(letter, exclude, checked).items():
        errors.setdefault(name, [])
        errors[name] += [message for message in messages if message not in errors[name]]
    if errors:
        raise ValidationError(errors)
    return case, letter, sender, opens_case


def _clean(instance, exclude, checked: dict) -> dict:
    """`full_clean` without its queries: `Model.clean_fields` and `clean`, where each
    (model, field, value) is checked once per import (those checks depend on the value only;
    the foreign keys, the ones that do not, are excluded and checked apart)."""
    errors = {}
    model = type(instance)
    for field in model._meta.concrete_fields:
        if field.name in exclude or field.generated:
            continue
        raw = getattr(instance, field.attname)
        if field.blank and raw in field.empty_values:
            continue
        key = (model, field.attname, type(raw), raw)
        if key not in checked:
            try:
                checked[key] = (field.clean(raw, instance), None)
            except ValidationError as error:
                checked[key] = (None, error.error_list)
        value, refused = checked[key]
        if refused:
            errors[field.name] = refused
        else:
            setattr(instance, field.attname, value)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    return ValidationError(errors).message_dict if errors else {}


def _missing_subject_areas(built: list[_ImportRow]) -> list:
    """The foreign-key check of `full_clean` on the subject areas, in one query."""
    wanted = {item.letter.subject_area_id for item in built} - {None}
    if not wanted:
        return []
    missing = wanted - set(SubjectArea.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    field = Letter._meta.get_field("subject_area")
    errors = []
    for item in built:
        if item.letter.subject_area_id in missing:
            try:
                field.validate(item.letter.subject_area_id, item.letter)
            except ValidationError as error:
                errors.append((item.row, ValidationError({field.name: error})))
    return errors


def _row_message(row, error: ValidationError) -> str:
    """One refused row, as "Dòng 7: Ngày nhận: Ngày không được sau hôm nay."."""
    if not hasattr(error, "error_dict"):
        parts = error.messages
    else:
        parts = []
        for name, messages in error.message_dict.items():
            label = _field_label(name)
            parts += [f"{label}: {message}" if label else message for message in messages]
    return _("Row %(row)s: %(errors)s") % {"row": row, "errors": " ".join(parts)}


def _field_label(name: str) -> str:
    try:
        return capfirst(Letter._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # NON_FIELD_ERRORS
        return ""


def _number_receipts(unit, letters: list[Letter]) -> None:
    """Receipt numbers in row order, per (body, year) after the last one saved, under the lock
    `letter_register` takes; then the search text, which holds the receipt."""
    from petitions.services import _letter_search_text, _lock_receipts  # as in _import_build

    series = {(letter.receiving_body, letter.receipt_year) for letter in letters}
    _lock_receipts(unit, series)
    last = {
        (row["receiving_body"], row["receipt_year"]): row["n"]
        for row in Letter.objects.filter(
            unit=unit,
            receiving_body__in={body for body, _year in series},
            receipt_year__in={year for _body, year in series},
        )
        .values("receiving_body", "receipt_year")
        .annotate(n=Max("receipt_number"))
        .order_by()
    }
    for letter in letters:
        key = (letter.receiving_body, letter.receipt_year)
        last[key] = letter.receipt_number = (last.get(key) or 0) + 1
        letter.search_text = _letter_search_text(letter)
