import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.excel import write_workbook
from danvan.orgs.access import Role
from dialogues.models import Opinion
from dialogues.resources import opinion_columns
from tests.dialogues.factories import OpinionFactory, field

pytestmark = pytest.mark.django_db


def upload(rows, headers=None):
    headers = headers or [column.header for column in opinion_columns()]
    content = write_workbook("Ý kiến", headers, rows)
    return SimpleUploadedFile("y-kien.xlsx", content)


def row(
    content,
    *,
    channel="Trực tiếp tại hội nghị",
    field_label="Đất đai, giải phóng mặt bằng",
    outcome="Giải quyết tại hội nghị",
    assignee="",
    deadline="",
):
    return [
        "Ông Tư",
        channel,
        field_label,
        content,
        outcome,
        "Chủ tịch UBND",
        "Đã giải trình",
        assignee,
        deadline,
        "",
        "",
    ]


def test_export_is_formula_safe_and_reads_back_as_an_import(client, conference, tree, login_as):
    OpinionFactory(conference=conference, content='=HYPERLINK("http://x")', field=field("land"))
    login_as(Role.VIEWER, tree["ngoc_thuy"])
    response = client.get(reverse("dialogues:opinions_export", args=[conference.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Người nêu", "Hình thức nêu", "Lĩnh vực", "Nội dung"]
    assert sheet["D2"].value == '=HYPERLINK("http://x")', "as typed, no apostrophe"
    assert sheet["D2"].data_type == "s" and sheet["D2"].quotePrefix, "text, quote prefix"


def test_import_previews_then_saves_every_row_on_confirm(client, conference, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    url = reverse("dialogues:opinions_import", args=[conference.pk])
    response = client.post(url, {"file": upload([row("Ngõ 5 ngập"), row("Chợ tạm lấn đường")])})
    assert response.status_code == 200 and "Ngõ 5 ngập" in response.content.decode()
    assert not Opinion.objects.exists()  # the dry run saves nothing
    token = response.context["token"]
    confirm = reverse("dialogues:opinions_import_confirm", args=[conference.pk])
    response = client.post(confirm, {"token": token})
    assert response.status_code == 302
    assert list(Opinion.objects.values_list("number", "content", "field__code")) == [
        (1, "Ngõ 5 ngập", "land"),
        (2, "Chợ tạm lấn đường", "land"),
    ]


def test_a_file_with_a_bad_row_shows_row_errors_and_saves_nothing(
    client, conference, tree, login_as
):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    url = reverse("dialogues:opinions_import", args=[conference.pk])
    rows = [row("Ngõ 5 ngập"), row("Sai lĩnh vực", field_label="Thể thao")]
    response = client.post(url, {"file": upload(rows)})
    errors = response.context["sheet"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "Lĩnh vực")]
    assert "token" not in response.context
    assert not Opinion.objects.exists()


def test_rows_the_model_refuses_roll_back_the_whole_import(client, conference, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    url = reverse("dialogues:opinions_import", args=[conference.pk])
    rows = [row("Ngõ 5 ngập"), row("Thiếu hạn", outcome="Tiếp thu, trả lời bằng văn bản")]
    token = client.post(url, {"file": upload(rows)}).context["token"]
    confirm = reverse("dialogues:opinions_import_confirm", args=[conference.pk])
    response = client.post(confirm, {"token": token})
    assert [e.row for e in response.context["sheet"].errors] == [3]
    assert not Opinion.objects.exists()
