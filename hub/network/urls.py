from django.urls import path

from . import views, views_events

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
    path("eventos/", views_events.event_list, name="event_list"),
    path("eventos/<int:pk>/", views_events.event_detail, name="event_detail"),
    path("eventos/<int:pk>/inscribir/", views_events.registration_create, name="registration_create"),
    path("inscripciones/<int:pk>/editar/", views_events.registration_edit, name="registration_edit"),
    path("inscripciones/<int:pk>/cancelar/", views_events.registration_cancel, name="registration_cancel"),
    path("inscripciones/<int:pk>/asistencia/", views_events.registration_attendance, name="registration_attendance"),
    path("premios/", views_events.award_list, name="award_list"),
    path("premios/<int:pk>/", views_events.award_detail, name="award_detail"),
    path("premios/categorias/<int:pk>/nominar/", views_events.nomination_create, name="nomination_create"),
    path("premios/nominaciones/<int:pk>/ganadora/", views_events.nomination_winner, name="nomination_winner"),
]
