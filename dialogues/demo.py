"""Demo conferences reproducing the source articles (idempotent).

- ha-noi/long-bien 2018 (article 004): 14 ward conferences with 594 opinions (174 direct, 420
  in writing), 491 resolved at the conference, 103 answered in writing; 1 district conference
  with 23 opinions (3 on party building, 20 on socio-economy and defence–security).
- nghe-an/hoang-mai 2018 (article 001): 19 conferences in 10/10 communes and wards, 1.538
  attendees, 204 opinions.
- One held, unpublished conference of Ngọc Thụy in 2025 for trying the grid.
"""

from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from danvan.orgs.models import Unit
from danvan.search import search_text
from dialogues import services
from dialogues.models import Conference, Opinion, OpinionField

YEAR_TITLE = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân năm 2018"
TOPICS = {
    "party_building": "Đề nghị làm rõ việc kết nạp đảng viên trong tổ dân phố",
    "socio_economy": "Đề nghị sửa chữa tuyến đường ngõ xóm bị xuống cấp, thu gom rác thải",
    "defence_security": "Phản ánh tình trạng đua xe, mất trật tự vào ban đêm",
    "land": "Đề nghị đẩy nhanh bồi thường, giải phóng mặt bằng dự án",
    "other": "Kiến nghị về lịch tiếp công dân của phường",
}
WARD_FIELDS = ["socio_economy", "land", "defence_security", "party_building", "other"]


def _conference(unit, title, held_on, *, attendees, kind=Conference.Kind.SCHEDULED, notice_days=10):
    return services.conference_create(
        actor=None,
        unit=unit,
        title=title,
        kind=kind,
        chair=f"Bí thư Đảng ủy {unit.title}",
        co_chairs=f"Chủ tịch UBND {unit.title}",
        secretary="Cán bộ Văn phòng",
        organiser=Conference.Organiser.PARTY_COMMITTEE,
        co_organiser=Conference.Organiser.FATHERLAND_FRONT,
        held_on=held_on,
        place=f"Hội trường {unit.title}",
        mode=Conference.Mode.IN_PERSON,
        notice_on=held_on - timedelta(days=notice_days),
        attendees=attendees,
        invited_bodies="UBMTTQ, các đoàn thể chính trị – xã hội, đại diện các tổ dân phố",
    )


def _opinions(conference, specs, fields):
    """specs: (channel, field code, outcome, answered_on or None, deadline or None)."""
    rows = []
    for number, (channel, code, outcome, answered_on, deadline) in enumerate(specs, start=1):
        content = f"{TOPICS[code]} (ý kiến {number})"
        written = outcome == Opinion.Outcome.WRITTEN_ANSWER
        rows.append(
            Opinion(
                conference=conference,
                number=number,
                raised_by=f"Tổ dân phố số {number % 9 + 1}",
                channel=channel,
                field=fields[code],
                content=content,
                outcome=outcome,
                answered_by="" if written else "Chủ tịch UBND",
                answer_summary="" if written else "Đã giải trình, tiếp thu tại hội nghị.",
                assignee="Phòng Tài nguyên và Môi trường" if written else "",
                deadline=deadline,
                answer_number=f"{number}/TB-UBND" if answered_on else "",
                answered_on=answered_on,
                search_text=search_text(content),
            )
        )
    bulk_create_with_history(rows, Opinion)


def _finish(conference, *, publish_after: int | None = 5):
    conference = services.conference_mark_held(
        actor=None,
        conference=conference,
        version=conference.version,
        attendees=conference.attendees,
    )
    if publish_after is not None:
        services.conference_publish(
            actor=None,
            conference=conference,
            version=conference.version,
            published_on=conference.held_on + timedelta(days=publish_after),
        )


def _exists(unit, title, held_on) -> bool:
    return Conference.objects.filter(unit=unit, title=title, held_on=held_on).exists()


def _long_bien_wards(fields):
    wards = list(Unit.objects.filter(parent__path="ha-noi/long-bien").order_by("name"))
    # 594 opinions dealt round the 14 wards; the first 174 in the deal were raised directly,
    # and 491 (a spread-out choice) were resolved at the conference, the rest answered in
    # writing before the end of 2018.
    per_ward = {ward.pk: [] for ward in wards}
    for k in range(594):
        channel = Opinion.Channel.DIRECT if k < 174 else Opinion.Channel.WRITTEN
        at_conference = (k * 7) % 594 < 491
        outcome = Opinion.Outcome.AT_CONFERENCE if at_conference else Opinion.Outcome.WRITTEN_ANSWER
        code = WARD_FIELDS[k % len(WARD_FIELDS)]
        answer = (date(2018, 11, 20), date(2018, 11, 30)) if not at_conference else (None, None)
        per_ward[wards[k % len(wards)].pk].append((channel, code, outcome, *answer))
    for index, ward in enumerate(wards):
        held_on = date(2018, 9, 5) + timedelta(days=2 * index)
        if _exists(ward, YEAR_TITLE, held_on):
            continue
        conference = _conference(ward, YEAR_TITLE, held_on, attendees=120 + index * 5)
        _opinions(conference, per_ward[ward.pk], fields)
        _finish(conference)


