"""The profile pages where a user creates and revokes personal access tokens."""

from django.urls import path

from danvan.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
