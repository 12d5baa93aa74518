from django.urls import path

from petitions.views import cases, excel, letters, reception, stats

app_name = "petitions"
urlpatterns = [
    path("", letters.letter_list, name="letter_list"),
    path("them/", letters.letter_register, name="letter_register"),
    path("goi-y/", letters.letter_matches, name="letter_matches"),
    path("<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("<int:pk>/danh-tinh/", letters.identity_reveal, name="identity_reveal"),
    path("xuat/", excel.letter_export, name="letter_export"),
    path("nhap/", excel.letter_import, name="letter_import"),
    path("nhap/xac-nhan/", excel.letter_import_confirm, name="letter_import_confirm"),
    path("nhap/mau/", excel.import_template, name="import_template"),
    path("vu-viec/", cases.case_list, name="case_list"),
    path("vu-viec/trao-doi/", excel.case_exchange, name="case_exchange"),
    path("vu-viec/qua-han/", cases.overdue_list, name="overdue_list"),
    path("vu-viec/<int:pk>/", cases.case_detail, name="case_detail"),
    path("vu-viec/<int:pk>/chuyen/", cases.case_transition, name="case_transition"),
    path("vu-viec/<int:pk>/sua/", cases.case_edit, name="case_edit"),
    path("vu-viec/<int:pk>/pdf/", cases.case_pdf, name="case_pdf"),
    path("tiep-dan/", reception.session_list, name="session_list"),
    path("tiep-dan/<int:pk>/", reception.session_detail, name="session_detail"),
    path("thong-ke/", stats.stats, name="stats"),
]
