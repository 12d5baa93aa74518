"""Demo letters, cases and visits that reproduce the source articles' figures (idempotent).

- Đống Đa 2019 (002): People's Committee 1.081 letters / 510 cases, 462 resolved; Party
  committee 189 letters, 127 resolved.
- Hoàng Mai 2018 against 2017 (001): 46 visits (29 cases), 22/29 resolved, 20 visits
  (15 cases) fewer; 29 letters (29 cases), 23/29 resolved, 15 letters (15 cases) more.
- Long Biên 2018 (004): 10/15 long-standing cases settled.
- Ngọc Thụy: a handful of current letters registered through the services, one of them a
  denunciation, so the screens have something to show.

The historical sets are many rows, so they are bulk-created (no per-row history or events).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from danvan.orgs.models import Unit
from danvan.search import search_text
from danvan.workdays import calendar_for
from petitions import deadlines, services
from petitions.models import (
    Body,
    Case,
    Kind,
    Letter,
    ReceptionSession,
    SenderIdentity,
    SubjectArea,
    Visit,
)

IDENTITY_GROUP = "Được xem danh tính người tố cáo"
KINDS = [
    Kind.COMPLAINT,
    Kind.PETITION,
    Kind.PETITION,
    Kind.DENUNCIATION,
    Kind.COMPLAINT,
    Kind.MIXED,
]
TOPICS = [
    "Bồi thường giải phóng mặt bằng",
    "Cấp giấy chứng nhận quyền sử dụng đất",
    "Xây dựng trái phép ảnh hưởng nhà liền kề",
    "Ô nhiễm tiếng ồn từ cơ sở sản xuất",
    "Chế độ chính sách người có công",
    "Thái độ cán bộ tiếp nhận hồ sơ",
    "Lấn chiếm vỉa hè, lòng đường",
]
TOPIC_AREAS = [
    "land",
    "land",
    "urban-order",
    "environment",
    "social-policy",
    "officials",
    "urban-order",
]
SURNAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hải", "Khánh", "Lan", "Minh", "Nga"]


def _spread(start: date, end: date, index: int, total: int) -> date:
    return start + timedelta(days=(end - start).days * index // max(total - 1, 1))


class _Batch:
    """Cases and their letters for one unit, received body and year, built in memory."""

    def __init__(self, unit: Unit, body: str, year: int):
        self.unit, self.body, self.year = unit, body, year
        self.cases: list[Case] = []
        self.letters: list[tuple[int, Letter, str]] = []  # (case index, letter, sender)
        self.numbers = 0
        self.calendar = calendar_for([date(year, 1, 1)])  # the deadlines module's own rules

    def case(self, index: int, received_on: date, resolved: bool, **extra) -> int:
        kind = KINDS[index % len(KINDS)]
        topic = TOPICS[index % len(TOPICS)]
        accepted = received_on + timedelta(days=7)
        case = Case(
            unit=self.unit,
            receiving_body=self.body,
            kind=kind,
            summary=topic,
            received_on=received_on,
            acceptance_due=deadlines.acceptance_due(kind, received_on, self.calendar),
            accepted_on=accepted,
            resolution_due=deadlines.resolution_due(
                accepted, deadlines.Terms(kind, remote=self.unit.is_remote), self.calendar
            ),
            state=Case.State.CONCLUDED if resolved else Case.State.VERIFYING,
            **extra,
        )
        if resolved:
            case.resolved_on = case.closed_on = case.decision_date = accepted + timedelta(days=25)
            case.outcome = Case.Outcome.PARTLY_UPHELD if index % 2 else Case.Outcome.REJECTED
            case.decision_number = f"{index + 1}/QĐ-GQKN"
        case.search_text = search_text(case.summary, case.decision_number)
        self.cases.append(case)
        return len(self.cases) - 1

    def letter(self, case_index: int, received_on: date, repeated=False) -> None:
        case = self.cases[case_index]
        self.numbers += 1
        sender = f"{SURNAMES[self.numbers % 7]} {GIVEN[self.numbers % 10]}"
        letter = Letter(
            unit=self.unit,
            receiving_body=self.body,
            receipt_year=received_on.year,
            receipt_number=self.numbers,
            received_on=received_on,
            channel=Letter.Channel.POST if self.numbers % 3 else Letter.Channel.IN_PERSON,
            kind=case.kind,
            summary=case.summary,
            is_repeated=repeated,
            is_eligible=self.numbers % 17 != 0,
            handling_due=deadlines.letter_handling_due(received_on, self.calendar),
        )
        if not letter.is_secret:
            letter.sender_name = sender
        letter.search_text = search_text(
            letter.receipt, letter.summary, "" if letter.is_secret else sender
        )
        self.letters.append((case_index, letter, sender))

    def save(self) -> None:
        Case.objects.bulk_create(self.cases)
        areas = dict(SubjectArea.objects.values_list("code", "id"))
        for case_index, letter, _sender in self.letters:
            letter.case = self.cases[case_index]
            letter.subject_area_id = areas.get(TOPIC_AREAS[case_index % len(TOPIC_AREAS)])
        Letter.objects.bulk_create([letter for _i, letter, _s in self.letters])
        SenderIdentity.objects.bulk_create(
            SenderIdentity(letter=letter, name=sender, contact="Hà Nội")
            for _i, letter, sender in self.letters
            if letter.is_secret
        )


def _letters_and_cases(unit, body, year, *, letters, cases, resolved, last_day=None):
    """`cases` cases with `letters` letters between them, the first `resolved` concluded."""
    batch = _Batch(unit, body, year)
    start, end = date(year, 1, 2), last_day or date(year, 11, 15)
    for index in range(cases):
        batch.case(index, _spread(start, end, index, cases), resolved=index < resolved)
    for number in range(letters):
        case_index = number % cases
        first = batch.cases[case_index].received_on
        batch.letter(case_index, first + timedelta(days=number // cases), repeated=number >= cases)
    batch.save()


def _visits(unit, year, *, visits, cases, resolved):
    """`visits` visits about `cases` cases (received in person only), `resolved` concluded."""
    wards = list(Unit.objects.filter(parent=unit).order_by("name")) or [unit]
    batch = _Batch(unit, Body.PEOPLE_COMMITTEE, year)
    start, end = date(year, 1, 8), date(year, 11, 30)
    for index in range(cases):
        batch.case(index, _spread(start, end, index, cases), resolved=index < resolved)
    Case.objects.bulk_create(batch.cases)
    sessions = ReceptionSession.objects.bulk_create(
        ReceptionSession(
            unit=unit,
            held_on=_spread(start, end, month, 12),
            receiver_kind=ReceptionSession.Receiver.LEADER
            if month % 2
            else ReceptionSession.Receiver.OFFICER,
            receiver_name="Chủ tịch UBND" if month % 2 else "Cán bộ tiếp công dân",
            is_scheduled=month % 4 != 3,
            place=f"Trụ sở tiếp công dân ({wards[month % len(wards)].name})",
        )
        for month in range(12)
    )
    made = Visit.objects.bulk_create(
        Visit(
            session=sessions[min(11, batch.cases[index % cases].received_on.month - 1)],
            people=1 if index % 9 else 12,
            is_crowd=index % 9 == 0,
            summary=batch.cases[index % cases].summary,
        )
        for index in range(visits)
    )
    Visit.cases.through.objects.bulk_create(
        Visit.cases.through(visit_id=visit.pk, case_id=batch.cases[index % cases].pk)
        for index, visit in enumerate(made)
    )


def _long_standing(unit, year, *, tracked, settled):
    batch = _Batch(unit, Body.PEOPLE_COMMITTEE, year)
    for index in range(tracked):
        received = date(year - 3, 3, 1) + timedelta(days=40 * index)
        case_index = batch.case(index, received, resolved=False, is_long_standing=True)
        if index < settled:
            case = batch.cases[case_index]
            case.state = Case.State.CONCLUDED
            case.resolved_on = case.closed_on = date(year, 2, 1) + timedelta(days=25 * index)
            case.decision_date, case.outcome = case.resolved_on, Case.Outcome.PARTLY_UPHELD
            case.decision_number = f"{index + 1}/QĐ-UBND"
        batch.letter(case_index, received)
    batch.save()


def _current_ngoc_thuy(unit) -> None:
    """A few recent letters through the services, as an officer would register them."""
    officer = get_user_model().objects.filter(username="canbo.ngocthuy").first()
    if officer is None:
        return
    today = timezone.localdate()
    entries = [
        (Kind.COMPLAINT, "Khiếu nại mức bồi thường đất nông nghiệp ven đê", "Nguyễn Văn Bình", 40),
        (Kind.PETITION, "Đề nghị lắp đèn chiếu sáng ngõ 52", "Lê Thị Hoa", 12),
        (Kind.DENUNCIATION, "Tố cáo cán bộ địa chính nhận tiền", "Phạm Quang Huy", 8),
        (Kind.COMPLAINT, "Khiếu nại quyết định xử phạt xây dựng", "Trần Văn Nam", 3),
    ]
    for index, (kind, summary, sender, age) in enumerate(entries):
        letter = services.letter_register(
            actor=officer,
            unit=unit,
            sender=services.Sender(name=sender, contact="Tổ dân phố 5, Ngọc Thụy"),
            receiving_body=Body.PEOPLE_COMMITTEE,
            received_on=today - timedelta(days=age),
            channel=Letter.Channel.IN_PERSON,
            kind=kind,
            summary=summary,
        )
        if index == 0:  # accepted a month ago: its deadline is near
            services.case_transition(
                actor=officer, case=letter.case, to_state="accepted", on=today - timedelta(days=33)
            )


def _identity_group() -> None:
    group, _created = Group.objects.get_or_create(name=IDENTITY_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="petitions", codename="view_denunciator_identity"
        )
    )
    leader = get_user_model().objects.filter(username="lanhdao.ngocthuy").first()
    if leader:
        leader.groups.add(group)


def seed(stdout=None) -> None:
    units = {unit.path: unit for unit in Unit.objects.filter(path__in=_PATHS)}
    dong_da, hoang_mai = units["ha-noi/dong-da"], units["nghe-an/hoang-mai"]
    long_bien, ngoc_thuy = units["ha-noi/long-bien"], units["ha-noi/long-bien/ngoc-thuy"]
    _identity_group()
    if not Letter.objects.filter(unit=dong_da, receipt_year=2019).exists():
        _letters_and_cases(
            dong_da, Body.PEOPLE_COMMITTEE, 2019, letters=1081, cases=510, resolved=462
        )
        _letters_and_cases(dong_da, Body.PARTY, 2019, letters=189, cases=189, resolved=127)
    if not Case.objects.filter(unit=hoang_mai, received_on__year=2018).exists():
        for year, letters, visits, visit_cases, visits_resolved, resolved in (
            (2017, 14, 66, 44, 35, 12),
            (2018, 29, 46, 29, 22, 23),
        ):
            _letters_and_cases(
                hoang_mai,
                Body.PEOPLE_COMMITTEE,
                year,
                letters=letters,
                cases=letters,
                resolved=resolved,
            )
            _visits(hoang_mai, year, visits=visits, cases=visit_cases, resolved=visits_resolved)
    if not Case.objects.filter(unit=long_bien, is_long_standing=True).exists():
        _long_standing(long_bien, 2018, tracked=15, settled=10)
    if not Letter.objects.filter(unit=ngoc_thuy).exists():
        _current_ngoc_thuy(ngoc_thuy)
    if stdout:
        stdout.write("Petitions: demo letters, cases and visits ready.")


_PATHS = ["ha-noi/dong-da", "nghe-an/hoang-mai", "ha-noi/long-bien", "ha-noi/long-bien/ngoc-thuy"]
