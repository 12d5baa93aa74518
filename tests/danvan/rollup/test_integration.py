"""The roll-up on the demo data (manage.py seed_demo) with the four apps' real metrics: the
dashboard and the PDF show the same numbers, read back from the HTML and from pdftotext."""

import html
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering
from danvan.rollup.models import Export
from tests.conftest import wait_until
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.dialogues.factories import ensure_fields

TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def demo(db):
    ensure_fields()  # a transactional test before may have flushed the seeded opinion fields
    call_command("seed_demo", stdout=StringIO())


def text_of(fragment: str) -> str:
    return squeeze(html.unescape(TAG.sub(" ", fragment)))


def dashboard_numbers(page: str) -> dict[str, list[str]]:
    """What the reviewer reads: the tiles' figures, the tables' total rows, the sentences."""
    tiles = [
        text_of(body)
        for body in re.findall(
            r'rollup-tile"><div class="card-body p-2">(.*?)</div></div>', page, re.S
        )
    ]
    totals = [text_of(row) for row in re.findall(r'<tr class="total[^"]*">(.*?)</tr>', page, re.S)]
    sentences = [
        text_of(p) for p in re.findall(r"<section class=\"mb-4\">.*?</section>", page, re.S)
    ]
    return {"tiles": tiles, "totals": totals, "sections": sentences}


def total_cells(row: str) -> list[str]:
    """'Tổng cộng 15 11/15 (73,33%) 5' -> ['15', '11/15 (73,33%)', '5']."""
    return re.findall(r"\d[\d.]*/\d[\d.]*(?: \([\d,]+%\)| \(–\))?|\d[\d.,]*", row)


def dashboard_and_pdf(client, tmp_path, reviewer, path, code):
    client.force_login(get_user_model().objects.get(username=reviewer))
    response = client.get("/tong-hop/", {"unit": path, "period": code})
    assert response.status_code == 200
    page = response.content.decode()
    pdf = rendering.rollup_pdf(Unit.objects.get(path=path), Period.parse(code))
    return page, squeeze(pdf_text(pdf, tmp_path))


def tile_figures(tile: str) -> list[str]:
    """'Báo cáo đã nộp 73,3% 11/15 báo cáo' -> ['11/15']; a sum tile -> its amount."""
    ratio = re.search(r"(\d[\d.]*)/(\d[\d.]*)", tile)
    if ratio:
        return [ratio.group(0)]
    return re.findall(r"\b\d[\d.]*(?:,\d+)?\b", tile)[:1]


@pytest.mark.parametrize(
    ("reviewer", "path", "code", "period_label", "expected"),
    [
        (
            "bandanvan.longbien",
            "ha-noi/long-bien",
            "2019Q1",
            "Kết quả công tác dân vận quý I năm 2019",
            [
                "Hiến máu nhân đạo: 327/225 đơn vị máu, đạt 145,33%",
                "Phường Ngọc Thụy",
                "Phường Sài Đồng",
                "Phường Giang Biên",
            ],
        ),
        (
            "bandanvan.dongda",
            "ha-noi/dong-da",
            "2019",
            "Kết quả công tác dân vận năm 2019",
            [
                "UBND quận tiếp nhận 1.081 đơn/510 vụ việc, đã giải quyết 462/510 vụ, đạt 90,59%",
                "Quận ủy tiếp nhận 189 đơn thư, đã giải quyết 127 đơn",
                "103 tập thể và 115 cá nhân đăng ký 230 mô hình “Dân vận khéo”",
                "Phường Văn Miếu",
            ],
        ),
    ],
)
def test_dashboard_and_pdf_of_the_demo_show_the_same_numbers(
    demo, client, tmp_path, reviewer, path, code, period_label, expected
):
    page, pdf = dashboard_and_pdf(client, tmp_path, reviewer, path, code)
    unit = Unit.objects.get(path=path)
    for line in ["ĐẢNG CỘNG SẢN VIỆT NAM", "BAN DÂN VẬN", "BÁO CÁO", "Số ……-BC/", period_label]:
        assert line in pdf, line
    assert unit.parent.name.upper() in pdf or unit.name.upper() in pdf  # "QUẬN ỦY LONG BIÊN"
    assert Period.parse(code).label in text_of(page)
    for phrase in expected:
        assert phrase in text_of(page) and phrase in pdf, phrase
    found = dashboard_numbers(page)
    assert len(found["tiles"]) >= 8 and found["totals"]
    for tile in found["tiles"]:
        for number in tile_figures(tile):
            if number not in {"0", "0/0"}:  # nothing to say: the report leaves it out
                assert number in pdf, (tile, number)
    for total in found["totals"]:  # "Tổng cộng 15 11/15 (73,33%) 9/15 (60%) 5"
        for cell in total_cells(total):  # the appendix cuts the columns differently
            assert cell in pdf, (total, cell)


@pytest.mark.celery_worker
def test_a_real_worker_renders_the_demo_district_pdf_through_redis(
    demo, celery_worker, client, tmp_path
):
    client.force_login(get_user_model().objects.get(username="bandanvan.longbien"))
    query = {"unit": "ha-noi/long-bien", "period": "2019Q1"}
    page = client.get("/tong-hop/", query).content.decode()
    response = client.post("/tong-hop/xuat/", query)
    export_id = int(response.url.rstrip("/").rsplit("/", 1)[1])

    def finished():
        export = Export.objects.get(pk=export_id)
        return export if export.status in {"done", "failed"} else None

    export = wait_until(finished, timeout=90)
    assert export.status == "done", export.error
    content = b"".join(client.get(f"/tong-hop/xuat/{export_id}/tai-ve/").streaming_content)
    pdf = squeeze(pdf_text(content, tmp_path))
    assert "QUẬN ỦY LONG BIÊN" in pdf and "Kết quả công tác dân vận quý I năm 2019" in pdf
    for total in dashboard_numbers(page)["totals"]:
        for cell in total_cells(total):
            assert cell in pdf, (total, cell)
