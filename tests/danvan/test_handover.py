"""The hand-over of open work: every open item of a closed unit moves to its successor, with an
event; the counts per kind stay, no closed unit holds one, and every total is its rows' sum."""

from datetime import date

import pytest
from django.core.management import call_command

from danvan import handover, metrics
from danvan.orgs import services as org_services
from danvan.orgs.access import Role
from danvan.orgs.models import Unit
from danvan.periods import Period
from dialogues.models import Conference, Opinion
from models_catalog.models import PracticeModel, Status
from petitions import services as petition_services
from petitions.models import Case, Letter
from reports.models import Report
from tests import factories
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, written
from tests.models_catalog.factories import PracticeModelFactory
from tests.petitions.factories import LetterFactory
from tests.reports.factories import open_round

REFORM = date(2025, 7, 1)
CLOSED = date(2025, 6, 30)

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(reference_rows):
    """Quận Hồ Tây (closed) with phường Yên Phụ (whole into new Tây Hồ Mới, with a residential
    group) and Quảng Bá (most into Tây Hồ Mới, part into Nhật Tân Mới); each with open work."""
    city = factories.UnitFactory(name="Thành phố Bàn Giao", kind="city")
    district = factories.UnitFactory(
        name="Hồ Tây", kind="urban_district", parent=city, valid_to=CLOSED
    )
    yen_phu = factories.UnitFactory(name="Yên Phụ", parent=district, valid_to=CLOSED)
    group = factories.UnitFactory(
        name="Tổ dân phố 9", kind="residential_group", parent=yen_phu, valid_to=CLOSED
    )
    quang_ba = factories.UnitFactory(name="Quảng Bá", parent=district, valid_to=CLOSED)
    tay_ho = factories.UnitFactory(name="Tây Hồ Mới", parent=city, valid_from=REFORM)
    nhat_tan = factories.UnitFactory(name="Nhật Tân Mới", parent=city, valid_from=REFORM)
    for successor, old, share in [
        (tay_ho, yen_phu, "whole"),
        (tay_ho, quang_ba, "most"),
        (nhat_tan, quang_ba, "part"),
    ]:
        org_services.lineage_record(
            actor=None, successor=successor, predecessor=old, share=share, effective_date=REFORM
        )
    units = {"city": city, "district": district, "yen_phu": yen_phu, "group": group,
             "quang_ba": quang_ba, "tay_ho": tay_ho, "nhat_tan": nhat_tan}  # fmt: skip
    # Open cases (with their letters) at every closed level, and one concluded case.
    for unit, day in [(yen_phu, date(2025, 5, 5)), (group, date(2025, 6, 2)),
                      (quang_ba, date(2025, 3, 3)), (district, date(2025, 1, 6))]:  # fmt: skip
        letter = LetterFactory(unit=unit, received_on=day)
        LetterFactory(unit=unit, received_on=day, case=letter.case)
    done = LetterFactory(unit=quang_ba, received_on=date(2025, 2, 3)).case
    on = date(2025, 3, 1)
    done = petition_services.case_transition(actor=None, case=done, to_state="accepted", on=on)
    petition_services.case_transition(
        actor=None, case=done, to_state="concluded", on=on, outcome="rejected",
        decision_number="1/QĐ", decision_date=on,
    )  # fmt: skip
    # New Tây Hồ Mới's own letters after the reform keep their numbers.
    LetterFactory(unit=tay_ho, received_on=date(2025, 8, 4))
    # A model in progress and a commended one; a planned conference, one with an answer due.
    PracticeModelFactory(unit=quang_ba, start_year=2025, status=Status.IMPLEMENTING)
    PracticeModelFactory(unit=quang_ba, start_year=2024, status=Status.COMMENDED)
    ConferenceFactory(unit=yen_phu, held_on=date(2025, 6, 28), notice_on=date(2025, 6, 20),
                      status=Conference.Status.PLANNED)  # fmt: skip
    held = ConferenceFactory(unit=quang_ba, held_on=date(2025, 5, 10), notice_on=date(2025, 5, 1))
    OpinionFactory(conference=held, **written(deadline=date(2025, 7, 20)))
    # An open report of a round before the reform.
    open_round(district, [yen_phu, quang_ba], period="2025Q2", due=date(2025, 6, 25))
    Report.objects.filter(unit=quang_ba).update(status=Report.Status.APPROVED)
    return units


def open_counts(units) -> dict[str, int]:
    ids = [unit.pk for unit in units]
    return {kind.code: kind.open_items(ids, REFORM).count() for kind in handover.kinds()}


