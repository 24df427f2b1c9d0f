from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("", views.index, name="index"),
    path("publicas/<int:pk>/", views.public_detail, name="public_detail"),
    path("publicas/<int:pk>/informe.pdf", views.public_report_pdf, name="public_report_pdf"),
    path("solicitar/", views.request_create, name="request_create"),
    path("mis-asistencias/", views.engagement_list, name="engagement_list"),
    path("tablero/", views.board, name="board"),
    path("<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("<int:pk>/estado/", views.engagement_transition, name="engagement_transition"),
    path("<int:pk>/autodiagnostico/", views.self_assessment, name="self_assessment"),
    path("<int:pk>/equipo/", views.team_add, name="team_add"),
    path("equipo/<int:pk>/conflicto/", views.conflict_declare, name="conflict_declare"),
    path("<int:pk>/propuestas/nueva/", views.proposal_create, name="proposal_create"),
    path("propuestas/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("propuestas/<int:pk>/editar/", views.proposal_edit, name="proposal_edit"),
    path("propuestas/<int:pk>/enviar/", views.proposal_send, name="proposal_send"),
    path("propuestas/<int:pk>/aceptar/", views.proposal_accept, name="proposal_accept"),
    path("propuestas/<int:pk>/rechazar/", views.proposal_reject, name="proposal_reject"),
    path("<int:pk>/convenio/", views.agreement_link, name="agreement_link"),
    path("hitos/<int:pk>/entregable/", views.deliverable_upload, name="deliverable_upload"),
    path("entregables/<int:pk>/", views.deliverable_download, name="deliverable_download"),
    path("hitos/<int:pk>/enviar/", views.milestone_submit, name="milestone_submit"),
    path("hitos/<int:pk>/revisar/", views.milestone_review, name="milestone_review"),
    path("<int:pk>/cambios/", views.scope_change_create, name="scope_change_create"),
    path("cambios/<int:pk>/decidir/", views.scope_change_decide, name="scope_change_decide"),
    path("<int:pk>/informe/", views.report_edit, name="report_edit"),
    path("<int:pk>/recomendaciones/", views.recommendation_add, name="recommendation_add"),
    path("recomendaciones/<int:pk>/avance/", views.recommendation_update, name="recommendation_update"),
    path("<int:pk>/informe.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/publicar/", views.report_publish, name="report_publish"),
    path("<int:pk>/revision/", views.review_create, name="review_create"),
    path("<int:pk>/encuesta/", views.survey, name="survey"),
]
