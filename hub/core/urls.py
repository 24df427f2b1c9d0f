from django.urls import path

from . import staff_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("auditoria/<str:app_label>/<str:model>/<str:pk>/", staff_views.audit_object, name="audit_object"),
    path("privacidad/", staff_views.privacy_inventory, name="privacy_inventory"),
    path("privacidad/exportar/", staff_views.privacy_export, name="privacy_export"),
    path("privacidad/anonimizar/<int:pk>/", staff_views.privacy_erase, name="privacy_erase"),
]
