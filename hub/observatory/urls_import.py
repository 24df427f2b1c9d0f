from django.urls import path

from . import views_import

app_name = "observatory_import"
urlpatterns = [
    path("", views_import.run_list, name="run_list"),
    path("nueva/", views_import.upload, name="upload"),
    path("<int:pk>/", views_import.run_detail, name="run_detail"),
    path("<int:pk>/estado/", views_import.run_status, name="run_status"),
]
