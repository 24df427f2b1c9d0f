from django.urls import path

from . import views

app_name = "roadmap"
urlpatterns = [
    path("", views.index, name="index"),
    path("etapas/<int:number>/", views.stage_detail, name="stage_detail"),
    path("etapas/<int:number>/iniciar/", views.stage_start, name="stage_start"),
    path("etapas/<int:number>/decision/", views.gate_decide, name="gate_decide"),
    path("etapas/<int:number>/constancia/", views.criterion_attest, name="criterion_attest"),
]
