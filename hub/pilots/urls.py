from django.urls import path

from . import views

app_name = "pilots"
urlpatterns = [
    path("", views.index, name="index"),
    path("nuevo/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/preregistro/", views.registration_page, name="registration"),
    path("<int:pk>/preregistro/v<int:number>.json", views.registration_json, name="registration_json"),
    path("<int:pk>/caso.pdf", views.case_pdf, name="case_pdf"),
    path("<int:pk>/equipo/", views.team, name="team"),
    path("<int:pk>/editar/", views.edit, name="edit"),
    path("<int:pk>/equipo/integrantes/", views.team_add, name="team_add"),
    path("<int:pk>/candidatas/", views.candidates_add, name="candidates_add"),
    path("<int:pk>/sorteo/", views.draw, name="draw"),
    path("<int:pk>/seleccion-manual/", views.manual_select, name="manual_select"),
    path("<int:pk>/compromisos/", views.commitment_add, name="commitment_add"),
    path("<int:pk>/compromisos/<int:commitment_pk>/archivo/", views.commitment_file, name="commitment_file"),
    path("<int:pk>/preregistro/editar/", views.registration_edit, name="registration_edit"),
    path("<int:pk>/preregistro/congelar/", views.freeze, name="freeze"),
    path("<int:pk>/preregistro/enmendar/", views.amend, name="amend"),
    path("<int:pk>/iniciar/", views.start_implementation, name="start_implementation"),
    path("<int:pk>/medir/", views.start_measurement, name="start_measurement"),
    path("<int:pk>/mediciones/", views.measurement_add, name="measurement_add"),
    path("<int:pk>/mediciones/<int:measurement_pk>/evidencia/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/analisis/", views.analyse, name="analyse"),
    path("<int:pk>/ajustes/", views.adjustment_add, name="adjustment_add"),
    path("<int:pk>/cerrar/", views.close, name="close"),
]
