import io

import openpyxl
import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from models_catalog.models import Field, PracticeModel, Registrant, Status
from tests.models_catalog.factories import PracticeModelFactory, RegistrantFactory

pytestmark = pytest.mark.django_db


def detail_url(model, name="detail", **kwargs):
    return reverse(f"models_catalog:{name}", kwargs={"pk": model.pk, **kwargs})


def test_models_of_another_ward_answer_404(client, tree, login_as, ward_model):
    login_as(Role.EDITOR, tree["sai_dong"])
    for url in (
        detail_url(ward_model),
        detail_url(ward_model, "print"),
        detail_url(ward_model, "edit"),
    ):
        assert client.get(url).status_code == 404
    transition = detail_url(ward_model, "transition", action="start")
    assert client.post(transition, {"version": 1}).status_code == 404
    page = client.get(reverse("models_catalog:list"))
    assert ward_model.name not in page.content.decode()


def test_ward_editor_is_refused_recognition_with_403(client, tree, login_as, ward_model):
    PracticeModel.objects.filter(pk=ward_model.pk).update(status=Status.EVALUATED)
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    url = detail_url(ward_model, "transition", action="recognise")
    assert client.post(url, {"version": 1}).status_code == 403
    ward_model.refresh_from_db()
    assert ward_model.status == Status.EVALUATED
    page = client.get(detail_url(ward_model)).content.decode()
    assert "Công nhận" not in page


def test_reviewer_recognises_through_the_page(client, tree, login_as, ward_model):
    PracticeModel.objects.filter(pk=ward_model.pk).update(status=Status.EVALUATED)
    login_as(Role.REVIEWER, tree["long_bien"])
    response = client.post(detail_url(ward_model, "transition", action="recognise"), {"version": 1})
    assert response.status_code == 302
    ward_model.refresh_from_db()
    assert ward_model.status == Status.RECOGNISED
    assert "Công nhận" in client.get(detail_url(ward_model)).content.decode()


