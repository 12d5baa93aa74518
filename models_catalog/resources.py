"""Excel columns of the register: the import template, the row checks and the export.

An export can be imported again: its first columns are the template's.
"""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan import imports
from danvan.excel import Column, RowError, Sheet
from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.orgs.models import Unit
from danvan.periods import MAX_YEAR
from models_catalog.models import Field, Level, Registrant, Status
from models_catalog.services import EDITOR_STATES

SHEET_TITLE = gettext_lazy("Skilful mobilisation models")


def _labels(choices) -> dict:
    return {str(label): value for value, label in choices}


def columns() -> list[Column]:
    fields = _labels(Field.choices) | {_("Party building"): Field.POLITICAL_SYSTEM}
    return [
        Column("unit", _("Unit code"), max_length=255),
        Column("name", _("Name of the model"), max_length=300),
        Column(
            "registrant_kind",
            _("Registered by"),
            "choice",
            choices=_labels(Registrant.Kind.choices),
        ),
        Column("registrant_name", _("Name of the collective or individual"), max_length=200),
        Column("registrant_position", _("Position"), required=False, max_length=200),
        Column("field", _("Field"), "choice", choices=fields),
        Column("level", _("Level"), "choice", choices=_labels(Level.choices)),
        Column("start_year", _("From year"), "int", minimum=1900),
        Column("end_year", _("To year"), "int", required=False, minimum=1900),
        Column("status", _("Status"), "choice", required=False, choices=_labels(Status.choices)),
        Column("responsible_person", _("Responsible person"), required=False, max_length=200),
        Column("started_on", _("Start date"), "date", required=False),
        Column("content", _("Content and goals"), required=False, max_length=5000),
    ]


def check_rows(actor, sheet: Sheet) -> None:
    """Row errors the cell parser cannot see: the unit, the years, who may set the state."""
    units = {
        u.path: u
        for u in Unit.objects.editable_by(actor).filter(
            path__in={row.get("unit") for row in sheet.rows if row.get("unit")}
        )
    }
    for row in sheet.rows:
        unit = units.get(row.get("unit"))
        if row.get("unit") and unit is None:
            sheet.errors.append(
                RowError(
                    row["_row"], _("Unit code"), _("no unit you may register for has this code")
                )
            )
        start, end = row.get("start_year"), row.get("end_year")
        for key, header in (("start_year", _("From year")), ("end_year", _("To year"))):
            if row.get(key) and row[key] > MAX_YEAR:
                sheet.errors.append(
                    RowError(row["_row"], header, _("is after %(max)s") % {"max": MAX_YEAR})
                )
        if start and end and end < start:
            sheet.errors.append(
                RowError(
                    row["_row"], _("To year"), _("the phase must end in or after its first year")
                )
            )
        status = row.get("status") or Status.REGISTERED
        if unit and status not in EDITOR_STATES and not has_role(actor, unit, REVIEW_ROLES):
            sheet.errors.append(
                RowError(row["_row"], _("Status"), _("only a reviewer may import this status"))
            )
        row["unit_object"] = unit


def register_import(actor) -> imports.Resource:
    """The import of an existing register; rows may go to any unit the actor may edit."""
    return imports.Resource(
        title=_("Import a register of models"),
        columns=columns(),
        check=partial(check_rows, actor),
        upload_url=reverse("models_catalog:import"),
        confirm_url=reverse("models_catalog:import_confirm"),
        template_url=reverse("models_catalog:import_template"),
        done_url=reverse("models_catalog:list"),
        done_message=lambda n: (
            ngettext("%(count)s model was imported.", "%(count)s models were imported.", n)
            % {"count": n}
        ),
        template_name="mau-nhap-mo-hinh-dan-van-kheo.xlsx",
        sheet_title=SHEET_TITLE,
    )


def export_headers() -> list[str]:
    return [c.header for c in columns()] + [
        _("Unit"),
        _("Score"),
        _("Award"),
        _("Awarded by"),
        _("Decision number"),
        _("Decision date"),
    ]


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def export_row(model) -> list:
    return [
        model.unit.path,
        model.name,
        model.registrant.get_kind_display(),
        model.registrant.name,
        model.registrant.position,
        model.get_field_display(),
        model.get_level_display(),
        model.start_year,
        model.end_year,
        model.get_status_display(),
        model.responsible_person,
        _day(model.started_on),
        model.content,
        model.unit.title,
        f"{model.score}/{model.criteria_total}" if model.criteria_met else "",
        model.get_award_display(),
        model.awarded_by,
        model.decision_number,
        _day(model.decision_date),
    ]
