from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from danvan import metrics
from danvan.models import Notification
from danvan.orgs.access import Role
from danvan.periods import Period
from reports.reminders import send_round_reminders
from tests.reports.conftest import fill
from tests.reports.factories import open_round

pytestmark = pytest.mark.django_db
TODAY = date(2019, 3, 22)


def test_editors_and_leaders_are_reminded_3_days_before_once(tree, make_member, people):
    leader = make_member(Role.LEADER, tree["ngoc_thuy"])
    open_round(tree["long_bien"], [tree["ngoc_thuy"]], due=TODAY + timedelta(days=3))
    assert send_round_reminders(TODAY) == 2
    assert send_round_reminders(TODAY) == 0, "a second run sends nothing twice"
    titles = set(
        Notification.objects.filter(user__in=[people["editor"], leader]).values_list(
            "title", flat=True
        )
    )
    assert titles == {"Báo cáo 2019Q1: Phường Ngọc Thụy phải nộp trong 3 ngày tới"}
    assert not Notification.objects.filter(user=people["reviewer"]).exists()


def test_a_missed_due_date_is_reminded_the_day_after_unless_filed(tree, people, households):
    round_ = open_round(
        tree["long_bien"],
        [tree["ngoc_thuy"], tree["sai_dong"]],
        due=TODAY - timedelta(days=1),
        indicators=[households],
    )
    report = round_.reports.get(unit=tree["sai_dong"])
    from reports import services

    report = fill(report, people["other_editor"], {households: (1, 2)})
    services.report_submit(actor=people["other_editor"], report=report)
    assert send_round_reminders(TODAY) == 1
    assert Notification.objects.get().title.endswith("đã quá hạn")
    assert Notification.objects.get().user == people["editor"]


def test_the_command_runs_the_same_code_and_the_beat_entry_exists(tree, people, capsys):
    assert (
        settings.CELERY_BEAT_SCHEDULE["reports-round-reminders"]["task"]
        == "reports.tasks.send_round_reminders"
    )
    open_round(tree["long_bien"], [tree["ngoc_thuy"]], due=date.today() + timedelta(days=3))
    call_command("send_round_reminders")
    assert "1 reminder(s) created." in capsys.readouterr().out


def test_the_task_runs_on_a_real_worker(celery_worker, tree, people):
    from reports.tasks import send_round_reminders as task
    from tests.conftest import wait_until

    open_round(tree["long_bien"], [tree["ngoc_thuy"]], due=date.today() + timedelta(days=3))
    task.delay()
    wait_until(lambda: Notification.objects.filter(user=people["editor"]).exists())


def test_the_missed_due_date_reminder_goes_to_the_reports_the_late_figure_counts(make_member):
    """One definition of a late report (ReportQuerySet.late_q): a report filed on time and
    returned for correction is not late, so it gets no "overdue" reminder; one filed after the
    due date and returned is late, and so is one never filed."""
    from reports import services
    from tests import factories
    from tests.reports.factories import IndicatorFactory

    due, day_after = date(2023, 10, 10), date(2023, 10, 11)
    province = factories.UnitFactory(name="Tỉnh Thử Báo Cáo", kind="province")
    district = factories.UnitFactory(name="Huyện Nộp Muộn", kind="rural_district", parent=province)
    communes = {
        name: factories.UnitFactory(name=name, kind="commune", parent=district)
        for name in ("Xã Chưa Nộp", "Xã Nộp Đúng Hạn", "Xã Nộp Quá Hạn")
    }
    editors = {name: make_member(Role.EDITOR, unit) for name, unit in communes.items()}
    reviewer = make_member(Role.REVIEWER, district)
    indicator = IndicatorFactory(label="Số hộ được thăm hỏi")
    with time_machine.travel(date(2023, 10, 2), tick=False):
        round_ = open_round(
            district, list(communes.values()), period="2023Q3", due=due, indicators=[indicator]
        )
    for name, filed_on in (("Xã Nộp Đúng Hạn", due), ("Xã Nộp Quá Hạn", day_after)):
        with time_machine.travel(datetime.combine(filed_on, time(9)), tick=False):
            report = round_.reports.get(unit=communes[name])
            report = fill(report, editors[name], {indicator: (12, None)})
            report = services.report_submit(actor=editors[name], report=report)
            services.report_return(actor=reviewer, report=report, reason="Thiếu số liệu")

    with time_machine.travel(datetime.combine(day_after, time(18)), tick=False):
        late = metrics.evaluate("reports.late", district, Period.parse("2023Q3")).total.amount
        assert send_round_reminders(day_after) == 2
    assert late == 2
    reminded = {
        name
        for name, editor in editors.items()
        if Notification.objects.filter(user=editor, title__endswith="đã quá hạn").exists()
    }
    assert reminded == {"Xã Chưa Nộp", "Xã Nộp Quá Hạn"}
