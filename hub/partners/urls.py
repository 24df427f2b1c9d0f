from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("organizaciones/", views.organization_list, name="organization_list"),
    path("organizaciones/nueva/", views.organization_create, name="organization_create"),
    path("organizaciones/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizaciones/<int:pk>/editar/", views.organization_edit, name="organization_edit"),
    path("convenios/", views.agreement_list, name="agreement_list"),
    path("convenios/convenios.csv", views.agreement_csv, name="agreement_csv"),
    path("convenios/por-vencer/", views.agreement_expiring, name="agreement_expiring"),
    path("convenios/nuevo/", views.agreement_create, name="agreement_create"),
    path("convenios/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("convenios/<int:pk>/editar/", views.agreement_edit, name="agreement_edit"),
    path("convenios/<int:pk>/documento/", views.agreement_document, name="agreement_document"),
    path("convenios/<int:pk>/partes/", views.agreement_party_add, name="agreement_party_add"),
    path(
        "convenios/<int:pk>/partes/<int:party_pk>/quitar/", views.agreement_party_remove, name="agreement_party_remove"
    ),
    path("convenios/<int:pk>/montos/", views.agreement_transfer_add, name="agreement_transfer_add"),
    path(
        "convenios/<int:pk>/montos/<int:transfer_pk>/quitar/",
        views.agreement_transfer_remove,
        name="agreement_transfer_remove",
    ),
    path("convenios/<int:pk>/estado/", views.agreement_transition, name="agreement_transition"),
    path("mesas/", views.group_list, name="group_list"),
    path("mesas/nueva/", views.group_create, name="group_create"),
    path("mesas/acuerdos-vencidos/", views.overdue_overview, name="overdue_overview"),
    path("mesas/<int:pk>/", views.group_detail, name="group_detail"),
    path("mesas/<int:pk>/editar/", views.group_edit, name="group_edit"),
    path("mesas/<int:pk>/integrantes/nuevo/", views.group_member_add, name="group_member_add"),
    path("mesas/<int:pk>/sesiones/nueva/", views.session_create, name="session_create"),
    path("sesiones/<int:pk>/editar/", views.session_edit, name="session_edit"),
    path("sesiones/<int:pk>/acuerdos/nuevo/", views.action_create, name="action_create"),
    path("acuerdos/<int:pk>/editar/", views.action_edit, name="action_edit"),
    path("proyectos/", views.project_list, name="project_list"),
    path("proyectos/nuevo/", views.project_create, name="project_create"),
    path("proyectos/<int:pk>/", views.project_detail, name="project_detail"),
    path("proyectos/<int:pk>/editar/", views.project_edit, name="project_edit"),
]
