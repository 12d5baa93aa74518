from django.urls import path

from danvan.rollup import views

app_name = "rollup"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("excel/<slug:key>/", views.dashboard_xlsx, name="table_xlsx"),
    path("xuat/", views.export_create, name="export_create"),
    path("da-xuat/", views.export_list, name="exports"),
    path("xuat/<int:pk>/", views.export_detail, name="export"),
    path("xuat/<int:pk>/tai-ve/", views.export_download, name="export_download"),
    path("xuat/<int:pk>/thu-lai/", views.export_retry, name="export_retry"),
    path("ban-hanh/", views.issue_create, name="issue_create"),
    path("so-van-ban-di/", views.register, name="register"),
]
