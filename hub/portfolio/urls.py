from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.solution_list, name="solution_list"),
    path("soluciones/gestion/", views.solution_manage, name="solution_manage"),
    path("soluciones/nueva/", views.solution_create, name="solution_create"),
    path("soluciones/<int:pk>/", views.solution_detail, name="solution_detail"),
    path("soluciones/<int:pk>/editar/", views.solution_edit, name="solution_edit"),
    path("soluciones/<int:pk>/enviar/", views.solution_submit, name="solution_submit"),
    path("soluciones/<int:pk>/revisar/", views.solution_review, name="solution_review"),
    path("soluciones/<int:pk>/publicar/", views.solution_publish, name="solution_publish"),
    path("soluciones/<int:pk>/retirar/", views.solution_retire, name="solution_retire"),
    path("subtemas/", views.subtheme_manage, name="subtheme_manage"),
    path("biblioteca/", views.library_list, name="library_list"),
    path("biblioteca/nuevo/", views.library_create, name="library_create"),
    path("biblioteca/<int:pk>/", views.library_detail, name="library_detail"),
    path("biblioteca/<int:pk>/archivo/", views.library_download, name="library_download"),
    path("ecosistema/", views.unit_list, name="unit_list"),
    path("ecosistema/mapa/", views.ecosystem_map, name="ecosystem_map"),
    path("ecosistema/matriz/", views.ecosystem_matrix, name="ecosystem_matrix"),
    path("ecosistema/unidades/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
