from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan import views
from danvan.api import main as api_main

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("chon/", views.picker_set, name="picker_set"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path(
        "dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChange.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("don-vi/", include("danvan.orgs.urls")),
    path("bao-cao/", include("reports.urls")),
    path("dan-van-kheo/", include("models_catalog.urls")),
    path("don-thu/", include("petitions.urls")),
    path("doi-thoai/", include("dialogues.urls")),
    path("tong-hop/", include("danvan.rollup.urls")),
    path("quan-ly/", include("danvan.administration.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api_main.urls()),
    path("tai-khoan/api/", include("danvan.api.urls")),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
