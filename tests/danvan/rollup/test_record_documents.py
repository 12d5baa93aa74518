"""The conference minutes and the typical-models booklet: documents the apps register in
danvan.documents, requested from their pages and rendered by the same export pipeline."""

from datetime import date

import pytest

from danvan.orgs.access import Role
from danvan.rollup.models import Export
from models_catalog.models import Field, Status
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, written
from tests.models_catalog.factories import PracticeModelFactory


@pytest.fixture(autouse=True)
def embedded_mode():
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


def download(client, response) -> bytes:
    export_id = int(response.url.rstrip("/").rsplit("/", 1)[1])
    export = Export.objects.get(pk=export_id)
    assert export.status == "done", export.error
    return b"".join(client.get(f"/tong-hop/xuat/{export_id}/tai-ve/").streaming_content)


@pytest.fixture
def conference(district):
    conference = ConferenceFactory(
        unit=district["Ngọc Thụy"],
        title="Đối thoại giữa Chủ tịch UBND với nhân dân phường Ngọc Thụy",
        held_on=date(2019, 2, 5),
        notice_on=date(2019, 1, 25),
    )
    OpinionFactory(conference=conference, content="Đề nghị sửa tuyến đường ngõ 12")
    OpinionFactory(conference=conference, content="Phản ánh rác thải ven đê", **written())
    return conference


def test_the_conference_page_offers_the_minutes_pdf(client, conference, login_as, district):
    login_as(Role.REVIEWER, district["long_bien"])
    page = client.get(f"/doi-thoai/{conference.pk}/").content.decode()
    assert 'name="kind" value="minutes_pdf"' in page and "Biên bản (PDF)" in page


def test_minutes_pdf_has_the_conference_its_opinions_and_signatures(
    client, post, conference, login_as, district, tmp_path
):
    login_as(Role.REVIEWER, district["long_bien"])
    response = post("/tong-hop/xuat/", {"kind": "minutes_pdf", "record": conference.pk})
    text = squeeze(pdf_text(download(client, response), tmp_path))
    for shown in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "Ngọc Thụy, ngày 05 tháng 02 năm 2019",
        "BIÊN BẢN",
        "Đối thoại giữa Chủ tịch UBND với nhân dân phường Ngọc Thụy",
        "Đề nghị sửa tuyến đường ngõ 12",
        "Phản ánh rác thải ven đê",
        "Phòng Quản lý đô thị",
        "THƯ KÝ",
        "Lê Thị Thư",
        "Nguyễn Văn Bình",
    ]:
        assert shown in text, shown
    assert Export.objects.get().filename == f"bien-ban-doi-thoai-{conference.pk}.pdf"


def test_unchanged_minutes_are_reused_and_a_new_opinion_renders_again(
    client, post, conference, login_as, district
):
    login_as(Role.REVIEWER, district["long_bien"])
    data = {"kind": "minutes_pdf", "record": conference.pk}
    post("/tong-hop/xuat/", data)
    post("/tong-hop/xuat/", data)
    assert Export.objects.count() == 1
    OpinionFactory(conference=conference, content="Ý kiến mới")
    post("/tong-hop/xuat/", data)
    assert Export.objects.filter(status="done").count() == 2


def test_minutes_of_a_conference_outside_the_scope_are_not_found(
    client, post, conference, login_as, district
):
    login_as(Role.REVIEWER, district["dong_da"])
    response = post("/tong-hop/xuat/", {"kind": "minutes_pdf", "record": conference.pk})
    assert response.status_code == 404 and not Export.objects.exists()


def test_booklet_pdf_lists_the_typical_models_by_field(client, post, login_as, district, tmp_path):
    for name, status, field in [
        ("Tuyến phố văn minh", Status.TYPICAL, Field.CULTURE_SOCIETY),
        ("Hỗ trợ hộ nghèo vay vốn", Status.COMMENDED, Field.ECONOMY),
        ("Mô hình mới đăng ký", Status.REGISTERED, Field.ECONOMY),
    ]:
        PracticeModelFactory(unit=district["Sài Đồng"], name=name, status=status, field=field)
    login_as(Role.REVIEWER, district["long_bien"])
    page = client.get("/dan-van-kheo/").content.decode()
    assert 'name="kind" value="booklet_pdf"' in page
    response = post(
        "/tong-hop/xuat/", {"kind": "booklet_pdf", "unit": "ha-noi/long-bien", "period": "2019"}
    )
    text = squeeze(pdf_text(download(client, response), tmp_path))
    assert "MÔ HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU" in text and "Quận Long Biên – Năm 2019" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BAN DÂN VẬN" in text
    assert text.index("Hỗ trợ hộ nghèo vay vốn") < text.index("Tuyến phố văn minh")  # by field
    assert "Mô hình mới đăng ký" not in text


def test_booklet_of_a_unit_outside_the_scope_is_not_found(client, post, login_as, district):
    login_as(Role.REVIEWER, district["dong_da"])
    response = post(
        "/tong-hop/xuat/", {"kind": "booklet_pdf", "unit": "ha-noi/long-bien", "period": "2019"}
    )
    assert response.status_code == 404
