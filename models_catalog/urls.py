app_name = "models_catalog"
urlpatterns: list = []
