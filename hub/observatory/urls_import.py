app_name = "observatory_import"
urlpatterns: list = []
