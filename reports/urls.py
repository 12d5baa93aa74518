from django.urls import path

from reports.views import board, catalogue, excel, filing, review, rounds

app_name = "reports"
urlpatterns = [
    path("", filing.index, name="index"),
    path("<int:pk>/", review.report_detail, name="detail"),
    path("<int:pk>/nhap/", filing.report_fill, name="fill"),
    path("<int:pk>/luu-nhap/", filing.report_autosave, name="autosave"),
    path("<int:pk>/<slug:action>/", review.report_review, name="review"),
    path("tien-do/", board.completeness_board, name="board"),
    path("dot-bao-cao/mo/", rounds.round_open, name="round_open"),
    path("dot-bao-cao/<int:pk>/", rounds.round_detail, name="round"),
    path("xuat-excel/", excel.values_export, name="export"),
    path("nhap-excel/", excel.values_import, name="import"),
    path("chi-tieu/nhap-excel/", catalogue.catalogue_import, name="catalogue_import"),
    path("chi-tieu/mau-excel/", catalogue.catalogue_template, name="catalogue_template"),
]
