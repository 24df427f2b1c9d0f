from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("transparencia/", views.transparency, name="transparency"),
    path("transparencia/ingresos.csv", views.transparency_csv, name="transparency_csv"),
    path("cuotas/", views.scale_list, name="scale_list"),
    path("cuotas/simulador/", views.scale_simulator, name="scale_simulator"),
    path("cuotas/<int:pk>/", views.scale_detail, name="scale_detail"),
    path("cuotas/<int:pk>/aprobar/", views.scale_approve, name="scale_approve"),
    path("panel/", views.dashboard, name="dashboard"),
    path("panel/meta/", views.target_set, name="target_set"),
    path("resumen-anual/", views.annual_summary, name="annual_summary"),
    path("membresias/", views.membership_list, name="membership_list"),
    path("membresias/nueva/", views.membership_create, name="membership_create"),
    path("membresias/<str:cut>/", views.membership_detail, name="membership_detail"),
    path("membresias/<str:cut>/cuotas/", views.period_create, name="period_create"),
    path("membresias/<str:cut>/pagos/", views.payment_create, name="payment_create"),
    path("membresias/<str:cut>/retiro/", views.membership_notice, name="membership_notice"),
    path("membresias/<str:cut>/suspension/", views.membership_suspend, name="membership_suspend"),
    path("membresias/<str:cut>/rehabilitacion/", views.membership_reinstate, name="membership_reinstate"),
    path("ingresos/", views.revenue_list, name="revenue_list"),
    path("ingresos/nuevo/", views.revenue_create, name="revenue_create"),
    path("ingresos/<int:pk>/anular/", views.revenue_void, name="revenue_void"),
    path("revisiones/", views.review_list, name="review_list"),
    path("licencias/", views.saas_list, name="saas_list"),
    path("licencias/<int:pk>/renovar/", views.saas_renew, name="saas_renew"),
]
