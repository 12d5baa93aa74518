"""A test-only import wired to the core flow: a fake resource and a fake service (they write
auth groups, a table every test can count), mounted beside the portal's own URLs."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import path, reverse

from danvan import imports
from danvan.excel import Column, RowError
from danvan.urls import urlpatterns as portal

HEADER = ["Tên nhóm", "Số người"]
FORBIDDEN = "Nhóm cấm"
REFUSED_BY_SERVICE = 999  # a row count the fake service refuses after writing earlier rows
REFUSED_ROW_BY_ROW = 998


def check(sheet):
    for row in sheet.rows:
        if row.get("name") == FORBIDDEN:
            sheet.errors.append(RowError(row["_row"], "Tên nhóm", "tên này bị cấm"))


def resource() -> imports.Resource:
    return imports.Resource(
        title="Nhập nhóm thử",
        columns=[Column("name", "Tên nhóm"), Column("size", "Số người", kind="int")],
        check=check,
        upload_url=reverse("test_import"),
        confirm_url=reverse("test_import_confirm"),
        done_url="/xong/",
        back_url="/quay-lai/",
        template_name="mau-nhom.xlsx",
        sheet_title="Nhóm",
        template_rows=(["Nhóm mẫu", 3],),
    )


def write_groups(*, actor, rows, prefix):
    """Writes row by row, then refuses a row: only the flow's transaction can undo the rest."""
    made = []
    for row in rows:
        made.append(Group.objects.create(name=f"{prefix}{row['name']}"))
        if row["size"] == REFUSED_BY_SERVICE:
            raise ValidationError(f"dòng {row['_row']}: quá đông")
        if row["size"] == REFUSED_ROW_BY_ROW:
            raise imports.RowsRefused([(row["_row"], ValidationError("nhóm quá đông"))])
    return made


def upload_view(request):
    return imports.upload(request, resource())


def confirm_view(request):
    return imports.confirm(request, resource(), write_groups, prefix="thử: ")


def template_view(request):
    return imports.template_download(resource())


urlpatterns = [
    path("nhap-thu/", upload_view, name="test_import"),
    path("nhap-thu/xac-nhan/", confirm_view, name="test_import_confirm"),
    path("nhap-thu/mau/", template_view, name="test_import_template"),
    *portal,
]
