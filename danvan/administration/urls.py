from django.urls import path

from danvan.administration import views

app_name = "administration"
urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:pk>/", views.unit_page, name="unit"),
    path("don-vi/<int:pk>/them/", views.unit_add, name="unit_add"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/ke-thua/", views.lineage_add, name="lineage_add"),
    path("don-vi/<int:pk>/nhap-excel/", views.units_import, name="units_import"),
    path("don-vi/<int:pk>/mau-excel/", views.units_template, name="units_template"),
    path("don-vi/<int:pk>/nhap-nguoi-dung/", views.people_import, name="people_import"),
    path("don-vi/<int:pk>/mau-nguoi-dung/", views.people_template, name="people_template"),
    path("don-vi/<int:pk>/co-quan/", views.body_edit, name="body_add"),
    path("don-vi/<int:pk>/co-quan/<int:body_pk>/", views.body_edit, name="body_edit"),
    path("don-vi/<int:pk>/nguoi-dung/them/", views.person_add, name="person_add"),
    path("don-vi/<int:pk>/cap-quyen/", views.grant, name="grant"),
    path("vai-tro/<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("nguoi-dung/<int:pk>/mat-khau/", views.temporary_password, name="temporary_password"),
    path("nguoi-dung/<int:pk>/khoa/", views.deactivate, name="deactivate"),
]
