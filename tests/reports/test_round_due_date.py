"""A round's due date is changed in the portal with a reason, and the change stays in the
round's history (who, when, old → new, why), shown on the round's page."""

from datetime import date

import pytest
from django.urls import reverse

from danvan import freshness
from danvan.orgs.access import Role
from danvan.periods import Period
from reports.models import Report, ReportQuerySet
from tests.factories import UnitFactory
from tests.reports.factories import open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def me_linh(tree, blood):
    """A district the demo does not have, with two communes in a Q2 2024 round due 25/06."""
    district = UnitFactory(name="Mê Linh Mới", kind="rural_district", parent=tree["ha_noi"])
    communes = [
        UnitFactory(name=name, kind="commune", parent=district) for name in ("Tráng Việt", "Tự Lập")
    ]
    round_ = open_round(
        district, communes, period="2024Q2", indicators=[blood], due=date(2024, 6, 25)
    )
    return {"district": district, "communes": communes, "round": round_}


def url(round_):
    return reverse("reports:round", args=[round_.pk])


def test_a_reviewer_moves_the_due_date_with_a_reason_kept_in_the_history(client, me_linh, login_as):
    round_ = me_linh["round"]
    reviewer = login_as(Role.REVIEWER, me_linh["district"], first_name="Hằng", last_name="Đào Thu")
    counted = freshness.version(me_linh["district"], Period.parse("2024Q2"))
    july = date(2024, 7, 1)
    assert Report.objects.filter(ReportQuerySet.late_q(july), round=round_).count() == 2

    response = client.post(
        url(round_), {"due_date": "05/07/2024", "reason": "Lùi hạn do mưa lũ sau bão số 2"}
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.due_date == date(2024, 7, 5)
    event = round_.events.get()
    assert (event.actor, event.old_date, event.new_date, event.reason) == (
        reviewer,
        date(2024, 6, 25),
        date(2024, 7, 5),
        "Lùi hạn do mưa lũ sau bão số 2",
    )
    # Lateness follows the new date, and the figures are counted again.
    assert Report.objects.filter(ReportQuerySet.late_q(july), round=round_).count() == 0
    assert freshness.version(me_linh["district"], Period.parse("2024Q2")) != counted

    page = client.get(url(round_)).content.decode()
    for shown in ["05/07/2024", "25/06/2024 → 05/07/2024", "Lùi hạn do mưa lũ", "Đào Thu Hằng"]:
        assert shown in page, shown


def test_without_a_reason_nothing_changes_and_the_typed_date_stays(client, me_linh, login_as):
    round_ = me_linh["round"]
    login_as(Role.REVIEWER, me_linh["district"])
    response = client.post(url(round_), {"due_date": "10/07/2024", "reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200 and "Trường này là bắt buộc" in page
    assert 'value="10/07/2024"' in page
    response = client.post(url(round_), {"due_date": "25/06/2024", "reason": "Nhầm"})
    assert "Đây đã là hạn nộp của đợt" in response.content.decode()
    round_.refresh_from_db()
    assert round_.due_date == date(2024, 6, 25) and not round_.events.exists()


def test_only_the_rounds_reviewers_change_its_due_date(client, me_linh, tree, make_member):
    round_ = me_linh["round"]
    data = {"due_date": "01/08/2024", "reason": "Thử"}
    viewer = make_member(Role.VIEWER, me_linh["district"])
    client.force_login(viewer)
    page = client.get(url(round_)).content.decode()
    assert "25/06/2024" in page and "Đổi hạn nộp" not in page
    assert client.post(url(round_), data).status_code == 403
    client.force_login(make_member(Role.EDITOR, me_linh["communes"][0]))
    assert client.post(url(round_), data).status_code == 404  # the district's round: not theirs
    client.force_login(make_member(Role.REVIEWER, tree["long_bien"]))
    assert client.get(url(round_)).status_code == 404  # a sibling district
    round_.refresh_from_db()
    assert round_.due_date == date(2024, 6, 25) and not round_.events.exists()


def test_the_django_admin_shows_the_due_date_and_its_history_read_only(client, me_linh):
    from django.contrib.auth import get_user_model

    from reports import services

    round_ = me_linh["round"]
    root = get_user_model().objects.create_superuser("goc", password="Goc-Sieu-Cap-1")
    services.round_reschedule(
        actor=root, round_=round_, due_date=date(2024, 7, 2), reason="Trùng lịch tiếp dân"
    )
    client.force_login(root)
    page = client.get(f"/quan-tri/reports/reportinground/{round_.pk}/change/").content.decode()
    assert "Trùng lịch tiếp dân" in page and 'name="due_date"' not in page
