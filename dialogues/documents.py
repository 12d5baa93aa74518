"""The conference minutes (biên bản hội nghị đối thoại) as a printed document, registered in
danvan.documents so the export pipeline renders it without reading this app's models."""

from django.utils.translation import gettext as _

from danvan import documents
from danvan.periods import Period
from dialogues import selectors

KIND = "minutes_pdf"


def subject(user, data):
    """The conference the user asked for (Conference.DoesNotExist outside their scope)."""
    record = int(data.get("record") or 0)
    conference = selectors.conference_pages().visible_to(user).get(pk=record)
    return conference.unit, Period.year_of(conference.held_on.year), {"record": conference.pk}


def held_line(place: str, day) -> str:
    """'Ngọc Thụy, ngày 05 tháng 4 năm 2019' (36-HD/VPTW: days 01-09, months 01-02 padded)."""
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month <= 2 else str(day.month),
        "year": day.year,
    }


def build(parameters):
    context = selectors.minutes_context(parameters["record"])
    conference = context["conference"]
    context["held_line"] = held_line(conference.unit.name, conference.held_on)
    return "dialogues/minutes_pdf.html", context


def register():
    documents.register(KIND, subject=subject, build=build)
