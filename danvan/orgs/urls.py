from django.urls import path

from danvan.orgs import views

app_name = "orgs"
urlpatterns = [
    path("<path:path>/", views.unit_detail, name="unit_detail"),
]