def test_every_open_item_moves_and_the_counts_per_kind_stay(area):
    everywhere = list(Unit.objects.subtree(area["city"]))
    before = open_counts(everywhere)
    held_by_closed = {
        "petitions.cases": 4,
        "petitions.letters": 8,
        "dialogues.open_conferences": 2,
        "models_catalog.in_progress": 1,
        "reports.open": 1,
    }
    assert handover.stranded(REFORM) == held_by_closed
    # City-wide, Tây Hồ Mới's own case and letter too.
    assert before == {**held_by_closed, "petitions.cases": 5, "petitions.letters": 9}
    rows = handover.handover_run(actor=None, day=REFORM, reason="Sắp xếp theo NQ thử")
    assert len(rows) == sum(held_by_closed.values())
    assert open_counts(everywhere) == before
    assert handover.stranded(REFORM) == dict.fromkeys(held_by_closed, 0)
    # By the lineage: Yên Phụ and its group to Tây Hồ Mới (whole), Quảng Bá to its largest share
    # (Tây Hồ Mới), the district's own case to the city (no lineage, no parent's successor).
    moved = {(row.kind.code, row.old.name): row.new.name for row in rows}
    assert moved[("petitions.cases", "Tổ dân phố 9")] == "Tây Hồ Mới"
    assert moved[("petitions.cases", "Quảng Bá")] == "Tây Hồ Mới"
    assert moved[("petitions.cases", "Hồ Tây")] == area["city"].name
    # Each record says so; the concluded case and the commended model stay where they were.
    case = Case.objects.get(unit=area["tay_ho"], received_on=date(2025, 3, 3))
    event = case.events.get(action="handed_over")
    assert (event.data["from_unit"], event.reason) == (area["quang_ba"].path, "Sắp xếp theo NQ thử")
    assert case.events.filter(action="letter_handed_over").count() == 2
    assert Case.objects.filter(unit=area["quang_ba"], state=Case.State.CONCLUDED).count() == 1
    assert PracticeModel.objects.get(status=Status.COMMENDED).unit == area["quang_ba"]
    assert (
        PracticeModel.objects.get(status=Status.IMPLEMENTING)
        .events.filter(action="handed_over")
        .exists()
    )
    # The letters enter the successor's register after its own number 1.
    numbers = sorted(
        Letter.objects.filter(unit=area["tay_ho"], receipt_year=2025).values_list(
            "receipt_number", flat=True
        )
    )
    assert numbers == list(range(1, 8))
    # A second run finds nothing more to move.
    assert handover.handover_run(actor=None, day=REFORM, reason="lần hai") == []


def test_the_administrator_chooses_where_a_split_unit_goes(area):
    choice = {area["quang_ba"].pk: area["nhat_tan"]}
    rows = handover.handover_run(actor=None, day=REFORM, reason="Chọn", choices=choice)
    assert {row.new.name for row in rows if row.old == area["quang_ba"]} == {"Nhật Tân Mới"}
    assert Opinion.objects.get().conference.unit == area["nhat_tan"]


def test_after_the_hand_over_every_total_is_the_sum_of_its_rows(area):
    period = Period.parse("2025Q3")
    chosen = ["petitions.cases_in_progress", "petitions.letters_carried_over", "dialogues.pending"]

    def gaps():
        results = metrics.evaluate_all(area["city"], period, [metrics.get(c) for c in chosen])
        return {r.metric.code: (r.total, sum((line.value for line in r.lines), r.metric.empty))
                for r in results}  # fmt: skip

    in_progress = gaps()["petitions.cases_in_progress"]
    # Before: the closed units' 4 cases are in the total but in no row (only Tây Hồ Mới's own).
    assert (in_progress[0].amount, in_progress[1].amount) == (5, 1)
    handover.handover_run(actor=None, day=REFORM, reason="Sắp xếp")
    for total, rows in gaps().values():
        assert total == rows
    assert gaps()["petitions.cases_in_progress"][0].amount == 5


def test_reminders_never_go_to_a_closed_unit(area):
    officer = factories.UserFactory(username="canbo.quangba.thu")
    factories.MembershipFactory(user=officer, unit=area["quang_ba"], role=Role.EDITOR)
    case = Case.objects.get(unit=area["quang_ba"], state=Case.State.RECEIVED)
    Case.objects.filter(pk=case.pk).update(handler=officer)
    assert petition_services.deadline_reminders(today=date(2025, 7, 20)) == 0
    assert not officer.notifications.exists()


def test_the_command_prints_the_list_and_writes_the_pdf(area, tmp_path, capsys):
    target = tmp_path / "ban-giao.pdf"
    call_command("handover", date="2025-07-01", apply=True, pdf=str(target),
                 issuer=area["city"].path)  # fmt: skip
    out = capsys.readouterr().out
    assert "petitions.cases: 4, petitions.letters: 8" in out
    text = squeeze(pdf_text(target.read_bytes(), tmp_path))
    assert "DANH SÁCH" in text
    assert "Vụ việc đang giải quyết: 4" in text
    assert "Phường Quảng Bá Phường Tây Hồ Mới" in text
