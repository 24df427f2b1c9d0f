from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("", views.comuna_list, name="comuna_list"),
    path("tipologia/", views.typology_rule, name="typology_rule"),
    path("tipologia/importar/", views.typology_import, name="typology_import"),
    path("<str:cut>/", views.comuna_detail, name="comuna_detail"),
]
