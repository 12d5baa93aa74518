"""The year's swapped and compensatory days from one Excel sheet in the Django admin: a
preview that saves nothing, all rows or none, each through `workdays.calendar_day_set`."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan import workdays
from danvan.excel import write_workbook
from danvan.models import CalendarDay

pytestmark = pytest.mark.django_db

URL = "/quan-tri/danvan/calendarday/nhap-excel/"
HEADERS = ["Ngày", "Tên", "Ngày làm việc", "Nguồn"]


@pytest.fixture
def root(client):
    user = get_user_model().objects.create_superuser("goc", password="Goc-Sieu-Cap-1")
    client.force_login(user)
    return user


def upload(client, *rows):
    content = write_workbook("Lịch", HEADERS, rows)
    return client.post(URL, {"file": SimpleUploadedFile("lich.xlsx", content)})


def test_a_swap_is_previewed_then_saved_and_the_deadlines_follow(client, root):
    saturday, monday = date(2031, 1, 4), date(2031, 1, 6)
    assert workdays.calendar_for([monday]).is_working_day(monday)
    preview = upload(
        client,
        ["06/01/2031", "Nghỉ hoán đổi (thử)", "Không", "Thông báo số 99/TB-BNV"],
        ["04/01/2031", "Làm bù (thử)", "Có", "Thông báo số 99/TB-BNV"],
    )
    page = preview.content.decode()
    assert preview.status_code == 200 and "2 dòng sẵn sàng để nhập" in page
    assert not CalendarDay.objects.filter(day=monday).exists()

    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert client.post(URL, {"token": token}).status_code == 302
    calendar = workdays.calendar_for([monday])
    assert not calendar.is_working_day(monday) and calendar.is_working_day(saturday)
    assert CalendarDay.objects.get(day=monday).history.get().history_user == root


def test_a_day_twice_or_without_a_name_saves_nothing(client, root):
    before = CalendarDay.objects.count()
    response = upload(
        client,
        ["06/01/2031", "Nghỉ hoán đổi", "Không", ""],
        ["06/01/2031", "Nghỉ hoán đổi", "Không", ""],
        ["07/01/2031", "", "Không", ""],
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "trùng ngày với dòng 2" in page and "Chưa có dữ liệu nào được lưu" in page
    assert CalendarDay.objects.count() == before


def test_only_a_superuser_imports_the_calendar(client):
    staff = get_user_model().objects.create_user(
        "nhanvien", password="Nhan-Vien-2026", is_staff=True
    )
    client.force_login(staff)
    assert client.get(URL).status_code == 403
