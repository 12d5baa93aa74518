from datetime import date

import pytest
import time_machine
from django.conf import settings

from danvan.models import Notification
from petitions import tasks
from tests.conftest import wait_until
from tests.petitions.factories import LetterFactory


def test_the_daily_reminder_job_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["petitions-deadline-reminders"]
    assert entry["task"] == "petitions.tasks.send_deadline_reminders"
    assert entry["schedule"] == 24 * 3600


@pytest.mark.django_db
def test_reminders_before_and_after_the_deadline_are_sent_once(tree, editor):
    with time_machine.travel(date(2019, 5, 1), tick=False):
        case = LetterFactory(unit=tree["ngoc_thuy"], actor=editor).case  # received 4/3
    with time_machine.travel(date(2019, 3, 11), tick=False):  # acceptance due 14/3, 3 days
        assert tasks.send_deadline_reminders() == 1
        assert tasks.send_deadline_reminders() == 0  # idempotent
    with time_machine.travel(date(2019, 3, 20), tick=False):
        assert tasks.send_deadline_reminders() == 1
    titles = list(Notification.objects.filter(user=editor).values_list("title", flat=True))
    assert sorted(titles) == [
        f"Vụ việc #{case.pk} đã quá hạn (hạn 14/03/2019)",
        f"Vụ việc #{case.pk} đến hạn ngày 14/03/2019",
    ]


@pytest.mark.django_db
def test_no_reminder_far_from_the_deadline_or_for_closed_cases(tree, editor):
    LetterFactory(unit=tree["ngoc_thuy"], actor=editor)
    with time_machine.travel(date(2019, 3, 5), tick=False):
        assert tasks.send_deadline_reminders() == 0


def test_a_real_worker_runs_the_reminder_job(celery_worker, tree, editor):
    LetterFactory(unit=tree["ngoc_thuy"], actor=editor, received_on=date(2019, 3, 4))
    tasks.send_deadline_reminders.delay()
    wait_until(lambda: Notification.objects.filter(user=editor).exists())
