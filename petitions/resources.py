"""The letter register (sổ theo dõi đơn thư) in Excel: import columns and the export."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import imports
from danvan.excel import Column, RowError, Sheet
from petitions.models import Body, Case, Kind, Letter, SubjectArea
from petitions.services import EARLIEST_DATE

SECRET = gettext_lazy("(kept secret)")


def _choices(choices) -> dict:
    return {str(label): value for value, label in choices}


def import_columns() -> list[Column]:
    areas = {area.name: area for area in SubjectArea.objects.all()}
    return [
        Column("received_on", "Ngày nhận", kind="date"),
        Column(
            "receiving_body", "Cơ quan tiếp nhận", kind="choice", choices=_choices(Body.choices)
        ),
        Column("channel", "Hình thức", kind="choice", choices=_choices(Letter.Channel.choices)),
        Column("kind", "Loại đơn", kind="choice", choices=_choices(Kind.choices)),
        Column("subject_area", "Lĩnh vực", kind="choice", choices=areas, required=False),
        Column("summary", "Nội dung tóm tắt", max_length=300),
        Column("sender_name", "Người gửi", max_length=200),
        Column("sender_contact", "Địa chỉ, điện thoại", required=False, max_length=300),
        Column("signer_count", "Số người ký", kind="int", minimum=1, required=False),
        Column("is_eligible", "Đủ điều kiện xử lý", kind="bool", required=False),
        Column("is_repeated", "Đơn trùng lặp", kind="bool", required=False),
    ]


def check_rows(sheet: Sheet) -> Sheet:
    """Rules beyond the cell types: dates in range; defaults for optional cells."""
    today = timezone.localdate()
    for row in sheet.rows:
        day = row.get("received_on")
        if day and not EARLIEST_DATE <= day <= today:
            sheet.errors.append(
                RowError(
                    row["_row"],
                    "Ngày nhận",
                    _("%(date)s is outside 01/01/2000 – today")
                    % {"date": day.strftime("%d/%m/%Y")},
                )
            )
        count = row.get("signer_count") or 1
        row["signer_count"] = count
        row["signers"] = Letter.Signers.ONE if count == 1 else Letter.Signers.SEVERAL
        row["is_eligible"] = row.get("is_eligible") is not False
        row["is_repeated"] = bool(row.get("is_repeated"))
        if not row["is_eligible"]:
            row["ineligible_reason"] = _("Marked not eligible in the imported register")
    sheet.errors.sort(key=lambda error: error.row)
    return sheet


def register_import() -> imports.Resource:
    """The import of a letter register into the working unit."""
    return imports.Resource(
        title=_("Import a letter register"),
        columns=import_columns(),
        check=check_rows,
        upload_url=reverse("petitions:letter_import"),
        confirm_url=reverse("petitions:letter_import_confirm"),
        template_url=reverse("petitions:import_template"),
        done_url=reverse("petitions:letter_list"),
        done_message=lambda n: _("%(n)s letters imported.") % {"n": n},
        template_name="mau-so-theo-doi-don-thu.xlsx",
        sheet_title=_("Letters"),
    )


EXPORT_HEADERS = [
    gettext_lazy("Receipt"),
    gettext_lazy("Received on"),
    gettext_lazy("Receiving body"),
    gettext_lazy("Kind"),
    gettext_lazy("Summary"),
    gettext_lazy("Sender"),
    gettext_lazy("Case"),
    gettext_lazy("Case state"),
    gettext_lazy("National database reference"),
]


def export_rows(letters):
    """One row per letter; a denunciator's name is never written (it is not on the letter).

    Rows are read in batches with their case joined: a prefetch would send each batch's case
    ids as one IN list, which SQLite refuses beyond about 1.000 ("Expression tree is too
    large") — the export failed for a district's year of letters."""
    joined = letters.prefetch_related(None).select_related("case")
    for letter in joined.iterator(chunk_size=2000):
        yield [
            letter.receipt,
            letter.received_on.strftime("%d/%m/%Y"),
            letter.get_receiving_body_display(),
            letter.get_kind_display(),
            letter.summary,
            str(SECRET) if letter.is_secret else letter.sender_name,
            letter.case_id,
            str(Case.State(letter.case.state).label),
            letter.case.national_reference,
        ]


# The exchange export of cases (docs/petitions.md, "Exchange export"): stable English column
# names, codes rather than labels, ISO dates. No sender appears in it at all: a denunciator's
# identity lives in SenderIdentity and a letter's sender is not a case column.
EXCHANGE_COLUMNS = [
    "id",
    "national_reference",
    "unit",
    "unit_name",
    "receiving_body",
    "kind",
    "summary",
    "state",
    "received_on",
    "acceptance_due",
    "accepted_on",
    "resolution_due",
    "outcome",
    "decision_number",
    "decision_date",
    "resolved_on",
    "closed_on",
    "second_complaint",
    "is_complex",
    "is_long_standing",
    "extensions",
    "letters",
]


def exchange_rows(cases):
    """One dict per case with the EXCHANGE_COLUMNS, JSON-ready (dates ISO, None for empty)."""
    cases = cases.select_related("unit").annotate(letter_count=Count("letters"))
    for case in cases.order_by("received_on", "id").iterator(chunk_size=2000):
        row = {}
        for name in EXCHANGE_COLUMNS:
            if name == "unit":
                value = case.unit.path
            elif name == "unit_name":
                value = case.unit.name
            elif name == "letters":
                value = case.letter_count
            else:
                value = getattr(case, name)
            row[name] = value.isoformat() if hasattr(value, "isoformat") else value
        yield row
