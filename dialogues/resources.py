"""Excel columns of opinions: the import template, the import itself and the export."""

from django.utils.translation import gettext as _

from danvan.excel import Column, write_workbook
from dialogues.models import Conference, Opinion, OpinionField


def opinion_columns() -> list[Column]:
    fields = {f.label: f for f in OpinionField.objects.filter(active=True)}
    return [
        Column("raised_by", _("Raised by"), required=False, max_length=200),
        Column("channel", _("How raised"), kind="choice", choices=_choices(Opinion.Channel)),
        Column("field", _("Field"), kind="choice", choices=fields),
        Column("content", _("Content"), max_length=5000),
        Column(
            "outcome",
            _("Outcome"),
            kind="choice",
            choices=_choices(Opinion.Outcome),
            required=False,
        ),
        Column("answered_by", _("Answered by"), required=False, max_length=200),
        Column("answer_summary", _("Answer"), required=False, max_length=5000),
        Column("assignee", _("Assigned to"), required=False, max_length=200),
        Column("deadline", _("Deadline"), kind="date", required=False),
        Column("answer_number", _("Answer document no."), required=False, max_length=60),
        Column("answered_on", _("Answer date"), kind="date", required=False),
    ]


def _choices(choices) -> dict:
    return {str(label): value for value, label in choices.choices}


def opinions_workbook(conference: Conference, opinions) -> bytes:
    """The conference's opinions in the import columns, so an export can be imported again."""
    columns = opinion_columns()
    labels = {
        "channel": dict(Opinion.Channel.choices),
        "outcome": dict(Opinion.Outcome.choices),
    }
    rows = []
    for opinion in opinions:
        row = []
        for column in columns:
            value = getattr(opinion, column.key)
            if column.key in labels:
                value = str(labels[column.key][value])
            elif column.key == "field":
                value = value.label
            row.append("" if value is None else value)
        rows.append(row)
    return write_workbook(_("Opinions"), [c.header for c in columns], rows)


def blank_template() -> bytes:
    return write_workbook(_("Opinions"), [c.header for c in opinion_columns()], [])
