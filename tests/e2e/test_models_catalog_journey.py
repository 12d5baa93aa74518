import pytest
from django.utils import timezone

from danvan.orgs.access import Role
from models_catalog.models import PracticeModel, Status
from tests.e2e.conftest import log_in, screenshot
from tests.models_catalog.factories import PNG, PracticeModelFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ward_model_is_registered_evaluated_recognised_and_counted(
    page, browser, live_server, tree, make_member
):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    make_member(Role.REVIEWER, tree["long_bien"], username="bandanvan.longbien")

    log_in(page, "canbo.ngocthuy")
    page.goto("/dan-van-kheo/")
    page.get_by_role("link", name="Đăng ký mô hình").click()
    page.get_by_label("Tập thể", exact=True).check()
    page.get_by_label("Tên tập thể/cá nhân").fill("Chi hội Phụ nữ tổ dân phố số 18")
    page.get_by_label("Tên mô hình").fill("Đêm văn nghệ tổ dân phố")
    page.get_by_label("Lĩnh vực").select_option(label="Văn hóa – xã hội")
    page.get_by_label("Cấp").select_option(label="Cấp phường, xã")
    page.get_by_label("Minh chứng (ảnh hoặc tài liệu)").set_input_files(
        {"name": "dem-van-nghe.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("heading", name="Đêm văn nghệ tổ dân phố").wait_for()
    assert page.get_by_role("link", name="dem-van-nghe.png").is_visible()
    assert not page.get_by_role("link", name="Công nhận", exact=True).is_visible()
    screenshot(page, "models-catalog-registered")

    reviewer = browser.new_context(base_url=live_server.url, locale="vi-VN")
    review = reviewer.new_page()
    log_in(review, "bandanvan.longbien")
    review.goto(page.url)
    review.get_by_role("link", name="Khảo sát, đánh giá").click()
    review.get_by_label("Ngày khảo sát").fill(timezone.localdate().isoformat())
    review.get_by_label("Kết quả khảo sát").fill("Thu hút đông đảo nhân dân tham gia.")
    review.get_by_label("Có kết quả thiết thực").check()
    review.get_by_label("Được nhân dân đồng tình, ủng hộ").check()
    review.get_by_role("button", name="Khảo sát, đánh giá").click()
    review.get_by_role("link", name="Công nhận", exact=True).click()
    review.get_by_role("button", name="Công nhận", exact=True).click()
    review.get_by_role("link", name="Công nhận tiêu biểu").click()
    review.get_by_role("button", name="Công nhận tiêu biểu").click()
    assert review.get_by_text("số tiêu chí đạt: 2/7").is_visible()
    assert PracticeModel.objects.get().status == Status.TYPICAL

    year = timezone.localdate().year
    review.goto(f"/dan-van-kheo/thong-ke/?unit=ha-noi/long-bien&period={year}")
    table = review.locator("#model-statistics")
    row = table.get_by_role("row").filter(has_text="Phường Ngọc Thụy")
    headers = table.locator("thead th").all_inner_texts()
    cells = row.locator("th, td").all_inner_texts()  # the unit name is the row's header
    by_header = dict(zip(headers, cells, strict=True))
    assert by_header["Mô hình đăng ký"] == "1"
    assert by_header["Tập thể đăng ký"] == "1"
    assert by_header["Mô hình được công nhận"] == "1"
    assert by_header["Mô hình tiêu biểu"] == "1"
    assert by_header["Mô hình lĩnh vực văn hóa – xã hội"] == "1"
    screenshot(review, "models-catalog-statistics")
    reviewer.close()


def test_catalogue_and_sheet_fit_a_phone(phone_page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    model = PracticeModelFactory(unit=tree["ngoc_thuy"], name="Tuyến phố văn minh, sạch đẹp")
    log_in(phone_page, "canbo.ngocthuy")
    for path in ("/dan-van-kheo/", f"/dan-van-kheo/{model.pk}/", f"/dan-van-kheo/{model.pk}/in/"):
        phone_page.goto(path)
        assert phone_page.get_by_text("Tuyến phố văn minh, sạch đẹp").first.is_visible()
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone"
    response = phone_page.goto("/dan-van-kheo/99999/")
    assert response.status == 404
