from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.network_overview, name="overview"),
    path("experiencias/", views.practice_list, name="practice_list"),
    path("experiencias/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("experiencias/<int:pk>/editar/", views.practice_edit, name="practice_edit"),
    path("experiencias/<int:pk>/enviar/", views.practice_submit, name="practice_submit"),
    path("experiencias/<int:pk>/replicar/", views.replication_create, name="replication_create"),
    path("soluciones/<int:pk>/replicar/", views.solution_replication_create, name="solution_replication_create"),
    path("replicaciones/<int:pk>/editar/", views.replication_edit, name="replication_edit"),
    path("mi-comuna/", views.my_practices, name="my_practices"),
    path("mi-comuna/experiencias/nueva/", views.practice_create, name="practice_create"),
    path("revision/", views.review_queue, name="review_queue"),
    path("revision/<int:pk>/", views.practice_review, name="practice_review"),
    path("eventos/", views.event_list, name="event_list"),
    path("eventos/<int:pk>/", views.event_detail, name="event_detail"),
    path("eventos/<int:pk>/inscribir/", views.registration_create, name="registration_create"),
    path("inscripciones/<int:pk>/editar/", views.registration_edit, name="registration_edit"),
    path("inscripciones/<int:pk>/cancelar/", views.registration_cancel, name="registration_cancel"),
    path("inscripciones/<int:pk>/asistencia/", views.registration_attendance, name="registration_attendance"),
    path("premios/", views.award_list, name="award_list"),
    path("premios/<int:pk>/", views.award_detail, name="award_detail"),
    path("premios/categorias/<int:pk>/nominar/", views.nomination_create, name="nomination_create"),
    path("premios/nominaciones/<int:pk>/ganadora/", views.nomination_winner, name="nomination_winner"),
]
