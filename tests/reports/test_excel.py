import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import Report, ReportValue

pytestmark = pytest.mark.django_db
HEADERS = [
    "Mã đơn vị",
    "Đơn vị",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Thực hiện",
    "Chỉ tiêu giao",
    "Trạng thái",
]


def workbook(rows, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content, name="chi-tieu.xlsx"):
    return client.post(
        reverse("reports:import") + "?unit=ha-noi/long-bien&period=2019Q1",
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def reviewer_client(client, people):
    client.force_login(people["reviewer"])
    return client


@pytest.fixture
def district_admin_client(client, tree, make_member):
    from danvan.orgs.access import Role

    client.force_login(make_member(Role.ADMIN, tree["long_bien"]))
    return client


def test_export_is_the_import_template_with_formula_safe_cells(
    reviewer_client, q1, tree, people, households
):
    from tests.reports.conftest import fill

    fill(q1.reports.get(unit=tree["ngoc_thuy"]), people["editor"], {households: (7775, 8233)})
    households.label = '=HYPERLINK("http://x")'
    households.save()
    response = reviewer_client.get(
        reverse("reports:export") + "?unit=ha-noi/long-bien&period=2019Q1"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    ngoc = [r for r in rows if r[0] == "ha-noi/long-bien/ngoc-thuy" and r[2] == "gia-dinh-van-hoa"][
        0
    ]
    assert (ngoc[5], ngoc[6]) == (7775, 8233)
    label = sheet.cell(row=rows.index(tuple(ngoc)) + 1, column=4)
    assert label.value == '=HYPERLINK("http://x")', "as typed, no apostrophe added"
    assert label.data_type == "s" and label.quotePrefix, "text with the quote prefix"
    assert len(rows) == 1 + 2 * 2  # 2 units × 2 indicators


def test_import_previews_then_applies_all_rows(reviewer_client, q1, tree, households, blood):
    content = workbook(
        [
            ["ha-noi/long-bien/ngoc-thuy", "", "gia-dinh-van-hoa", "", "", "7.775", 8233, ""],
            ["ha-noi/long-bien/sai-dong", "", "hien-mau", "", "", 120, 100, ""],
        ]
    )
    preview = upload(reverse_client := reviewer_client, content)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "ha-noi/long-bien/sai-dong" in page, "the preview shows the rows"
    assert ReportValue.objects.count() == 0, "the dry run saves nothing"
    token = preview.context["token"]
    done = reverse_client.post(
        reverse("reports:import") + "?unit=ha-noi/long-bien&period=2019Q1", {"token": token}
    )
    assert done.status_code == 302
    value = ReportValue.objects.get(report__unit=tree["ngoc_thuy"], indicator=households)
    assert (value.actual, value.target) == (7775, 8233)
    assert Report.objects.get(unit=tree["sai_dong"]).status == Report.Status.DRAFT


@pytest.mark.parametrize(
    "content, message",
    [
        (workbook([["x"]], headers=["Cột lạ"]), "Thiếu các cột"),
        (b"", "Tập tin được gửi là rỗng"),
        (b"this is not a workbook", "không phải bảng tính Excel"),
    ],
    ids=["wrong header", "empty file", "not xlsx"],
)
def test_malformed_files_are_refused_with_a_clear_message(reviewer_client, q1, content, message):
    response = upload(reviewer_client, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert ReportValue.objects.count() == 0


def test_text_in_numbers_and_unknown_units_give_row_errors_and_save_nothing(reviewer_client, q1):
    content = workbook(
        [
            ["ha-noi/long-bien/ngoc-thuy", "", "gia-dinh-van-hoa", "", "", "bảy nghìn", 8233, ""],
            ["ha-noi/dong-da/cat-linh", "", "gia-dinh-van-hoa", "", "", 1, 2, ""],
            ["ha-noi/long-bien/sai-dong", "", "khong-co", "", "", 1, 2, ""],
        ]
    )
    response = upload(reviewer_client, content)
    assert response.status_code == 400
    errors = {(e.row, e.message) for e in response.context["sheet"].errors}
    assert (2, "“bảy nghìn” không phải là số. Hãy viết như 1.234.567 hoặc 95,5.") in errors
    assert (3, "đơn vị không có hoặc không phải nộp báo cáo kỳ này") in errors
    assert (4, "không có trong mẫu báo cáo này") in errors
    assert ReportValue.objects.count() == 0


def test_a_20_mb_file_is_refused_before_reading(reviewer_client, q1, settings):
    big = b"PK" + b"\0" * (20 * 1024 * 1024)
    response = upload(reviewer_client, big)
    assert response.status_code == 400
    assert "giới hạn" in response.content.decode()
    assert ReportValue.objects.count() == 0


def test_a_ward_editor_cannot_import(client, q1, people):
    client.force_login(people["editor"])
    assert upload(client, workbook([])).status_code == 403


CATALOGUE = [
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Loại",
    "Có chỉ tiêu giao",
    "Mã đơn vị",
    "Kỳ báo cáo",
    "Chỉ tiêu giao",
]


def upload_catalogue(client, content):
    url = reverse("reports:catalogue_import") + "?unit=ha-noi/long-bien"
    return client.post(url, {"file": SimpleUploadedFile("danh-muc.xlsx", content)})


def test_catalogue_import_creates_indicators_and_the_districts_targets(district_admin_client, tree):
    from reports.models import Indicator, Target

    content = workbook(
        [
            [
                "hien-mau",
                "Hiến máu nhân đạo",
                "đơn vị máu",
                "Số lượng",
                "Có",
                "ha-noi/long-bien/ngoc-thuy",
                "2018",
                300,
            ],
            [
                "gia-dinh-van-hoa",
                "Hộ gia đình văn hóa",
                "hộ",
                "Tỷ lệ thực hiện/chỉ tiêu",
                "Có",
                "ha-noi/long-bien/ngoc-thuy",
                "2018",
                "8.233",
            ],
        ],
        headers=CATALOGUE,
    )
    preview = upload_catalogue(district_admin_client, content)
    assert preview.status_code == 200 and Indicator.objects.count() == 0
    done = district_admin_client.post(
        reverse("reports:catalogue_import") + "?unit=ha-noi/long-bien",
        {"token": preview.context["token"]},
    )
    assert done.status_code == 302
    assert Indicator.objects.get(code="gia-dinh-van-hoa").kind == Indicator.Kind.RATIO
    assert Target.objects.get(indicator__code="gia-dinh-van-hoa", period="2018").value == 8233


def test_catalogue_rows_with_a_foreign_unit_or_bad_period_save_nothing(district_admin_client, tree):
    from reports.models import Indicator

    content = workbook(
        [
            [
                "hien-mau",
                "Hiến máu",
                "đơn vị máu",
                "Số lượng",
                "Có",
                "ha-noi/dong-da/cat-linh",
                "2018",
                300,
            ],
            ["quy", "Quỹ", "đồng", "Số tiền", "Có", "ha-noi/long-bien/sai-dong", "2018X", 5],
            ["Mã Sai", "Quỹ", "đồng", "Số tiền", "", "", "", None],
            ["hop-le", "Hợp lệ", "lượt", "Số lượng", "", "", "", None],
        ],
        headers=CATALOGUE,
    )
    response = upload_catalogue(district_admin_client, content)
    assert response.status_code == 400
    rows = {e.row for e in response.context["sheet"].errors}
    assert rows == {2, 3, 4}
    assert Indicator.objects.count() == 0


CITY_ROW = ["hien-mau", "Hiến máu nhân đạo", "đơn vị máu", "Số lượng", "Có"]


def test_a_district_reviewer_cannot_rename_a_city_wide_indicator_but_sets_its_targets(
    reviewer_client, tree
):
    from reports.models import Indicator, Target
    from reports.resources import SAMPLE_CODE
    from tests.reports.factories import IndicatorFactory

    IndicatorFactory(
        code="hien-mau",
        label="Hiến máu nhân đạo",
        measure="đơn vị máu",
        has_target=True,
        owner=tree["ha_noi"],
    )
    renamed = workbook(
        [["hien-mau", "Hiến máu của quận", "đơn vị máu", "Số lượng", "Có", "", "", None]],
        headers=CATALOGUE,
    )
    response = upload_catalogue(reviewer_client, renamed)
    assert response.status_code == 400
    assert [e.row for e in response.context["sheet"].errors] == [2]
    assert Indicator.objects.get(code="hien-mau").label == "Hiến máu nhân đạo"

    targets = workbook([[*CITY_ROW, "ha-noi/long-bien/ngoc-thuy", "2019", 320]], headers=CATALOGUE)
    preview = upload_catalogue(reviewer_client, targets)
    assert preview.status_code == 200
    done = reviewer_client.post(
        reverse("reports:catalogue_import") + "?unit=ha-noi/long-bien",
        {"token": preview.context["token"]},
    )
    assert done.status_code == 302
    assert Target.objects.get(indicator__code="hien-mau", period="2019").value == 320
    assert Indicator.objects.get(code="hien-mau").label == "Hiến máu nhân đạo"

    # The downloadable template's sample row names no real indicator and is refused as it is.
    template = reviewer_client.get(reverse("reports:catalogue_template") + "?unit=ha-noi/long-bien")
    sample = list(
        openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True)
    )[1]
    assert sample[0] == SAMPLE_CODE and not Indicator.objects.filter(code=SAMPLE_CODE).exists()
    response = upload_catalogue(reviewer_client, workbook([list(sample)], headers=CATALOGUE))
    assert response.status_code == 400 and not Indicator.objects.filter(code=SAMPLE_CODE).exists()


def test_a_district_administrator_adds_its_own_indicator_but_not_a_city_wide_change(
    district_admin_client, tree
):
    from reports.models import Indicator
    from tests.reports.factories import IndicatorFactory

    IndicatorFactory(
        code="hien-mau",
        label="Hiến máu nhân đạo",
        measure="đơn vị máu",
        has_target=True,
        owner=tree["ha_noi"],
    )
    content = workbook(
        [
            ["cho-que-long-bien", "Chợ quê Long Biên", "phiên", "Số lượng", "", "", "", None],
            ["hien-mau", "Hiến máu Long Biên", "đơn vị máu", "Số lượng", "Có", "", "", None],
        ],
        headers=CATALOGUE,
    )
    response = upload_catalogue(district_admin_client, content)
    assert [e.row for e in response.context["sheet"].errors] == [3]
    content = workbook(
        [["cho-que-long-bien", "Chợ quê Long Biên", "phiên", "Số lượng", "", "", "", None]],
        headers=CATALOGUE,
    )
    preview = upload_catalogue(district_admin_client, content)
    district_admin_client.post(
        reverse("reports:catalogue_import") + "?unit=ha-noi/long-bien",
        {"token": preview.context["token"]},
    )
    assert Indicator.objects.get(code="cho-que-long-bien").owner == tree["long_bien"]


def test_catalogue_preview_shows_the_kind_label_and_co_khong(district_admin_client, tree):
    row = ["ve-sinh-ngo-xom", "Ngõ xóm sạch đẹp", "ngõ", "ratio", "không", "", "", None]
    preview = upload_catalogue(district_admin_client, workbook([row], headers=CATALOGUE))
    assert preview.status_code == 200
    (_, values), *_ = preview.context["preview_rows"]
    assert values[3] == "Tỷ lệ thực hiện/chỉ tiêu" and values[4] == "Không", values
    page = preview.content.decode()
    assert "<td>Tỷ lệ thực hiện/chỉ tiêu</td>" in page and "<td>ratio</td>" not in page
    assert "<td>False</td>" not in page
