from django.urls import path

from models_catalog.views import catalogue, detail, edit, excel, files, statistics, workflow

app_name = "models_catalog"
urlpatterns = [
    path("", catalogue.model_list, name="list"),
    path("xuat-excel/", catalogue.model_export, name="export"),
    path("dang-ky/", edit.model_register, name="register"),
    path("thong-ke/", statistics.statistics, name="statistics"),
    path("nhap-excel/", excel.import_upload, name="import"),
    path("nhap-excel/xac-nhan/", excel.import_confirm, name="import_confirm"),
    path("nhap-excel/mau/", excel.import_template, name="import_template"),
    path("<int:pk>/", detail.model_detail, name="detail"),
    path("<int:pk>/in/", detail.model_print, name="print"),
    path("<int:pk>/sua/", edit.model_edit, name="edit"),
    path("<int:pk>/tep/", files.attachment_upload, name="attachment_upload"),
    path("<int:pk>/<slug:action>/", workflow.model_transition, name="transition"),
    path("tep/<int:pk>/", files.attachment_download, name="attachment"),
]
