app_name = "observatory"
urlpatterns: list = []
