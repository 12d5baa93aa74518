"""The export pipeline with a real Celery worker on Redis, and with the broker unreachable."""

import pytest

from danvan.orgs.access import Role
from danvan.rollup.models import Export
from tests.conftest import wait_until
from tests.danvan.rollup.helpers import pdf_text, squeeze

pytestmark = pytest.mark.celery_worker


def finished(export_id):
    export = Export.objects.get(pk=export_id)
    return export if export.status in {"done", "failed"} else None


def test_a_real_worker_renders_the_district_pdf_with_the_dashboards_figures(
    celery_worker, client, source_figures, login_as, tmp_path
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    dashboard = client.get("/tong-hop/", {"unit": "ha-noi/long-bien", "period": "2019Q1"})
    response = client.post("/tong-hop/xuat/", {"unit": "ha-noi/long-bien", "period": "2019Q1"})
    export_id = int(response.url.rstrip("/").rsplit("/", 1)[1])
    export = wait_until(lambda: finished(export_id), timeout=60)
    assert export.status == "done", export.error
    content = b"".join(client.get(f"/tong-hop/xuat/{export_id}/tai-ve/").streaming_content)
    text = squeeze(pdf_text(content, tmp_path))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "QUẬN ỦY LONG BIÊN" in text
    assert "Kết quả công tác dân vận quý I năm 2019" in text
    page = dashboard.content.decode()
    for shown in [
        "Phường Ngọc Thụy",
        "Phường Sài Đồng",
        "Phường Bồ Đề",
        "1.081",
        "462/510 (90,59%)",
    ]:
        assert shown in page and shown in text, shown


def test_a_failing_task_on_the_worker_ends_failed_with_a_retry(
    celery_worker, client, source_figures, login_as, broken_layout
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = client.post("/tong-hop/xuat/", {"unit": "ha-noi/long-bien", "period": "2019Q1"})
    export_id = int(response.url.rstrip("/").rsplit("/", 1)[1])
    export = wait_until(lambda: finished(export_id), timeout=60)
    assert export.status == "failed" and "division by zero" in export.error
    assert "Thử lại" in client.get(response.url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_export_stays_queued_and_the_user_is_told(
    broker_down, client, source_figures, login_as
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = client.post(
        "/tong-hop/xuat/", {"unit": "ha-noi/long-bien", "period": "2019Q1"}, follow=True
    )
    export = Export.objects.get()
    assert export.status == "queued" and export.send_error
    page = response.content.decode()
    assert "Dịch vụ xuất báo cáo đang tạm ngừng" in page
    assert 'hx-trigger="every 1s"' in page
