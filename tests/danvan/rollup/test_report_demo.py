"""The roll-up report of the demo as a Ban writes it (issue 16): body before the appendix at
most 5 pages, no placeholder, the sentences as the sources write them, the appendix headed
"(Kèm theo Báo cáo số …)", and Vietnamese order of the ward names on the dashboard, in Excel
and in the PDF. Read back with pdftotext, page by page."""

import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering
from tests.conftest import require
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.danvan.rollup.test_integration import demo  # noqa: F401  (the seeded demo)

PLACEHOLDERS = ["chưa viết", "Không có số liệu", "0/0 (–)"]
DONG_DA_NEIGHBOURS = ("Ngã Tư Sở", "Ô Chợ Dừa", "Phương Liên")


def pages_of(pdf: bytes, tmp_path) -> list[str]:
    require(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    source = tmp_path / "pages.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [squeeze(pdf_text(pdf, tmp_path, n)) for n in range(1, count + 1)]


def render(path: str, code: str, **parameters) -> bytes:
    return rendering.rollup_pdf(Unit.objects.get(path=path), Period.parse(code), parameters)


def body_and_appendix(pages: list[str]) -> tuple[str, str, int]:
    """(body text, appendix text, body pages): the appendix starts on the page "PHỤ LỤC"."""
    start = next(i for i, page in enumerate(pages) if page.split(" ", 2)[1:2] == ["PHỤ"])
    return " ".join(pages[:start]), " ".join(pages[start:]), start


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        (
            "ha-noi/long-bien",
            "2018",
            [
                "Tổ chức 14 hội nghị cấp phường với 594 ý kiến (174 trực tiếp, 420 bằng văn "
                "bản), giải quyết tại hội nghị 491, trả lời bằng văn bản 103",
                "Cấp quận đã tổ chức 01 hội nghị đối thoại với 23 ý kiến",
                "Hộ gia đình đăng ký xây dựng gia đình văn hóa: 7.775/8.233 hộ, đạt 94,44%",
                # The ward's own text stands in while the district's report is missing.
                "II. HẠN CHẾ, NGUYÊN NHÂN Việc đăng ký mô hình “Dân vận khéo”",
                "III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI Bám sát sự chỉ đạo của Quận ủy",
            ],
        ),
        (
            "ha-noi/dong-da",
            "2019",
            [
                "Quận ủy tiếp nhận 189 đơn thư, đã giải quyết 127 đơn.",
                "UBND quận tiếp nhận 1.081 đơn/510 vụ việc, đã giải quyết 462/510 vụ",
            ],
        ),
        (
            "nghe-an/hoang-mai",
            "2018",
            ["Tiếp 46 lượt công dân (29 vụ việc), so với cùng kỳ giảm 20 lượt (15 vụ việc)"],
        ),
    ],
)
def test_the_demo_report_body_reads_as_the_sources_write_it(demo, tmp_path, path, code, expected):  # noqa: F811
    pdf = render(path, code, number="481", issued_on="2019-01-05")
    pages = pages_of(pdf, tmp_path)
    body, appendix, body_pages = body_and_appendix(pages)
    assert body_pages <= 5, body_pages
    for phrase in expected:
        assert phrase in body, phrase
    for placeholder in PLACEHOLDERS:
        assert placeholder not in body + appendix, placeholder
    # Section I reports results, not the portal's filing status; nothing is summed across
    # the Party committee and the People's Committee.
    assert "đã nộp báo cáo" not in body and "Tiếp nhận 1.270" not in body
    heading = re.search(
        r"PHỤ LỤC (\(Kèm theo Báo cáo số 481-BC/\w+ ngày 05/01/2019 của .+?\))", appendix
    )
    assert heading, appendix[:300]
    if path == "ha-noi/long-bien":
        assert heading.group(1) == (
            "(Kèm theo Báo cáo số 481-BC/BDVQU ngày 05/01/2019 của Ban Dân vận Quận ủy Long Biên)"
        )
    assert "Nơi nhận:" in body and "TRƯỞNG BAN" in body


def test_sections_nobody_wrote_are_left_out(demo, tmp_path):  # noqa: F811
    body, _appendix, _n = body_and_appendix(pages_of(render("ha-noi/dong-da", "2019"), tmp_path))
    assert "I. KẾT QUẢ" in body and "HẠN CHẾ" not in body and "PHƯƠNG HƯỚNG" not in body
    assert "Số ……-BC/BDVQU" in body and "ngày …… tháng" in body


def _in_order(text: str) -> bool:
    """In the first listing of the wards: Ngã Tư Sở, then Ô Chợ Dừa, then Phương Liên, and
    Ô Chợ Dừa not after Văn Miếu (where a byte order puts it)."""
    where = [text.index(f"Phường {name}") for name in (*DONG_DA_NEIGHBOURS, "Văn Miếu")]
    return where == sorted(where)


def test_the_21_wards_of_dong_da_are_in_vietnamese_order_everywhere(demo, client, tmp_path):  # noqa: F811
    assert Unit.objects.filter(parent__path="ha-noi/dong-da").count() == 21
    query = {"unit": "ha-noi/dong-da", "period": "2019"}
    client.force_login(get_user_model().objects.get(username="bandanvan.dongda"))
    page = client.get("/tong-hop/", query).content.decode()
    assert _in_order(squeeze(re.sub(r"<[^>]+>", " ", page)))
    # Excel: a table downloaded from the dashboard, its first column.
    key = re.search(r"/tong-hop/excel/([\w-]+)/", page).group(1)
    content = client.get(f"/tong-hop/excel/{key}/", query).content
    column = [
        row[0].value for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()
    ]
    assert _in_order(" ".join(str(name) for name in column)), column
    _body, appendix, _n = body_and_appendix(pages_of(render("ha-noi/dong-da", "2019"), tmp_path))
    assert _in_order(appendix)


def test_the_export_page_links_to_consolidating_the_missing_district_report(demo, client):  # noqa: F811
    from django.urls import reverse

    from tests.danvan.rollup.factories import ExportFactory

    client.force_login(get_user_model().objects.get(username="bandanvan.longbien"))
    unit = Unit.objects.get(path="ha-noi/long-bien")
    export = ExportFactory(unit=unit, period="2018", status="done")
    page = client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    assert "Báo cáo của chính Quận Long Biên cho năm 2018 chưa được tổng hợp" in page
    assert "báo cáo đã duyệt của 1 đơn vị cấp dưới" in page  # Ngọc Thụy's
    assert f'href="{reverse("reports:round_open")}"' in page