def _long_bien_district(fields):
    district = Unit.objects.get(path="ha-noi/long-bien")
    held_on = date(2018, 10, 26)
    if _exists(district, YEAR_TITLE, held_on):
        return
    conference = _conference(
        district, YEAR_TITLE, held_on, attendees=250, kind=Conference.Kind.PARTY_HEAD
    )
    codes = ["party_building"] * 3 + ["socio_economy"] * 14 + ["defence_security"] * 6
    specs = []
    for k, code in enumerate(codes):
        written = k % 4 == 3
        outcome = Opinion.Outcome.WRITTEN_ANSWER if written else Opinion.Outcome.AT_CONFERENCE
        answer = (date(2018, 11, 28), date(2018, 11, 30)) if written else (None, None)
        specs.append((Opinion.Channel.DIRECT, code, outcome, *answer))
    _opinions(conference, specs, fields)
    _finish(conference)


def _hoang_mai(fields):
    units = list(Unit.objects.filter(parent__path="nghe-an/hoang-mai").order_by("name"))
    # 19 conferences: two in each unit but the last; 1.538 attendees; 204 opinions.
    slots = [(unit, turn) for unit in units for turn in (0, 1)][:19]
    opinion_total = 0
    for index, (unit, turn) in enumerate(slots):
        held_on = date(2018, 5 + turn * 5, 10 + index)
        attendees = 81 if index < 18 else 80  # 18 × 81 + 80 = 1.538
        count = 11 if index < 14 else 10  # 14 × 11 + 5 × 10 = 204
        title = f"Đối thoại giữa Chủ tịch HĐND, Chủ tịch UBND với nhân dân {unit.title}"
        if _exists(unit, title, held_on):
            opinion_total += count
            continue
        specs = []
        for k in range(count):
            n = opinion_total + k
            channel = Opinion.Channel.DIRECT if n % 5 < 3 else Opinion.Channel.WRITTEN
            code = WARD_FIELDS[n % len(WARD_FIELDS)]
            if n % 4:
                specs.append((channel, code, Opinion.Outcome.AT_CONFERENCE, None, None))
            elif (n // 4) % 3:  # answered in writing on time
                answer = (held_on + timedelta(20), held_on + timedelta(30))
                specs.append((channel, code, Opinion.Outcome.WRITTEN_ANSWER, *answer))
            else:  # still awaiting its answer at the end of 2018: overdue or not yet due
                deadline = date(2018, 12, 15) if (n // 12) % 2 else date(2019, 1, 15)
                specs.append((channel, code, Opinion.Outcome.WRITTEN_ANSWER, None, deadline))
        opinion_total += count
        conference = _conference(unit, title, held_on, attendees=attendees)
        _opinions(conference, specs, fields)
        _finish(conference, publish_after=7 if index != 3 else 14)


def _ngoc_thuy_now(fields):
    ward = Unit.objects.get(path="ha-noi/long-bien/ngoc-thuy")
    held_on = date(2025, 5, 20)
    title = "Hội nghị đối thoại đột xuất về dự án cải tạo đê tả sông Đuống"
    if _exists(ward, title, held_on):
        return
    conference = _conference(  # notice 4 days ahead: shows the late-notice warning
        ward, title, held_on, attendees=96, kind=Conference.Kind.UNSCHEDULED, notice_days=4
    )
    specs = [
        (Opinion.Channel.DIRECT, "land", Opinion.Outcome.AT_CONFERENCE, None, None),
        (Opinion.Channel.DIRECT, "land", Opinion.Outcome.WRITTEN_ANSWER, None, date(2025, 6, 5)),
        (
            Opinion.Channel.WRITTEN,
            "socio_economy",
            Opinion.Outcome.WRITTEN_ANSWER,
            date(2025, 6, 1),
            date(2025, 6, 10),
        ),
        (Opinion.Channel.DIRECT, "defence_security", Opinion.Outcome.AT_CONFERENCE, None, None),
    ]
    _opinions(conference, specs, fields)
    _finish(conference, publish_after=None)


def seed(stdout=None):
    fields = {field.code: field for field in OpinionField.objects.all()}
    _long_bien_wards(fields)
    _long_bien_district(fields)
    _hoang_mai(fields)
    _ngoc_thuy_now(fields)
    if stdout:
        stdout.write(f"Dialogue conferences: {Conference.objects.count()} in the demo.")
