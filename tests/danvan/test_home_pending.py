"""The home page lists each role's next actions, one click from the work (danvan.pending and the
apps' pending.py providers), on data this test makes: names and figures the demo lacks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan import notifications
from danvan.orgs.access import Role
from reports import services as report_services
from reports.models import Indicator, Report
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields, written
from tests.factories import MembershipFactory, UserFactory
from tests.models_catalog.factories import PracticeModelFactory
from tests.petitions.factories import LetterFactory
from tests.reports.factories import IndicatorFactory, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(tree, make_member):
    today = timezone.localdate()
    ward, other = tree["ngoc_thuy"], tree["sai_dong"]
    people = {
        "editor": make_member(Role.EDITOR, ward, first_name="Quách Thị", last_name="Lựu"),
        "leader": make_member(Role.LEADER, other),
        "reviewer": make_member(Role.REVIEWER, tree["long_bien"]),
        "far_reviewer": make_member(Role.REVIEWER, tree["dong_da"]),
        "viewer": make_member(Role.VIEWER, ward),
    }
    indicator = IndicatorFactory(
        code="ho-nuoi-ong", label="Hộ nuôi ong", kind=Indicator.Kind.NUMBER
    )
    open_round(
        tree["long_bien"],
        [ward, other],
        period="2031Q2",
        indicators=[indicator],
        title="Báo cáo thí điểm quý II/2031",
        due=today + timedelta(days=18),
        leader_approval=True,
    )
    returned_round = open_round(
        tree["long_bien"],
        [ward],
        period="2031Q1",
        indicators=[indicator],
        title="Báo cáo thí điểm quý I/2031",
        due=today - timedelta(days=3),
    )
    report = returned_round.reports.get(unit=ward)
    report = report_services.report_save_draft(
        actor=people["editor"],
        report=report,
        version=report.version,
        sections={
            "results": "Kết quả nuôi ong",
            "shortcomings": "",
            "directions": "",
            "proposals": "",
        },
        values={indicator.pk: (7, None)},
    )
    report = report_services.report_submit(actor=people["editor"], report=report)
    report_services.report_return(
        actor=people["reviewer"], report=report, reason="Thiếu số liệu tổ dân phố 9"
    )
    LetterFactory(
        unit=ward,
        summary="Đề nghị sửa cống thoát nước ngõ 77",
        received_on=today - timedelta(days=12),
        actor=people["editor"],
    )
    ensure_fields()
    conference = ConferenceFactory(unit=ward, title="Đối thoại về chợ tạm")
    OpinionFactory(
        conference=conference,
        content="Đề nghị dời chợ tạm khỏi lòng đường",
        **written(deadline=today + timedelta(days=4)),
    )
    PracticeModelFactory(unit=ward, name="Mô hình nuôi ong giảm nghèo")
    notifications.notify(
        user=people["viewer"], key="test-home", title="Lịch họp giao ban tháng 13", url="/"
    )
    return people


def make_leader(unit):
    user = UserFactory()
    MembershipFactory(user=user, unit=unit, role=Role.LEADER)
    return user


def home(client, user):
    client.force_login(user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    return response.content.decode()


def test_ward_officer_sees_the_reports_to_file_returned_reports_and_near_deadlines(client, work):
    page = home(client, work["editor"])
    assert "Việc cần làm" in page  # Vietnamese whatever the browser asks for
    assert "Báo cáo thí điểm quý II/2031 – Phường Ngọc Thụy" in page
    assert "còn 18 ngày" in page
    assert "Thiếu số liệu tổ dân phố 9" in page  # the reviewer's reason
    assert "Đề nghị sửa cống thoát nước ngõ 77" in page
    assert "Đề nghị dời chợ tạm khỏi lòng đường" in page and "còn 4 ngày" in page
    assert "Mô hình nuôi ong giảm nghèo" not in page  # evaluation is the reviewer's work


def test_reviewer_sees_reports_to_review_and_models_to_evaluate(client, work, tree):
    ward = tree["ngoc_thuy"]
    report = Report.objects.get(round__title="Báo cáo thí điểm quý II/2031", unit=ward)
    report = report_services.report_save_draft(
        actor=work["editor"],
        report=report,
        version=report.version,
        sections={"results": "Đã nộp", "shortcomings": "", "directions": "", "proposals": ""},
        values={Indicator.objects.get(code="ho-nuoi-ong").pk: (9, None)},
    )
    report = report_services.report_submit(actor=work["editor"], report=report)
    assert report.status == Report.Status.LEADER_REVIEW
    page = home(client, work["reviewer"])
    assert "Báo cáo chờ anh/chị xét duyệt" not in page  # still with the ward's leader
    assert "Mô hình nuôi ong giảm nghèo" in page
    ward_leader = make_leader(ward)
    assert "Báo cáo thí điểm quý II/2031 – Phường Ngọc Thụy" in home(client, ward_leader)
    report_services.report_leader_approve(actor=ward_leader, report=report)
    page = home(client, work["reviewer"])
    assert "Báo cáo chờ anh/chị xét duyệt" in page
    assert "Báo cáo thí điểm quý II/2031 – Phường Ngọc Thụy" in page
    assert "Báo cáo thí điểm quý I/2031" not in page  # returned: the ward's work now
    far = home(client, work["far_reviewer"])
    assert "Ngọc Thụy" not in far and "Hiện không có việc nào chờ anh/chị." in far


def test_leader_sees_their_ward_and_viewer_only_notifications(client, work):
    page = home(client, work["leader"])
    assert "Báo cáo thí điểm quý II/2031 – Phường Sài Đồng" in page
    assert "Ngọc Thụy" not in page.split("Đơn vị của anh/chị")[0]
    viewer = home(client, work["viewer"])
    assert "Lịch họp giao ban tháng 13" in viewer
    assert "Báo cáo thí điểm" not in viewer and "cống thoát nước" not in viewer
