"""Issuing the roll-up report: the register of outgoing documents, frozen files, corrections."""

import threading
import time
from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from docx import Document

from danvan.metrics import Value
from danvan.orgs.access import Role
from danvan.periods import Period
from danvan.rollup import rendering, services
from danvan.rollup.models import DocumentRegister, Issue
from tests.conftest import require, uses_postgresql
from tests.danvan.rollup.conftest import register_fixed
from tests.danvan.rollup.helpers import pdf_text

Q1 = Period.parse("2019Q1")
ISSUE = "/tong-hop/ban-hanh/"


@pytest.fixture(autouse=True)
def embedded_mode():
    """Tasks inline, as with no broker configured, even when the suite runs with Redis."""
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return send


def issue_q1(post, **data):
    return post(ISSUE, {"unit": "ha-noi/long-bien", "period": "2019Q1", **data})


def downloaded(client, issue) -> bytes:
    response = client.get(f"/tong-hop/xuat/{issue.export_id}/tai-ve/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_reviewer_issues_the_report_with_the_next_number_date_and_signer(
    client, post, source_figures, login_as, tmp_path
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = issue_q1(post, issued_on="2019-04-05")
    issue = Issue.objects.get()
    assert response.url == f"/tong-hop/xuat/{issue.export_id}/"
    assert (issue.number, issue.number_text) == (1, "1-BC/BDVQU")
    assert (issue.issued_on, issue.signer_name) == (date(2019, 4, 5), "Nguyễn Văn Bình")
    assert issue.export.status == "done"
    text = pdf_text(downloaded(client, issue), tmp_path, 1)
    assert "Số 1-BC/BDVQU" in text and "Số ……" not in text
    assert "Long Biên, ngày 05 tháng 4 năm 2019" in text
    page = client.get(response.url).content.decode()
    assert "Số 1-BC/BDVQU" in page and "giữ nguyên như khi ban hành" in page
    # The Word file of the same issue, rendered beside it and kept as issued too.
    assert (issue.word.status, issue.word.file_format) == ("done", "docx")
    word = client.get(f"/tong-hop/xuat/{issue.word_id}/tai-ve/")
    header = Document(BytesIO(b"".join(word.streaming_content))).tables[0].rows[0].cells
    assert "Số 1-BC/BDVQU" in header[0].text and "ngày 05 tháng 4 năm 2019" in header[1].text
    assert "Số 1-BC/BDVQU" in client.get(f"/tong-hop/xuat/{issue.word_id}/").content.decode()


def test_numbers_follow_each_other_in_the_body_register_and_restart_each_year(
    source_figures, make_member, django_capture_on_commit_callbacks
):
    reviewer = make_member(Role.REVIEWER, source_figures["long_bien"])
    numbers = []
    for code, day in [("2019Q1", "2019-04-05"), ("2019Q2", "2019-07-05"), ("2019", "2020-01-06")]:
        with django_capture_on_commit_callbacks(execute=True):
            issue = services.report_issue(
                actor=reviewer,
                unit=source_figures["long_bien"],
                period=Period.parse(code),
                issued_on=date.fromisoformat(day),
            )
        numbers.append((issue.register.year, issue.number_text))
    assert numbers == [(2019, "1-BC/BDVQU"), (2019, "2-BC/BDVQU"), (2020, "1-BC/BDVQU")]


def test_the_issued_file_and_figures_stay_as_issued_when_the_figures_change(
    client, post, source_figures, login_as, tmp_path
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    issue_q1(post, issued_on="2019-04-05")
    issue = Issue.objects.get()
    before = downloaded(client, issue)
    assert "1.081 đơn" in pdf_text(before, tmp_path)
    register_fixed(  # a late correction of a ward's letters after the issue
        "test.letters",
        "Đơn tiếp nhận",
        "đơn",
        {"2019Q1": {"ha-noi/long-bien/ngoc-thuy": Value(amount=9000)}},
        order=3,
    )
    assert downloaded(client, issue) == before
    # Rendered again (a retry after a failed run would do this), it shows what was issued.
    again = rendering.rollup_pdf(source_figures["long_bien"], Q1, issue.export.parameters)
    assert "1.081 đơn" in pdf_text(again, tmp_path) and "9.000" not in pdf_text(again, tmp_path)
    assert "9.000" in pdf_text(rendering.rollup_pdf(source_figures["long_bien"], Q1), tmp_path)


def test_a_correction_is_a_new_issue_with_its_own_number_and_history_shows_both(
    client, post, source_figures, login_as, tmp_path
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    issue_q1(post, issued_on="2019-04-05")
    first = Issue.objects.get()
    response = issue_q1(post, issued_on="2019-04-06")  # a second plain issue: refused
    assert Issue.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "đã được ban hành với số 1-BC/BDVQU" in page
    response = issue_q1(post, corrects=first.pk, reason="")  # a correction says what it changes
    assert "Nêu rõ nội dung đính chính" in client.get(response.url).content.decode()
    issue_q1(post, issued_on="2019-04-08", corrects=first.pk, reason="Sửa số đơn của Bồ Đề")
    second = Issue.objects.latest("id")
    assert (second.number_text, second.corrects, second.reason) == (
        "2-BC/BDVQU",
        first,
        "Sửa số đơn của Bồ Đề",
    )
    assert "Số 2-BC/BDVQU" in pdf_text(downloaded(client, second), tmp_path, 1)
    assert "Số 1-BC/BDVQU" in pdf_text(downloaded(client, first), tmp_path, 1)
    issue_q1(post, corrects=first.pk, reason="again")  # the old one: correct the latest
    assert Issue.objects.count() == 2
    dashboard = client.get("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1").content.decode()
    assert "Số 1-BC/BDVQU" in dashboard and "Số 2-BC/BDVQU" in dashboard
    assert "đính chính 1-BC/BDVQU" in dashboard
    register = client.get("/tong-hop/so-van-ban-di/?year=2019").content.decode()
    assert register.index("1-BC/BDVQU") < register.index("2-BC/BDVQU")
    assert "Sửa số đơn của Bồ Đề" in register


def test_a_bad_date_is_told_in_vietnamese_and_takes_no_number(
    client, post, source_figures, login_as
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = issue_q1(post, issued_on="31/02/2019")
    assert "Nhập ngày ban hành theo dạng" in client.get(response.url).content.decode()
    assert not Issue.objects.exists() and not DocumentRegister.objects.exists()


def test_only_a_reviewer_of_the_unit_issues(client, post, source_figures, login_as):
    login_as(Role.VIEWER, source_figures["long_bien"])
    dashboard = client.get("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1").content.decode()
    assert "Ban hành báo cáo" not in dashboard  # the viewer is not offered the form
    assert issue_q1(post).status_code == 403
    login_as(Role.EDITOR, source_figures["long_bien"])
    assert issue_q1(post).status_code == 403
    login_as(Role.REVIEWER, source_figures["dong_da"])
    assert issue_q1(post).status_code == 404  # another district: not found
    assert not Issue.objects.exists() and not DocumentRegister.objects.exists()


def test_a_viewer_sees_the_history_and_downloads_the_file_as_issued(
    client, post, source_figures, login_as, make_member
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    issue_q1(post, issued_on="2019-04-05")
    issue = Issue.objects.get()
    login_as(Role.VIEWER, source_figures["long_bien"])
    dashboard = client.get("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1").content.decode()
    assert "Số 1-BC/BDVQU" in dashboard
    assert downloaded(client, issue).startswith(b"%PDF")
    login_as(Role.REVIEWER, source_figures["dong_da"])
    register = client.get("/tong-hop/so-van-ban-di/?year=2019").content.decode()
    assert "1-BC/BDVQU" not in register
    assert client.get(f"/tong-hop/xuat/{issue.export_id}/tai-ve/").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("year_started", [False, True], ids=["first-of-the-year", "later"])
def test_two_reports_issued_at_once_get_consecutive_numbers(
    source_figures, make_member, monkeypatch, year_started
):
    """Two threads, two connections on PostgreSQL: the second waits for the first's lock on
    the register row (or, for the year's first number, on the row's unique key)."""
    require(uses_postgresql(), "needs PostgreSQL (DATABASE_URL=postgres://...)")
    reviewer = make_member(Role.REVIEWER, source_figures["long_bien"])
    if year_started:
        body = source_figures["long_bien"].issuing_bodies.get()
        DocumentRegister.objects.create(issuing_body=body, year=2019, last_number=11)
    start = 11 if year_started else 0
    monkeypatch.setattr(services, "_send", lambda export_id: None)  # numbering, not rendering
    holding = threading.Event()
    check = services._check_issuable

    def slow_check(*args):  # the first one keeps its number's lock a while
        if not holding.is_set():
            holding.set()
            time.sleep(0.5)
        check(*args)

    monkeypatch.setattr(services, "_check_issuable", slow_check)
    results, errors = {}, []

    def issue(code):
        try:
            results[code] = services.report_issue(
                actor=reviewer,
                unit=source_figures["long_bien"],
                period=Period.parse(code),
                issued_on=date(2019, 7, 10),
            ).number
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=issue, args=("2019Q1",))
    second = threading.Thread(target=issue, args=("2019Q2",))
    first.start()
    assert holding.wait(10)
    second.start()
    first.join(20)
    second.join(20)
    assert errors == []
    assert results == {"2019Q1": start + 1, "2019Q2": start + 2}
    assert DocumentRegister.objects.get().last_number == start + 2
