app_name = "rollup"
urlpatterns: list = []
