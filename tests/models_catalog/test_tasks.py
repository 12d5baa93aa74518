import pytest

from danvan.models import Notification
from danvan.orgs.access import Role
from models_catalog import services
from models_catalog.models import PracticeModelEvent, Status
from models_catalog.tasks import notify_unit_of_decision
from tests.conftest import wait_until
from tests.models_catalog.factories import PracticeModelFactory


def recognise(reviewer, model):
    return services.practice_model_transition(
        actor=reviewer, practice_model=model, action="recognise", version=model.version
    )


@pytest.mark.django_db
def test_the_ward_hears_of_a_decision_once(tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    outsider = make_member(Role.EDITOR, tree["sai_dong"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = PracticeModelFactory(unit=tree["ngoc_thuy"], status=Status.EVALUATED, name="Vườn hoa")
    recognise(reviewer, model)
    event = PracticeModelEvent.objects.get(action="recognise")
    assert notify_unit_of_decision(event.pk) in (0, 1)  # may already have run inline
    assert notify_unit_of_decision(event.pk) == 0  # idempotent
    notification = Notification.objects.get(user=editor)
    assert notification.title == "“Vườn hoa”: Công nhận (Được công nhận)"
    assert notification.url == f"/dan-van-kheo/{model.pk}/"
    assert not Notification.objects.filter(user__in=[outsider, reviewer]).exists()


@pytest.mark.celery_worker
def test_a_real_worker_delivers_the_notification_after_commit(celery_worker, tree, make_member):
    editor = make_member(Role.EDITOR, tree["ngoc_thuy"])
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    model = PracticeModelFactory(unit=tree["ngoc_thuy"], status=Status.EVALUATED)
    recognise(reviewer, model)
    wait_until(lambda: Notification.objects.filter(user=editor).exists())
