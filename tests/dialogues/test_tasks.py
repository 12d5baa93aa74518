from datetime import date

import pytest

from danvan.models import Notification
from danvan.orgs.access import Role
from dialogues import services
from dialogues.tasks import remind_overdue_answers
from tests.conftest import wait_until
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields, written


@pytest.mark.django_db
def test_editors_of_the_unit_hear_once_a_day_about_overdue_answers(conference, tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 1)))
    OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 1)))
    OpinionFactory(
        conference=conference,
        **written(deadline=date(2018, 10, 1), answered_on=date(2018, 9, 30)),
    )
    assert services.overdue_reminders_send(today=date(2018, 10, 2)) == 1
    assert services.overdue_reminders_send(today=date(2018, 10, 2)) == 0
    notification = Notification.objects.get()
    assert notification.user == editor and notification.title.startswith("2 ý kiến")
    assert not Notification.objects.filter(user=reviewer).exists()
    assert services.overdue_reminders_send(today=date(2018, 10, 1)) == 0  # not due yet


@pytest.mark.celery_worker
def test_a_real_worker_sends_the_reminders(celery_worker, tree, make_member):
    ensure_fields()
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    conference = ConferenceFactory(unit=tree["ngoc_thuy"])
    OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 1)))
    remind_overdue_answers.delay()
    wait_until(lambda: Notification.objects.filter(user=editor).exists())
