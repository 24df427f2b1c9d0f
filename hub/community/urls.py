from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("", views.index, name="index"),
    path("preguntar/", views.question_create, name="question_create"),
    path("<int:pk>/", views.question_detail, name="question_detail"),
    path("<int:pk>/responder/", views.answer_create, name="answer_create"),
    path("<int:pk>/seguir/", views.follow_question, name="follow_question"),
    path("<int:pk>/reportar/", views.question_report, name="question_report"),
    path("<int:pk>/ocultar/", views.question_hide, name="question_hide"),
    path("<int:pk>/restituir/", views.question_restore, name="question_restore"),
    path("respuesta/<int:pk>/aceptar/", views.answer_accept, name="answer_accept"),
    path("respuesta/<int:pk>/reportar/", views.answer_report, name="answer_report"),
    path("respuesta/<int:pk>/ocultar/", views.answer_hide, name="answer_hide"),
    path("respuesta/<int:pk>/restituir/", views.answer_restore, name="answer_restore"),
    path("desafio/<slug:code>/seguir/", views.follow_challenge, name="follow_challenge"),
    path("moderacion/", views.moderation, name="moderation"),
    path("moderacion/reporte/<int:pk>/descartar/", views.report_dismiss, name="report_dismiss"),
]
