from django.urls import path

from . import views, views_staff

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("sesiones.ics", views.calendar, name="calendar"),
    path("programas/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("versiones/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("versiones/<int:pk>/inscribir/", views.enrol, name="enrol"),
    path("inscripciones/<int:pk>/retirar/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path("mi-formacion/", views.my_training, name="my_training"),
    path("coordinacion/", views.coordinator, name="coordinator"),
    # Hub staff
    path("gestion/", views_staff.manage, name="manage"),
    path("gestion/programas/nuevo/", views_staff.programme_create, name="programme_create"),
    path("gestion/versiones/nueva/", views_staff.cohort_create, name="cohort_create"),
    path("gestion/versiones/<int:pk>/", views_staff.cohort_manage, name="cohort_manage"),
    path("gestion/versiones/<int:pk>/estado/", views_staff.cohort_transition, name="cohort_transition"),
    path("gestion/versiones/<int:pk>/regla/", views_staff.cohort_rule, name="cohort_rule"),
    path("gestion/versiones/<int:pk>/sesiones/", views_staff.session_add, name="session_add"),
    path("gestion/versiones/<int:pk>/evaluaciones/", views_staff.assessment_add, name="assessment_add"),
    path("gestion/versiones/<int:pk>/importar/", views_staff.enrolment_import, name="enrolment_import"),
    path("gestion/versiones/<int:pk>/exportar.csv", views_staff.cohort_export_csv, name="cohort_export_csv"),
    path("gestion/versiones/<int:pk>/exportar.xlsx", views_staff.cohort_export_xlsx, name="cohort_export_xlsx"),
    path("gestion/inscripciones/<int:pk>/", views_staff.enrolment_action, name="enrolment_action"),
    path("gestion/sesiones/<int:pk>/asistencia/", views_staff.attendance, name="attendance"),
    path("gestion/evaluaciones/<int:pk>/notas/", views_staff.grades, name="grades"),
    path("gestion/certificados/<int:pk>/", views_staff.certificate_action, name="certificate_action"),
    path("gestion/cobertura/", views_staff.coverage, name="coverage"),
    path("gestion/coordinaciones/", views_staff.coordinators, name="coordinators"),
    path("gestion/cupos/", views_staff.pools, name="pools"),
    path("gestion/claves/", views_staff.signing_keys, name="signing_keys"),
]
