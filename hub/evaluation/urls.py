from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicadores/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicadores/<slug:code>/como-se-calcula/", views.method, name="method"),
    path("periodos/", views.periods, name="periods"),
    path("periodos/<int:pk>/cerrar/", views.period_close, name="period_close"),
    path("periodos/<int:pk>/corregir/", views.period_correct, name="period_correct"),
    path("metas/", views.target_set, name="target_set"),
    path("convenios/", views.agreement_quality, name="agreement_quality"),
    path("convenios/<int:pk>/calidad/", views.agreement_quality_set, name="agreement_quality_set"),
    path("memorias/", views.report_list, name="report_list"),
    path("memorias/generar/", views.report_create, name="report_create"),
    path("memorias/<int:pk>/", views.report_detail, name="report_detail"),
    path("memorias/<int:pk>/memoria.pdf", views.report_pdf, name="report_pdf"),
    path("memorias/<int:pk>/memoria.csv", views.report_csv, name="report_csv"),
    path("memorias/<int:pk>/memoria.json", views.report_json, name="report_json"),
    path("valor/", views.value_index, name="value_index"),
    path("valor/generar/", views.value_batch_start, name="value_batch_start"),
    path("valor/lotes/<int:pk>/", views.value_batch, name="value_batch"),
    path("valor/<str:cut>/", views.value_report, name="value_report"),
    path("valor/<str:cut>/reporte.pdf", views.value_report_pdf, name="value_report_pdf"),
]
