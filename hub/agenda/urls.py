from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("", views.index, name="index"),
    path("nuevo/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/editar/", views.item_edit, name="item_edit"),
    path("<int:pk>/etapa/", views.item_move, name="item_move"),
    path("<int:pk>/posicion/", views.position_add, name="position_add"),
    path("<int:pk>/evidencia/", views.evidence_add, name="evidence_add"),
    path("participacion/", views.participation_list, name="participation_list"),
    path("participacion/nueva/", views.participation_create, name="participation_create"),
    path("presencia/", views.presence, name="presence"),
    path("presencia/mencion/", views.mention_create, name="mention_create"),
    path("presencia/red/", views.network_create, name="network_create"),
    path("presencia/actividad/", views.activity_create, name="activity_create"),
]
