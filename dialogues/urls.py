from django.urls import path

from dialogues.views import awaiting, conferences, excel, opinions, statistics

app_name = "dialogues"
urlpatterns = [
    path("", conferences.conference_list, name="conference_list"),
    path("moi/", conferences.conference_create, name="conference_create"),
    path("thong-ke/", statistics.statistics, name="statistics"),
    path("cho-tra-loi/", awaiting.awaiting_answers, name="awaiting_answers"),
    path("<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("<int:pk>/sua/", conferences.conference_edit, name="conference_edit"),
    path("<int:pk>/da-to-chuc/", conferences.conference_mark_held, name="conference_mark_held"),
    path("<int:pk>/cong-bo/", conferences.conference_publish, name="conference_publish"),
    path("<int:pk>/bien-ban/", conferences.conference_minutes, name="conference_minutes"),
    path("<int:pk>/y-kien/", opinions.opinion_row_create, name="opinion_row_create"),
    path(
        "<int:pk>/y-kien/<int:opinion_pk>/",
        opinions.opinion_row_update,
        name="opinion_row_update",
    ),
    path(
        "<int:pk>/y-kien/<int:opinion_pk>/xoa/",
        opinions.opinion_row_delete,
        name="opinion_row_delete",
    ),
    path("<int:pk>/y-kien/<int:opinion_pk>/sua/", opinions.opinion_edit, name="opinion_edit"),
    path("<int:pk>/y-kien/xuat/", excel.opinions_export, name="opinions_export"),
    path("<int:pk>/y-kien/mau/", excel.opinions_template, name="opinions_template"),
    path("<int:pk>/y-kien/nhap/", excel.opinions_import, name="opinions_import"),
    path(
        "<int:pk>/y-kien/nhap/xac-nhan/",
        excel.opinions_import_confirm,
        name="opinions_import_confirm",
    ),
]
