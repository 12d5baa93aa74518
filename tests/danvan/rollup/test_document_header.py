"""A printed report takes the issuing body valid on its date, and a unit without one is told
what is missing instead of getting a PDF with an empty header ("*", "Số ……-BC/")."""

from datetime import date

import pytest

from danvan.orgs import services as org_services
from danvan.orgs.access import Role
from danvan.periods import Period
from danvan.rollup import documents, rendering
from danvan.rollup.models import Export
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.factories import UnitFactory

Q2 = Period.parse("2025Q2")


@pytest.fixture(autouse=True)
def embedded_mode():
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def hoa_lac(district):
    """A district the demo does not have, whose body changed name on 1 July 2025."""
    unit = UnitFactory(name="Hòa Lạc Mới", kind="rural_district", parent=district["ha_noi"])
    before = org_services.issuing_body_save(
        actor=None,
        unit=unit,
        name="BAN DÂN VẬN",
        superior_name="HUYỆN ỦY HÒA LẠC MỚI",
        symbol="BDVHU",
        place_name="Hòa Lạc",
        signer_title="TRƯỞNG BAN",
        signer_name="Đinh Công Tráng",
        recipients="- Ban Dân vận Thành ủy,\n- Lưu VP.",
        valid_to=date(2025, 6, 30),
    )
    after = org_services.issuing_body_save(
        actor=None,
        unit=unit,
        name="BAN XÂY DỰNG ĐẢNG",
        superior_name="ĐẢNG ỦY XÃ HÒA LẠC MỚI",
        symbol="BXDĐ",
        place_name="Hòa Lạc",
        signer_title="TRƯỞNG BAN",
        signer_name="Mùa A Páo",
        recipients="- Ban Tuyên giáo và Dân vận Thành ủy,\n- Lưu VP.",
        valid_from=date(2025, 7, 1),
    )
    return {"unit": unit, "before": before, "after": after}


def test_the_header_is_the_body_valid_on_the_documents_date(hoa_lac):
    unit = hoa_lac["unit"]
    assert (
        documents.document_context(unit, issued_on=date(2025, 6, 30))["body"] == hoa_lac["before"]
    )
    on_july = documents.document_context(unit, issued_on=date(2025, 7, 1), number=12)
    assert on_july["body"] == hoa_lac["after"]
    assert on_july["number_line"] == "Số 12-BC/BXDĐ"
    assert on_july["recipients"] == ["- Ban Tuyên giáo và Dân vận Thành ủy,", "- Lưu VP."]
    # Two dates with two bodies are two documents: the file of one is never reused for the other.
    june = rendering.fingerprint("rollup_pdf", unit, Q2, {"issued_on": "2025-06-30"})
    july = rendering.fingerprint("rollup_pdf", unit, Q2, {"issued_on": "2025-07-01"})
    assert june != july


def test_the_printed_pdf_carries_the_body_of_its_date(hoa_lac, tmp_path):
    unit = hoa_lac["unit"]
    pdf = rendering.rollup_pdf(unit, Q2, {"issued_on": "2025-06-30", "number": "7"})
    text = squeeze(pdf_text(pdf, tmp_path))
    for shown in ["HUYỆN ỦY HÒA LẠC MỚI", "BAN DÂN VẬN", "Số 7-BC/BDVHU", "Đinh Công Tráng"]:
        assert shown in text, shown
    assert "Hòa Lạc, ngày 30 tháng 6 năm 2025" in text
    assert "Mùa A Páo" not in text and "BXDĐ" not in text


def test_a_unit_without_an_issuing_body_is_told_what_is_missing(
    client, district, login_as, django_capture_on_commit_callbacks
):
    bare = UnitFactory(name="Thạch Thất Mới", kind="rural_district", parent=district["ha_noi"])
    login_as(Role.ADMIN, bare)
    page = client.get("/tong-hop/", {"unit": bare.path, "period": "2025Q2"}).content.decode()
    assert "Báo cáo in ra sẽ thiếu:" in page and "cơ quan ban hành" in page
    assert f"/quan-ly/don-vi/{bare.pk}/" in page  # its administrator is sent where to add it

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tong-hop/xuat/", {"unit": bare.path, "period": "2025Q2"}, follow=True
        )
    assert not Export.objects.exists()  # no PDF with an empty header
    shown = response.content.decode()
    assert "Thạch Thất Mới chưa thể in báo cáo" in shown and "cơ quan ban hành" in shown


def test_a_reviewer_sees_the_missing_signer_and_where_to_ask(client, district, login_as):
    unit = UnitFactory(name="Ba Vì Mới", kind="rural_district", parent=district["ha_noi"])
    org_services.issuing_body_save(
        actor=None,
        unit=unit,
        name="BAN DÂN VẬN",
        symbol="BDVHU",
        superior_name="HUYỆN ỦY BA VÌ",
        place_name="Ba Vì",
        signer_title="TRƯỞNG BAN",
    )
    login_as(Role.REVIEWER, unit)
    page = client.get("/tong-hop/", {"unit": unit.path, "period": "2025Q2"}).content.decode()
    assert "họ tên người ký" in page and "Nơi nhận" in page
    assert "Hãy đề nghị quản trị đơn vị bổ sung." in page
    assert "/quan-ly/" not in page.split('id="print-lacks"')[1].split("</div>")[0]


def test_a_ready_district_prints_without_a_warning(client, district, login_as):
    login_as(Role.REVIEWER, district["long_bien"])
    page = client.get("/tong-hop/", {"unit": "ha-noi/long-bien", "period": "2019Q1"}).content
    assert b'id="print-lacks"' not in page
