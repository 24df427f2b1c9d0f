from django.urls import path

from . import views_import

app_name = "observatory_import"
urlpatterns = [
    path("", views_import.run_list, name="run_list"),
    path("nueva/", views_import.upload, name="upload"),
    path("<int:pk>/", views_import.run_detail, name="run_detail"),
    path("<int:pk>/estado/", views_import.run_status, name="run_status"),
    path("<int:pk>/confirmar/", views_import.run_commit, name="run_commit"),
    path("<int:pk>/reintentar/", views_import.run_retry, name="run_retry"),
    path("<int:pk>/cambios/", views_import.run_changes, name="run_changes"),
    path("<int:pk>/revertir/", views_import.run_revert, name="run_revert"),
    path("indicadores/", views_import.indicator_list, name="indicator_list"),
    path("indicadores/nuevo/", views_import.indicator_create, name="indicator_create"),
    path("indicadores/<int:pk>/", views_import.indicator_edit, name="indicator_edit"),
    path("unidades/", views_import.unit_list, name="unit_list"),
]
