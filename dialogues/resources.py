"""Excel columns of opinions: the import template, the import itself and the export."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import imports
from danvan.excel import Column, write_workbook
from dialogues.models import Conference, Opinion, OpinionField
from dialogues.services import LockedError


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


def opinions_import(conference: Conference) -> imports.Resource:
    """The import of a conference's opinions; a locked conference refuses it."""
    return imports.Resource(
        title=_("Import opinions: %(title)s") % {"title": conference.title},
        columns=opinion_columns(),
        upload_url=reverse("dialogues:opinions_import", args=[conference.pk]),
        confirm_url=reverse("dialogues:opinions_import_confirm", args=[conference.pk]),
        template_url=reverse("dialogues:opinions_template", args=[conference.pk]),
        done_url=reverse("dialogues:conference_detail", args=[conference.pk]),
        done_message=lambda n: _("%(n)s opinions were imported.") % {"n": n},
        template_name="mau-y-kien-doi-thoai.xlsx",
        sheet_title=_("Opinions"),
        refusals=(LockedError,),
    )
