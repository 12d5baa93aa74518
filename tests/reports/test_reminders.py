from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command

from danvan.models import Notification
from danvan.orgs.access import Role
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
