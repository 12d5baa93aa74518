"""The export pipeline in embedded mode (tasks inline), as `make run` uses it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.metrics import Value
from danvan.orgs import services as org_services
from danvan.orgs.access import Role
from danvan.periods import Period
from danvan.rollup import services
from danvan.rollup.models import Export
from danvan.rollup.tasks import render_export
from tests.danvan.rollup.conftest import register_fixed
from tests.danvan.rollup.factories import ExportFactory

Q1 = Period.parse("2019Q1")


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
    """POST and run what the view sent after commit (tests run inside a transaction)."""

    def send(url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return send


def request_export(post):
    return post("/tong-hop/xuat/", {"unit": "ha-noi/long-bien", "period": "2019Q1"})


def test_export_runs_inline_and_the_pdf_downloads(client, post, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = request_export(post)
    export = Export.objects.get()
    assert response.url == f"/tong-hop/xuat/{export.pk}/"
    assert (export.status, export.progress, export.attempts) == ("done", 100, 1)
    page = client.get(response.url).content.decode()
    assert "Tải tệp PDF" in page and "hx-trigger" not in page
    download = client.get(f"/tong-hop/xuat/{export.pk}/tai-ve/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "bao-cao-long-bien-2019Q1.pdf" in download["Content-Disposition"]
    assert [e.action for e in export.events.all()] == ["requested", "started", "finished"]


def test_unchanged_request_reuses_the_stored_file(client, post, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    request_export(post)
    request_export(post)
    assert Export.objects.count() == 1
    assert Export.objects.get().events.filter(action="reused").count() == 1


def test_changed_figures_render_a_new_file(client, post, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    request_export(post)
    register_fixed(
        "test.visits", "Lượt tiếp", "lượt", {"2019Q1": {"ha-noi/long-bien": Value(amount=3)}}
    )
    request_export(post)
    assert Export.objects.filter(status="done").count() == 2


def test_a_failing_render_ends_failed_with_its_reason_and_a_retry(
    client, post, source_figures, login_as, broken_layout
):
    user = login_as(Role.REVIEWER, source_figures["long_bien"])
    response = request_export(post)
    export = Export.objects.get()
    assert export.status == "failed"
    assert "ZeroDivisionError: division by zero in the layout" in export.error
    page = client.get(response.url).content.decode()
    assert "Xuất báo cáo không thành công." in page and "Thử lại" in page
    assert "hx-trigger" not in page  # a failed export is not polled forever

    broken_layout.undo()  # the cause is fixed
    post(f"/tong-hop/xuat/{export.pk}/thu-lai/")
    export.refresh_from_db()
    assert (export.status, export.error) == ("done", "")
    assert export.events.filter(action="retried", actor=user).exists()


def test_only_a_failed_export_can_be_retried(client, post, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    request_export(post)
    export = Export.objects.get()
    response = client.post(f"/tong-hop/xuat/{export.pk}/thu-lai/", follow=True)
    assert "Chỉ chạy lại được lần xuất báo cáo bị lỗi." in response.content.decode()


def test_a_running_export_shows_a_polling_progress_bar(client, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    export = ExportFactory(
        unit=source_figures["long_bien"], status="running", progress=40, step="Đang dàn trang PDF"
    )
    page = client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="40"' in page
    assert "Đang dàn trang PDF" in page


def test_an_export_the_broker_never_got_is_sent_again_by_the_sweep(source_figures):
    unsent = ExportFactory(unit=source_figures["long_bien"], send_error="Connection refused")
    Export.objects.filter(pk=unsent.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    assert services.exports_recover() == {"failed": 0, "resent": 1}
    unsent.refresh_from_db()
    assert (unsent.status, unsent.send_error) == ("done", "")


def test_a_stale_running_export_is_failed_by_the_sweep(source_figures):
    long_ago = timezone.now() - services.STALE_AFTER - timedelta(seconds=1)
    stale = ExportFactory(unit=source_figures["long_bien"], status="running", started_at=long_ago)
    fresh = ExportFactory(
        unit=source_figures["long_bien"], status="running", started_at=timezone.now()
    )
    assert services.exports_recover() == {"failed": 1, "resent": 0}
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == "failed" and "đã dừng khi đang xử lý" in stale.error
    assert fresh.status == "running"


def test_a_redelivered_running_export_restarts_cleanly(source_figures):
    export = ExportFactory(
        unit=source_figures["long_bien"], status="running", progress=60, attempts=1
    )
    render_export.delay(export.pk)
    export.refresh_from_db()
    assert (export.status, export.attempts) == ("done", 2)
    assert export.events.get(action="started").reason == "chạy lại sau một lần bị gián đoạn"


def test_an_export_killed_too_often_ends_failed_not_running(source_figures):
    export = ExportFactory(
        unit=source_figures["long_bien"], status="running", attempts=services.MAX_ATTEMPTS
    )
    render_export.delay(export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "bị dừng 5 lần" in export.error


def test_a_done_export_is_not_rendered_again(source_figures):
    export = ExportFactory(unit=source_figures["long_bien"], status="done", attempts=1)
    render_export.delay(export.pk)
    export.refresh_from_db()
    assert (export.status, export.attempts) == ("done", 1)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_exports_of_another_unit_are_not_found(client, source_figures, login_as, role):
    export = ExportFactory(unit=source_figures["long_bien"], status="done")
    login_as(role, source_figures["dong_da"])
    for url in [f"/tong-hop/xuat/{export.pk}/", f"/tong-hop/xuat/{export.pk}/tai-ve/"]:
        assert client.get(url).status_code == 404
    assert client.post(f"/tong-hop/xuat/{export.pk}/thu-lai/").status_code == 404


def test_a_viewer_may_not_retry_someone_elses_export(client, source_figures, login_as):
    export = ExportFactory(unit=source_figures["long_bien"], status="failed", error="Hỏng")
    login_as(Role.VIEWER, source_figures["long_bien"])
    page = client.get(f"/tong-hop/xuat/{export.pk}/")
    assert page.status_code == 200 and "Hỏng" in page.content.decode()
    assert "Thử lại" not in page.content.decode()
    assert client.post(f"/tong-hop/xuat/{export.pk}/thu-lai/").status_code == 403


def test_a_reviewer_sees_the_retry_button_of_a_failed_export(client, source_figures, login_as):
    export = ExportFactory(unit=source_figures["long_bien"], status="failed")
    login_as(Role.REVIEWER, source_figures["long_bien"])
    assert "Thử lại" in client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()


def test_an_undated_document_is_reused_on_another_day(
    client, post, source_figures, login_as, time_machine
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    time_machine.move_to("2019-04-05 09:00 +07:00")
    request_export(post)
    time_machine.move_to("2019-04-08 09:00 +07:00")
    request_export(post)
    assert Export.objects.count() == 1
    assert Export.objects.get().events.filter(action="reused").count() == 1


def test_export_list_sorts_periods_by_date_not_by_code(client, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    for code in ["2019Q2", "2019M03", "2018", "2019Q1"]:
        ExportFactory(unit=source_figures["long_bien"], period=code)
    rows = table_of(client.get("/tong-hop/da-xuat/", {"sort": "period"}))
    # Code text would put "2019M03" before "2019Q1"; by date Q1 (from January) comes first.
    order = [rows.index(label) for label in ["Năm 2018", "Quý I năm 2019", "Tháng 03", "Quý II"]]
    assert order == sorted(order)


def test_export_of_a_unit_outside_the_scope_is_refused(client, post, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["dong_da"])
    assert request_export(post).status_code == 404
    assert not Export.objects.exists()


def table_of(response) -> str:
    page = response.content.decode()
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_export_list_searches_without_diacritics_filters_and_stays_in_scope(
    client, post, source_figures, login_as
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    request_export(post)
    org_services.issuing_body_save(  # a ward prints under its own header
        actor=None,
        unit=source_figures["Ngọc Thụy"],
        name="KHỐI DÂN VẬN",
        superior_name="ĐẢNG ỦY PHƯỜNG NGỌC THỤY",
        symbol="DV",
        place_name="Ngọc Thụy",
        signer_title="TRƯỞNG KHỐI",
    )
    post("/tong-hop/xuat/", {"unit": "ha-noi/long-bien/ngoc-thuy", "period": "2019Q1"})
    ExportFactory(unit=source_figures["dong_da"], status="done", search_text="quan dong da")
    rows = table_of(client.get("/tong-hop/da-xuat/", {"q": "ngoc thuy"}))
    assert "Phường Ngọc Thụy" in rows and "Quận Long Biên" not in rows
    rows = table_of(client.get("/tong-hop/da-xuat/", {"status": "done", "sort": "unit"}))
    assert rows.index("Quận Long Biên") < rows.index("Phường Ngọc Thụy")
    assert "Đống Đa" not in rows
    assert (
        "Không có lần xuất nào phù hợp."
        in client.get("/tong-hop/da-xuat/", {"status": "failed"}).content.decode()
    )


def test_export_list_paginates(client, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    for _n in range(30):
        ExportFactory(unit=source_figures["long_bien"])
    first = client.get("/tong-hop/da-xuat/").content.decode()
    assert "1/2" in first and first.count("/tong-hop/xuat/") == 25
    assert (
        client.get("/tong-hop/da-xuat/", {"page": 2}).content.decode().count("/tong-hop/xuat/") == 5
    )
