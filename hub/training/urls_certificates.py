"""Public certificate verification: /certificados/verificar/<code>/, downloads, and the revocation status list."""

from django.urls import path

from . import views_certificates as views

app_name = "certificates"
urlpatterns = [
    path("verificar/", views.verify_form, name="verify_form"),
    path("verificar/<str:code>/", views.verify, name="verify"),
    path("verificar/<str:code>/pdf/", views.certificate_pdf, name="pdf"),
    path("verificar/<str:code>/credencial.json", views.certificate_json, name="credential"),
    path("estado/<int:list_id>/", views.status_list, name="status_list"),
]