def test_step_back_without_reason_keeps_the_page_with_an_error(client, tree, login_as, ward_model):
    PracticeModel.objects.filter(pk=ward_model.pk).update(status=Status.RECOGNISED)
    login_as(Role.REVIEWER, tree["long_bien"])
    response = client.post(detail_url(ward_model, "transition", action="step_back"), {"version": 1})
    assert response.status_code == 200
    assert (
        "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    )
    ward_model.refresh_from_db()
    assert ward_model.status == Status.RECOGNISED


def register_data(**overrides):
    return {
        "unit": "ha-noi/long-bien/ngoc-thuy",
        "registrant_kind": "collective",
        "registrant_name": "Chi hội Cựu chiến binh số 3",
        "name": "Tuyến phố văn minh",
        "field": "culture_society",
        "level": "ward",
        "start_year": "2019",
        "end_year": "",
        **overrides,
    }


def test_failed_registration_keeps_what_was_typed(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    data = register_data(start_year="2019", end_year="2017", content="Nội dung rất dài đã gõ")
    response = client.post(reverse("models_catalog:register"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tuyến phố văn minh" in body and "Nội dung rất dài đã gõ" in body
    assert "Giai đoạn phải kết thúc" in body
    assert not PracticeModel.objects.exists()


def test_registration_creates_the_model_for_the_editors_ward(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.post(reverse("models_catalog:register"), register_data())
    model = PracticeModel.objects.get()
    assert response.url == detail_url(model)
    assert (model.unit, model.registrant.kind, model.end_year) == (
        tree["ngoc_thuy"],
        "collective",
        2019,
    )


def test_registration_for_a_ward_outside_the_scope_is_not_offered(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.post(
        reverse("models_catalog:register"), register_data(unit="ha-noi/long-bien/sai-dong")
    )
    assert response.status_code == 200 and not PracticeModel.objects.exists()


def test_edit_conflict_keeps_input_and_says_what_changed(client, tree, login_as, ward_model):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    PracticeModel.objects.filter(pk=ward_model.pk).update(name="Tên người khác lưu", version=2)
    data = register_data(
        name="Tên tôi đang gõ", version="1", registrant_name=ward_model.registrant.name
    )
    response = client.post(detail_url(ward_model, "edit"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên tôi đang gõ" in body and "Tên mô hình" in body
    assert 'name="version" value="2"' in body
    ward_model.refresh_from_db()
    assert ward_model.name == "Tên người khác lưu"


def test_list_filters_and_searches_without_diacritics(client, tree, login_as):
    PracticeModelFactory(
        unit=tree["ngoc_thuy"], name="Đêm văn nghệ tổ dân phố", field=Field.CULTURE_SOCIETY
    )
    PracticeModelFactory(unit=tree["sai_dong"], name="Tổ hợp tác trồng rau", field=Field.ECONOMY)
    PracticeModelFactory(
        unit=tree["sai_dong"],
        name="Câu lạc bộ cựu chiến binh",
        registrant=RegistrantFactory(
            unit=tree["sai_dong"], kind=Registrant.Kind.INDIVIDUAL, name="Lê An"
        ),
        start_year=2018,
        field=Field.DEFENCE_SECURITY,
    )
    login_as(Role.REVIEWER, tree["long_bien"])
    url = reverse("models_catalog:list")

    def names(**query):
        return [m.name for m in client.get(url, query).context["page"]]

    assert names(q="dem van nghe") == ["Đêm văn nghệ tổ dân phố"]
    assert names(field="economy") == ["Tổ hợp tác trồng rau"]
    assert names(unit="ha-noi/long-bien/sai-dong", sort="name") == [
        "Câu lạc bộ cựu chiến binh",
        "Tổ hợp tác trồng rau",
    ]
    assert names(kind="individual") == ["Câu lạc bộ cựu chiến binh"]
    assert names(year="2018") == ["Câu lạc bộ cựu chiến binh"]


def test_list_of_50000_models_stays_within_a_fixed_query_budget(
    client, tree, login_as, django_assert_max_num_queries
):
    registrant = RegistrantFactory(unit=tree["ngoc_thuy"])
    PracticeModel.objects.bulk_create(
        PracticeModel(
            unit=tree["ngoc_thuy"],
            registrant=registrant,
            name=f"Mô hình {n}",
            field=Field.ECONOMY,
            level="ward",
            start_year=2019,
            end_year=2019,
            search_text=f"mo hinh {n}",
        )
        for n in range(50_000)
    )
    login_as(Role.REVIEWER, tree["long_bien"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("models_catalog:list"), {"page": "3", "q": "mo hinh"})
    assert response.context["page"].paginator.count == 50_000
    assert "50.000" in response.content.decode()


def test_export_is_formula_safe_and_scoped(client, tree, login_as):
    PracticeModelFactory(unit=tree["ngoc_thuy"], name='=HYPERLINK("http://x")')
    PracticeModelFactory(unit=tree["cat_linh"], name="Mô hình Đống Đa")
    login_as(Role.REVIEWER, tree["long_bien"])
    response = client.get(reverse("models_catalog:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == '=HYPERLINK("http://x")', "as typed, no apostrophe"
    assert sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix, "text, quote prefix"


def test_printable_sheet_shows_the_details(client, tree, login_as, ward_model):
    login_as(Role.VIEWER, tree["long_bien"])
    body = client.get(detail_url(ward_model, "print")).content.decode()
    assert ward_model.name in body and "Phường Ngọc Thụy" in body and "catalogue.js" in body
    assert "<script>" not in body


def test_statistics_page_shows_the_district_by_ward(client, tree, login_as):
    PracticeModelFactory.create_batch(2, unit=tree["ngoc_thuy"], status=Status.TYPICAL)
    PracticeModelFactory(unit=tree["sai_dong"])
    login_as(Role.REVIEWER, tree["long_bien"])
    response = client.get(
        reverse("models_catalog:statistics"), {"unit": "ha-noi/long-bien", "period": "2019"}
    )
    table = response.context["table"]
    rows = {unit.name: [v.amount for v in values] for unit, values in table.rows}
    assert rows["Ngọc Thụy"][0] == 2 and rows["Sài Đồng"][0] == 1
    assert [v.amount for v in table.totals][:3] == [3, 3, 0]
    assert "Mô hình tiêu biểu" in response.content.decode()


def test_statistics_cross_table_splits_fields_by_registrant_type(
    client, tree, login_as, django_assert_max_num_queries
):
    person = RegistrantFactory(unit=tree["sai_dong"], kind=Registrant.Kind.INDIVIDUAL)
    PracticeModelFactory.create_batch(2, unit=tree["ngoc_thuy"], field=Field.ECONOMY)
    PracticeModelFactory(unit=tree["sai_dong"], registrant=person, field=Field.ECONOMY)
    PracticeModelFactory(unit=tree["sai_dong"], registrant=person, field=Field.DEFENCE_SECURITY)
    login_as(Role.REVIEWER, tree["long_bien"])
    url = reverse("models_catalog:statistics")
    with django_assert_max_num_queries(30):
        response = client.get(url, {"unit": "ha-noi/long-bien", "period": "2019Q2"})
    cross = {str(label): [v.amount for v in values] for label, values in response.context["cross"]}
    assert cross["Kinh tế"] == [2, 1, 3]
    assert cross["Quốc phòng – an ninh"] == [0, 1, 1]
    assert cross["Tổng cộng"] == [2, 2, 4]


def test_detail_page_query_count_does_not_grow_with_its_history(
    client, tree, login_as, ward_model, django_assert_max_num_queries
):
    from models_catalog.models import PracticeModelEvent

    PracticeModelEvent.objects.bulk_create(
        PracticeModelEvent(practice_model=ward_model, action="update") for _ in range(40)
    )
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    with django_assert_max_num_queries(10):
        response = client.get(detail_url(ward_model))
    assert response.status_code == 200 and len(response.context["history"]) == 40


def test_ward_editor_edits_details_and_a_viewer_may_not(client, tree, login_as, ward_model):
    data = register_data(name="Tên đã sửa", version="1", registrant_name="Tổ dân phố số 5")
    login_as(Role.VIEWER, tree["long_bien"])
    assert client.post(detail_url(ward_model, "edit"), data).status_code == 403
    client.logout()
    editor = login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.post(detail_url(ward_model, "edit"), data)
    assert response.status_code == 302
    ward_model.refresh_from_db()
    assert (ward_model.name, ward_model.registrant.name, ward_model.version) == (
        "Tên đã sửa",
        "Tổ dân phố số 5",
        2,
    )
    assert ward_model.history.first().history_user == editor
